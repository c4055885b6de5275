import { describe, expect, it } from 'vitest';
import { basisSchema } from '../../data/schemas/market.js';
import { Rng } from '../../math/rng.js';
import { MemorySink } from '../population/recordSink.js';
import { DatedFuture, datedSymbol, frontQuarterlyExpiry, quarterlyExpiry } from './datedFuture.js';

const H = 3_600_000;

describe('quarterly dated future', () => {
  it('expires on the last Friday of the quarter month at 08:00 UTC', () => {
    expect(new Date(quarterlyExpiry(2026, 2)).toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(new Date(quarterlyExpiry(2026, 5)).toISOString()).toBe('2026-06-26T08:00:00.000Z');
    expect(new Date(quarterlyExpiry(2026, 8)).toISOString()).toBe('2026-09-25T08:00:00.000Z');
    expect(new Date(quarterlyExpiry(2026, 11)).toISOString()).toBe('2026-12-25T08:00:00.000Z');
    // a month ending on a Friday expires on that day
    expect(new Date(quarterlyExpiry(2024, 4)).toISOString()).toBe('2024-05-31T08:00:00.000Z');
    expect(new Date(quarterlyExpiry(2024, 2)).toISOString()).toBe('2024-03-29T08:00:00.000Z');
  });

  it('rolls to the next quarter when fewer than 7 days remain, across the year end', () => {
    expect(frontQuarterlyExpiry(Date.UTC(2026, 0, 5))).toBe(quarterlyExpiry(2026, 2));
    expect(frontQuarterlyExpiry(Date.UTC(2026, 2, 20, 8))).toBe(quarterlyExpiry(2026, 2));
    expect(frontQuarterlyExpiry(Date.UTC(2026, 2, 20, 9))).toBe(quarterlyExpiry(2026, 5));
    expect(frontQuarterlyExpiry(Date.UTC(2026, 11, 20))).toBe(quarterlyExpiry(2027, 2));
    expect(new Date(quarterlyExpiry(2027, 2)).toISOString()).toBe('2027-03-26T08:00:00.000Z');
    expect(datedSymbol('BTC/USDT:USDT', quarterlyExpiry(2026, 2))).toBe('BTC/USDT:USDT-260327');
  });

  it('prices by cost of carry with a premium that follows funding, writing valid basis records', () => {
    const run = (funding: number) => {
      const sink = new MemorySink();
      const f = new DatedFuture('BTC/USDT:USDT', new Rng(7).fork('dated-future'), sink);
      const t0 = Date.UTC(2026, 0, 5);
      for (let i = 0; i < 200; i++) f.hour(t0 + i * H, 50_000, 0.04, funding, 0);
      return { f, recs: sink.records.basis ?? [] };
    };
    const hot = run(0.0003);
    const flat = run(0);
    // carry settles at 0.6 * funding annualized + 0.02
    expect(hot.f.carry).toBeCloseTo(0.6 * 0.0003 * 3 * 365 + 0.02, 6);
    expect(flat.f.carry).toBeCloseTo(0.02, 6);
    const last = hot.recs[hot.recs.length - 1];
    const tYears = ((last.expiry as number) - (last.tsEvent as number)) / (365 * 86_400_000);
    const fair = Math.exp((0.04 + hot.f.carry) * tYears) - 1;
    expect(Math.abs((last.basis as number) - fair)).toBeLessThan(0.0002 * 5);
    expect(last.basis as number).toBeGreaterThan(flat.recs[flat.recs.length - 1].basis as number);
    for (const r of hot.recs) expect(basisSchema.safeParse(r).success).toBe(true);
    expect(last.symbol).toBe('BTC/USDT:USDT-260327');
    // same seed, same records
    expect(run(0.0003).recs).toEqual(hot.recs);
  });
});
