import { describe, expect, it } from 'vitest';
import { nextBaseFee } from './chain.js';
import { PerpMarket } from './perpMarket.js';

describe('EIP-1559 base fee', () => {
  it('moves by at most 1/8 per block, exactly as the EIP reference', () => {
    const target = 15_000_000n;
    expect(nextBaseFee(1_000_000_000n, 30_000_000n, target)).toBe(1_125_000_000n);
    expect(nextBaseFee(1_000_000_000n, 0n, target)).toBe(875_000_000n);
    expect(nextBaseFee(1_000_000_000n, target, target)).toBe(1_000_000_000n);
    // (7 * 1) / 15e6 / 8 = 0 rounds up to the 1 wei minimum rise.
    expect(nextBaseFee(7n, 15_000_001n, target)).toBe(8n);
  });
});

describe('PerpMarket funding', () => {
  it('uses F = P + clamp(I - P, +-0.05%) clamped to +-0.75% (Binance)', () => {
    const p = new PerpMarket('BTC/USDT:USDT', 100, 1);
    p.premium = 0.0003;
    p.sample();
    expect(p.settleFunding()).toBeCloseTo(0.0001, 12);
    p.premium = 0.002;
    p.sample();
    expect(p.settleFunding()).toBeCloseTo(0.002 - 0.0005, 12);
    p.premium = 0.02;
    p.sample();
    expect(p.settleFunding()).toBeCloseTo(0.0075, 12);
  });
});
