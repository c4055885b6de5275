import type { Benchmark } from '../../bench/runner.js';
import { Rng } from '../math/rng.js';
import { getSqrtRatioAtTick } from './amm/tickMath.js';
import { V3Pool } from './amm/v3Pool.js';

/**
 * Uniswap v3 swaps per second on a pool with 400 overlapping positions (tick spacing 60), alternating
 * directions with sizes that cross several initialized ticks per swap; exact bigint math as in `V3Pool`.
 */
export const benchmark: Benchmark = {
  name: 'amm',
  description: 'Uniswap v3 swaps per second crossing initialized ticks (exact bigint math)',
  async run(opts) {
    const n = Number(opts.args.swaps ?? 20_000);
    const rng = new Rng(99);
    const pool = new V3Pool('bench', 3000, 60, getSqrtRatioAtTick(0));
    for (let i = 0; i < 400; i++) {
      const lo = (rng.int(200) - 100) * 60;
      pool.mint(`lp${i}`, lo, lo + (1 + rng.int(20)) * 60, 10n ** 18n * BigInt(1 + rng.int(100)));
    }
    const amounts: bigint[] = [];
    for (let i = 0; i < 1024; i++) amounts.push(BigInt(Math.floor(10 ** (18 + rng.uniform() * 1.5))));
    let crossed = 0;
    const swapOnce = (i: number) => {
      // drift back toward tick 0 so the price stays inside the liquidity
      const zeroForOne = pool.tick > 0 ? rng.uniform() < 0.6 : rng.uniform() < 0.4;
      crossed += pool.swap(zeroForOne, amounts[i & 1023]).ticksCrossed;
    };
    for (let i = 0; i < 2000; i++) swapOnce(i);
    crossed = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) swapOnce(i);
    const sec = Number(process.hrtime.bigint() - t0) / 1e9;
    opts.log(`${n} swaps in ${sec.toFixed(3)} s, ${(crossed / n).toFixed(2)} ticks crossed per swap`);
    return {
      swaps: n,
      seconds: sec,
      swapsPerSec: n / sec,
      ticksCrossedPerSwap: crossed / n,
      finalTick: pool.tick,
    };
  },
};
