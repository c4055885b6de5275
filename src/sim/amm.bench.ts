import type { Benchmark } from '../../bench/runner.js';
import { Rng } from '../math/rng.js';
import { getSqrtRatioAtTick } from './amm/tickMath.js';
import { V3Pool } from './amm/v3Pool.js';

/**
 * Uniswap v3 swaps per second on a pool with 400 overlapping positions (tick spacing 60), alternating
 * directions with sizes that cross several initialized ticks per swap; exact bigint math as in `V3Pool`.
 */
async function timeSdk(pool: V3Pool, amounts: bigint[], n: number): Promise<number> {
  const { Token, CurrencyAmount } = await import('@uniswap/sdk-core');
  const { Pool } = await import('@uniswap/v3-sdk');
  const t0 = new Token(1, '0x0000000000000000000000000000000000000001', 18);
  const t1 = new Token(1, '0x0000000000000000000000000000000000000002', 18);
  const ticks = pool.initializedTicks().map((t) => ({
    index: t.index,
    liquidityNet: t.liquidityNet.toString(),
    liquidityGross: t.liquidityGross.toString(),
  }));
  let sdk = new Pool(t0, t1, 3000, pool.sqrtPriceX96.toString(), pool.liquidity.toString(), pool.tick, ticks);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const zeroForOne = sdk.tickCurrent > 0;
    const [, next] = await sdk.getOutputAmount(
      CurrencyAmount.fromRawAmount(zeroForOne ? t0 : t1, amounts[i & 1023].toString()),
    );
    sdk = next;
  }
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

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
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) swapOnce(i);
    const sec = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(c0);
    const cpuSec = (cpu.user + cpu.system) / 1e6;
    opts.log(`${n} swaps in ${sec.toFixed(3)} s, ${(crossed / n).toFixed(2)} ticks crossed per swap`);
    // peer: the official @uniswap/v3-sdk (JSBI math) quoting swaps of the same sizes on the same pool state
    const sdkSwapsPerSec = await timeSdk(pool, amounts, Number(opts.args.sdkSwaps ?? 1000));
    opts.log(`@uniswap/v3-sdk: ${sdkSwapsPerSec.toFixed(0)} swaps/s`);
    return {
      swaps: n,
      seconds: sec,
      swapsPerSec: n / sec,
      swapsPerCpuSec: n / cpuSec,
      ticksCrossedPerSwap: crossed / n,
      sdkSwapsPerSec,
      speedupVsSdk: n / sec / sdkSwapsPerSec,
    };
  },
};
