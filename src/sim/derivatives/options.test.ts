import { describe, expect, it } from 'vitest';
import { optionQuoteSchema, optionsSummarySchema } from '../../data/schemas/index.js';
import { MemorySink } from '../recordSink.js';
import { blackScholes, impliedVol } from './blackScholes.js';
import { IvSurface } from './ivSurface.js';
import { OptionsVenue } from './optionsVenue.js';

describe('Black-Scholes', () => {
  it('matches Hull example 15.6: S=42, K=40, r=10%, sigma=20%, T=0.5', () => {
    expect(blackScholes('call', 42, 40, 0.5, 0.2, 0.1).price).toBeCloseTo(4.76, 2);
    expect(blackScholes('put', 42, 40, 0.5, 0.2, 0.1).price).toBeCloseTo(0.81, 2);
  });

  it('matches Hull table 19 greeks: S=49, K=50, r=5%, sigma=20%, T=20 weeks', () => {
    const c = blackScholes('call', 49, 50, 0.3846, 0.2, 0.05);
    expect(c.price).toBeCloseTo(2.4, 2);
    expect(c.delta).toBeCloseTo(0.522, 3);
    expect(c.gamma).toBeCloseTo(0.066, 3);
    expect(c.vega).toBeCloseTo(12.1, 1);
    expect(c.theta).toBeCloseTo(-4.31, 2);
    expect(c.rho).toBeCloseTo(8.91, 2);
  });

  it('put-call parity C - P = S e^-qT - K e^-rT, and implied vol inverts the price', () => {
    for (const [s, k, t, v, r, q] of [
      [100, 90, 0.25, 0.6, 0.03, 0.01],
      [30_000, 45_000, 0.05, 0.9, 0.05, 0],
      [2000, 2000, 2, 0.3, 0, 0.02],
    ]) {
      const c = blackScholes('call', s, k, t, v, r, q);
      const p = blackScholes('put', s, k, t, v, r, q);
      expect(c.price - p.price).toBeCloseTo(s * Math.exp(-q * t) - k * Math.exp(-r * t), 8);
      expect(c.delta - p.delta).toBeCloseTo(Math.exp(-q * t), 12);
      expect(impliedVol('call', c.price, s, k, t, r, q)).toBeCloseTo(v, 8);
      expect(impliedVol('put', p.price, s, k, t, r, q)).toBeCloseTo(v, 8);
    }
    expect(Number.isNaN(impliedVol('call', 200, 100, 90, 1))).toBe(true);
  });
});

describe('OptionsVenue', () => {
  it('quotes from the surface, conserves cash, settles at expiry and reports GEX and summaries', () => {
    const sink = new MemorySink();
    const surf = new IvSurface({
      atmShort: 0.7,
      atmLong: 0.55,
      termDecayYears: 0.25,
      skew: -0.05,
      smile: 0.1,
    });
    const v = new OptionsVenue('simopt', 'BTC', surf, sink);
    const exp = 7 * 86_400_000;
    const call = v.list(50_000, exp, 'call');
    const put = v.list(45_000, exp, 'put');
    v.deposit(1, 100_000);
    v.deposit(2, 100_000);
    const q = v.quote(call.name, 50_000, 0);
    expect(q.bid).toBeLessThan(q.mark);
    expect(q.ask).toBeGreaterThan(q.mark);
    expect(v.quote(put.name, 50_000, 0).iv).toBeGreaterThan(surf.atm(7 / 365)); // put skew
    v.trade(1, call.name, 2, 50_000, 0);
    v.trade(2, put.name, 3, 50_000, 0);
    v.trade(2, call.name, -1, 50_000, 0);
    expect(v.gammaExposure(50_000, 0)).toBeLessThan(0); // dealer short net options
    v.emit(50_000, 0);
    for (const r of sink.get('optionQuotes')) optionQuoteSchema.parse(r);
    const sum = optionsSummarySchema.parse(sink.get('optionsSummary')[0]);
    expect(sum.putVolume).toBe(3);
    expect(sum.callVolume).toBe(3);
    expect(v.totalCash()).toBeCloseTo(200_000, 6);
    const c1 = v.cashOf(1);
    v.settleExpired(53_000, exp);
    expect(v.cashOf(1)).toBeCloseTo(c1 + 2 * 3000, 6);
    expect(v.totalCash()).toBeCloseTo(200_000, 6);
    expect(v.series.size).toBe(0);
  });
});
