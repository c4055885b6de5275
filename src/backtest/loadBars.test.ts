import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../data/describeSharedData.js';
import { InputFileError } from '../errors/data.js';
import { loadCarryPanel, loadDailyPanel, loadPanel } from './loadBars.js';

describeSharedData('shared bar loaders', () => {
  it('aligns daily majors on one grid, NaN before listing, without the in-progress last candle', () => {
    const p = loadDailyPanel(['BTCUSDT', 'SOLUSDT']);
    expect(p.intervalMs).toBe(86_400_000);
    expect(new Date(p.ts[0]).toISOString().slice(0, 10)).toBe('2017-08-17');
    expect(new Date(p.ts[p.ts.length - 1]).toISOString().slice(0, 10)).toBe('2026-01-05');
    expect(Number.isNaN(p.close[1][0])).toBe(true);
    expect(p.close[0][0]).toBeCloseTo(4285.08, 6);
  });

  it('reads hourly bars and the carry panel', () => {
    const h = loadPanel(['ETHUSDT'], '1h', { from: Date.UTC(2023, 0, 1), to: Date.UTC(2023, 0, 2) });
    expect(h.intervalMs).toBe(3_600_000);
    expect(h.ts.length).toBe(24);
    const c = loadCarryPanel({ from: Date.UTC(2020, 0, 1), to: Date.UTC(2020, 1, 1) });
    expect(c.symbols).toEqual(['BTCUSDT', 'BTCUSDT-PERP']);
    expect(c.perp).toEqual([false, true]);
    expect(c.funding?.[1]?.[0]).toBeCloseTo(3 * -0.000114686666666667, 12); // 3 x the mean 8h print of 2020-01-01
    expect(() => loadPanel(['NOPEUSDT'], '1d')).toThrow(InputFileError);
    expect(() => loadPanel(['BTCUSDT'], '3m')).toThrow(/unknown interval/);
  });
});
