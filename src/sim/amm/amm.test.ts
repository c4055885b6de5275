import { CurrencyAmount, Token } from '@uniswap/sdk-core';
import { Pair } from '@uniswap/v2-sdk';
import { Pool, TickMath } from '@uniswap/v3-sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../math/rng.js';
import { V2Pair } from './v2Pair.js';
import { V3Pool } from './v3Pool.js';
import { MAX_TICK, MIN_TICK, getSqrtRatioAtTick, getTickAtSqrtRatio } from './tickMath.js';

const T0 = new Token(1, '0x0000000000000000000000000000000000000001', 18, 'T0');
const T1 = new Token(1, '0x0000000000000000000000000000000000000002', 18, 'T1');
const big = (x: { toString(): string }) => BigInt(x.toString());
type Jsbi = ReturnType<typeof TickMath.getSqrtRatioAtTick>;
/** The SDK's JSBI class, reached through a value it returns (jsbi ships CJS types TS cannot default-import). */
const JSBI = TickMath.getSqrtRatioAtTick(0).constructor as unknown as { BigInt(s: string): Jsbi };

function sdkPool(p: V3Pool, fee: number): Pool {
  return new Pool(
    T0,
    T1,
    fee,
    p.sqrtPriceX96.toString(),
    p.liquidity.toString(),
    p.tick,
    p.initializedTicks().map((t) => ({
      index: t.index,
      liquidityNet: t.liquidityNet.toString(),
      liquidityGross: t.liquidityGross.toString(),
    })),
  );
}

function seededPool(seed: number, fee: number, spacing: number): V3Pool {
  const rng = new Rng(seed);
  const pool = new V3Pool('pool', fee, spacing, getSqrtRatioAtTick(23_028)); // price ~ 10
  for (let i = 0; i < 12; i++) {
    const a = Math.round((23_028 + (rng.uniform() - 0.5) * 8000) / spacing) * spacing;
    const w = (1 + rng.int(60)) * spacing;
    const lo = Math.min(a, a + (rng.uniform() < 0.5 ? -w : w));
    pool.mint(`lp${i % 4}`, lo, lo + w, BigInt(Math.floor(1e18 * (0.1 + rng.uniform() * 50))));
  }
  pool.mint('wide', -887220, 887220, 10n ** 19n);
  return pool;
}

describe('TickMath', () => {
  it('matches the v3 SDK at and around every power of two and at random ticks', () => {
    const rng = new Rng(5);
    const ticks = [MIN_TICK, MAX_TICK, 0, -1, 1];
    for (let b = 0; b < 20; b++) ticks.push(1 << b, -(1 << b), (1 << b) - 1, -(1 << b) + 1);
    for (let i = 0; i < 300; i++) ticks.push(rng.int(2 * MAX_TICK + 1) - MAX_TICK);
    for (const t of ticks) {
      if (t < MIN_TICK || t > MAX_TICK) continue;
      const s = getSqrtRatioAtTick(t);
      expect(s).toBe(big(TickMath.getSqrtRatioAtTick(t)));
      if (t < MAX_TICK) {
        expect(getTickAtSqrtRatio(s)).toBe(t);
        expect(getTickAtSqrtRatio(s + 12345n)).toBe(
          TickMath.getTickAtSqrtRatio(JSBI.BigInt((s + 12345n).toString())),
        );
      }
    }
  });
});

describe('V3Pool vs @uniswap/v3-sdk', () => {
  for (const [fee, spacing] of [
    [3000, 60],
    [500, 10],
  ]) {
    it(`exact-in and exact-out swaps give the same amounts, sqrtPrice, tick and liquidity (fee ${fee})`, async () => {
      const pool = seededPool(fee, fee, spacing);
      const rng = new Rng(fee + 1);
      let crossed = 0;
      for (let i = 0; i < 40; i++) {
        const zeroForOne = rng.uniform() < 0.5;
        const exactIn = rng.uniform() < 0.6;
        const amount = BigInt(Math.floor(10 ** (15 + rng.uniform() * 3.5)));
        const sdk = sdkPool(pool, fee);
        const tokIn = zeroForOne ? T0 : T1;
        const tokOut = zeroForOne ? T1 : T0;
        const [sdkAmt, sdkNext] = exactIn
          ? await sdk.getOutputAmount(CurrencyAmount.fromRawAmount(tokIn, amount.toString()))
          : await sdk.getInputAmount(CurrencyAmount.fromRawAmount(tokOut, amount.toString()));
        const r = pool.swap(zeroForOne, exactIn ? amount : -amount);
        crossed += r.ticksCrossed;
        const paidIn = zeroForOne ? r.amount0 : r.amount1;
        const gotOut = -(zeroForOne ? r.amount1 : r.amount0);
        expect(exactIn ? gotOut : paidIn).toBe(big(sdkAmt.quotient));
        expect(r.sqrtPriceX96).toBe(big(sdkNext.sqrtRatioX96));
        expect(r.tick).toBe(sdkNext.tickCurrent);
        expect(r.liquidity).toBe(big(sdkNext.liquidity));
      }
      expect(crossed).toBeGreaterThan(5);
    });
  }

  it('property: random mints, burns, collects and swaps keep the pool solvent after every event', () => {
    const op = fc.record({
      kind: fc.integer({ min: 0, max: 4 }),
      who: fc.integer({ min: 0, max: 2 }),
      a: fc.integer({ min: -60, max: 60 }),
      w: fc.integer({ min: 1, max: 30 }),
      amt: fc.bigInt({ min: 10n ** 12n, max: 10n ** 20n }),
      dir: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const pool = new V3Pool('p', 3000, 60, getSqrtRatioAtTick(0));
        pool.mint('base', -6000, 6000, 10n ** 21n);
        let in0 = pool.balance0;
        let in1 = pool.balance1;
        for (const o of ops) {
          const lo = o.a * 60;
          const hi = lo + o.w * 60;
          const owner = `u${o.who}`;
          if (o.kind === 0) {
            const m = pool.mint(owner, lo, hi, o.amt);
            in0 += m.amount0;
            in1 += m.amount1;
          } else if (o.kind === 1) {
            const p = pool.position(owner, lo, hi);
            if (p && p.liquidity > 0n) pool.burn(owner, lo, hi, p.liquidity / 2n + 1n);
          } else if (o.kind === 2) {
            const c = pool.collect(owner, lo, hi, 2n ** 128n, 2n ** 128n);
            in0 -= c.amount0;
            in1 -= c.amount1;
          } else {
            try {
              const r = pool.swap(o.dir, o.kind === 3 ? o.amt : -o.amt / 100n);
              in0 += r.amount0;
              in1 += r.amount1;
            } catch (e) {
              if (!(e instanceof Error) || !/reserve/.test(e.message)) throw e;
            }
          }
          expect(pool.balance0).toBe(in0);
          expect(pool.balance1).toBe(in1);
          const s = pool.solvencySurplus();
          expect(s.surplus0 >= 0n && s.surplus1 >= 0n).toBe(true);
        }
      }),
      { numRuns: 40, seed: 3 },
    );
  });

  it('fee growth pays in-range liquidity pro rata', () => {
    const pool = new V3Pool('p', 3000, 60, getSqrtRatioAtTick(0));
    pool.mint('a', -600, 600, 10n ** 20n);
    pool.mint('b', -600, 600, 3n * 10n ** 20n);
    pool.mint('c', 1200, 1800, 10n ** 20n); // out of range: earns nothing
    pool.swap(true, 10n ** 18n);
    const fa = pool.feesOwed('a', -600, 600).fees0;
    const fb = pool.feesOwed('b', -600, 600).fees0;
    expect(pool.feesOwed('c', 1200, 1800).fees0).toBe(0n);
    expect(fb / 3n - fa <= 1n && fa - fb / 3n <= 1n).toBe(true);
    // 0.3% of 1e18 = 3e15, split 1:3 (rounding down)
    expect(3n * 10n ** 15n - (fa + fb)).toBeLessThanOrEqual(2n);
  });
});

describe('V2Pair vs @uniswap/v2-sdk', () => {
  it('getAmountOut / getAmountIn match exactly and k never decreases', () => {
    const rng = new Rng(11);
    const pair = new V2Pair('pair');
    pair.mint('lp', 10n ** 22n, 3n * 10n ** 25n);
    for (let i = 0; i < 60; i++) {
      const zeroForOne = rng.uniform() < 0.5;
      const sdk = new Pair(
        CurrencyAmount.fromRawAmount(T0, pair.reserve0.toString()),
        CurrencyAmount.fromRawAmount(T1, pair.reserve1.toString()),
      );
      const k0 = pair.reserve0 * pair.reserve1;
      if (rng.uniform() < 0.5) {
        const amt = BigInt(Math.floor(10 ** (16 + rng.uniform() * 6)));
        const [out] = sdk.getOutputAmount(CurrencyAmount.fromRawAmount(zeroForOne ? T0 : T1, amt.toString()));
        expect(pair.swapExactIn(amt, zeroForOne)).toBe(big(out.quotient));
      } else {
        const rOut = zeroForOne ? pair.reserve1 : pair.reserve0;
        const amt = (rOut * BigInt(1 + rng.int(100))) / 1000n;
        const [inp] = sdk.getInputAmount(CurrencyAmount.fromRawAmount(zeroForOne ? T1 : T0, amt.toString()));
        expect(pair.swapExactOut(amt, zeroForOne)).toBe(big(inp.quotient));
      }
      expect(pair.reserve0 * pair.reserve1 >= k0).toBe(true);
    }
  });

  it('mints with the minimum-liquidity lock and burns pro rata', () => {
    const pair = new V2Pair('pair');
    const l = pair.mint('a', 4_000_000n, 1_000_000n);
    expect(l).toBe(2_000_000n - 1000n);
    const l2 = pair.mint('b', 400_000n, 100_000n);
    expect(l2).toBe(200_000n);
    const out = pair.burn('b', l2);
    expect(out).toEqual({ amount0: 400_000n, amount1: 100_000n });
    expect(() => pair.burn('b', 1n)).toThrow(/holds 0/);
  });
});

describe('sqrtBigInt', () => {
  it('is the exact floor square root, fast for large inputs', async () => {
    const { sqrtBigInt } = await import('./fullMath.js');
    const rng = new Rng(4);
    for (let i = 0; i < 300; i++) {
      const n = BigInt(Math.floor(rng.uniform() * 1e15)) * 10n ** BigInt(rng.int(60)) + BigInt(rng.int(1000));
      const r = sqrtBigInt(n);
      expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
    }
    expect(sqrtBigInt(10n ** 46n)).toBe(10n ** 23n);
    expect(sqrtBigInt(10n ** 46n - 1n)).toBe(10n ** 23n - 1n);
  });
});
