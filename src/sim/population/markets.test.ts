import { describe, expect, it } from 'vitest';
import { PerpMarket } from './perpMarket.js';

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
