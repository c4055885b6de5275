import { describe, expect, it } from 'vitest';
import { Rng } from '../../math/rng.js';
import { ChainState } from './chain.js';
import { V2Dex, V3Dex, fromRaw, toRaw } from './dex.js';
import { MemorySink } from './recordSink.js';

function setup() {
  const sink = new MemorySink();
  const chain = new ChainState('ethereum', 12_000, true, 1e8, new Rng(1), sink, 0);
  return { sink, chain };
}

describe('toRaw / fromRaw', () => {
  it('converts human amounts to base units at 18 and 6 decimals', () => {
    expect(toRaw(10, 18)).toBe(10n ** 19n);
    expect(toRaw(1.5, 6)).toBe(1_500_000n);
    expect(toRaw(-3, 6)).toBe(0n);
    expect(fromRaw(2_500_000n, 6)).toBe(2.5);
  });
});

describe('V2Dex (exact V2Pair)', () => {
  it('swaps with the v2 getAmountOut in base units and writes the swap record', () => {
    const { sink, chain } = setup();
    const pool = new V2Dex('0xpool', 'ETH', 3000, 60_000_000, chain, sink);
    const r0 = pool.pair.reserve0;
    const r1 = pool.pair.reserve1;
    expect(pool.price()).toBeCloseTo(3000, 6);
    const out = pool.swap(0, '0xa', 10, true);
    const amountIn = 10n ** 19n;
    // Uniswap v2 getAmountOut: amountIn * 997 * reserveOut / (reserveIn * 1000 + amountIn * 997), floored.
    const expected = (amountIn * 997n * r1) / (r0 * 1000n + amountIn * 997n);
    expect(out).toBe(fromRaw(expected, 6));
    expect(pool.pair.reserve0 * pool.pair.reserve1).toBeGreaterThan(r0 * r1);
    const swaps = sink.records.dexSwaps ?? [];
    expect(swaps).toHaveLength(1);
    expect(swaps[0].amountIn).toBe('10000000000000000000');
    expect(swaps[0].amountOut).toBe(expected.toString());
    expect(swaps[0].venue).toBe('uniswap_v2');
  });

  it('moves the price to a target with swapToPrice and mints/burns LP tokens', () => {
    const { sink, chain } = setup();
    const pool = new V2Dex('0xpool', 'ETH', 3000, 60_000_000, chain, sink);
    const { d0, d1 } = pool.swapToPrice(0, '0xarb', 2970);
    expect(d0).toBeLessThan(0);
    expect(d1).toBeGreaterThan(0);
    expect(pool.price()).toBeCloseTo(2970, 0);
    const supply = pool.pair.totalSupply;
    pool.changeLiquidity('0xlp1', 0.02);
    expect(pool.pair.lpBalance('0xlp1')).toBeGreaterThan(0n);
    pool.changeLiquidity('0xlp1', -0.04);
    expect(pool.pair.lpBalance('0xlp1')).toBe(0n);
    expect(pool.pair.totalSupply).toBeLessThan(supply);
    expect(pool.price()).toBeCloseTo(2970, 0);
  });
});

describe('V3Dex (exact V3Pool)', () => {
  it('starts at the price, arbitrages to a target and stays solvent', () => {
    const { sink, chain } = setup();
    const pool = new V3Dex('0xv3', 'ETH', 3000, 40_000_000, 0.3, chain, sink);
    expect(pool.price()).toBeCloseTo(3000, 0);
    pool.setRange('0xlp', 2900, 3100, 5_000_000);
    expect(pool.rangeCount()).toBe(2);
    const up = pool.swapToPrice(0, '0xarb', 3050);
    expect(up.d0).toBeGreaterThan(0);
    expect(up.d1).toBeLessThan(0);
    expect(pool.price() / 3050 - 1).toBeLessThan(2e-4);
    const down = pool.swapToPrice(1, '0xarb', 3000);
    expect(down.d0).toBeLessThan(0);
    expect(pool.price() / 3000 - 1).toBeGreaterThan(-2e-4);
    // Round trip through fees: the trader ends with less value than it started with.
    expect(up.d1 + down.d1 + (up.d0 + down.d0) * 3000).toBeLessThan(0);
    const s = pool.v3.solvencySurplus();
    expect(s.surplus0 >= 0n && s.surplus1 >= 0n).toBe(true);
    const swaps = sink.records.dexSwaps ?? [];
    expect(swaps).toHaveLength(2);
    expect(swaps[0].venue).toBe('uniswap_v3');
    // Withdrawing the range pays it out of the pool balances.
    const b1 = pool.v3.balance1;
    pool.setRange('0xlp', 0, 0, 0);
    expect(pool.rangeCount()).toBe(1);
    expect(pool.v3.balance1).toBeLessThan(b1);
  });
});
