import { describe, expect, it } from 'vitest';
import { roundHalfEven } from './fixed.js';
import { Instrument } from './instrument.js';
import { addPrice, priceFromNumber, priceToNumber, subPrice } from './price.js';
import { addQuantity, quantityFromNumber, subQuantity } from './quantity.js';

const spec = {
  symbol: 'BTC/USDT',
  venue: 'simx',
  pricePrecision: 2,
  tickSize: 0.05,
  sizePrecision: 3,
  lotSize: 0.001,
  makerFee: 0.0001,
  takerFee: 0.0005,
};

describe('fixed-point types', () => {
  it('rounds half to even, robust to float noise', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001].map(roundHalfEven)).toEqual([0, 2, 2, 0, -2, 2, 3]);
    expect(roundHalfEven(0.125 * 100 - 10)).toBe(2); // 2.5 with float noise -> even
  });

  it('prices and quantities refuse mixed precision and negative results', () => {
    const a = priceFromNumber(100.125, 2);
    expect(a.raw).toBe(10012);
    expect(priceToNumber(addPrice(a, priceFromNumber(0.01, 2)))).toBe(100.13);
    expect(() => subPrice(a, priceFromNumber(1, 3))).toThrow(/precision/);
    expect(() => subQuantity(quantityFromNumber(1, 3), quantityFromNumber(2, 3))).toThrow(/negative/);
    expect(addQuantity(quantityFromNumber(1.5, 1), quantityFromNumber(2, 1)).raw).toBe(35);
    expect(() => quantityFromNumber(-1, 2)).toThrow(/>= 0/);
  });

  it('Instrument.makePrice / makeQty quantize half-even to ticks and lots', () => {
    const inst = new Instrument(spec);
    expect(inst.id).toBe('BTC/USDT.simx');
    expect(inst.makePrice(100.025)).toBe(2000); // 2000.5 ticks -> even
    expect(inst.makePrice(100.075)).toBe(2002); // 2001.5 -> even
    expect(inst.priceOf(2001)).toBe(100.05);
    expect(inst.makeQty(0.0125)).toBe(12);
    expect(inst.sizeOf(12)).toBe(0.012);
    expect(() => inst.makeQty(0.0004)).toThrow(/rounds to zero lots/);
    expect(() => inst.makePrice(Number.NaN)).toThrow(/finite/);
    expect(() => new Instrument({ ...spec, tickSize: 0.005 })).toThrow(/multiple/);
    expect(() => new Instrument({ ...spec, makerFee: -0.001 })).toThrow(/rebate/);
  });
});
