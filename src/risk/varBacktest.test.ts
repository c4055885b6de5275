import { describe, expect, it } from 'vitest';
import { Rng } from '../math/rng.js';
import { rollingVarForecasts } from './rollingVar.js';
import { backtestVar, christoffersenIndependence, kupiecPof } from './varBacktest.js';

describe('VaR backtests', () => {
  it('Kupiec POF matches the closed form', () => {
    // n = 250, x = 8 at p = 0.01: LR = -2 ln[(0.99^242 0.01^8) / ((242/250)^242 (8/250)^8)] = 7.7
    const k = kupiecPof(250, 8, 0.01);
    const ph = 8 / 250;
    const lr = -2 * (242 * Math.log(0.99) + 8 * Math.log(0.01) - 242 * Math.log(1 - ph) - 8 * Math.log(ph));
    expect(k.statistic).toBeCloseTo(lr, 12);
    expect(k.pValue).toBeLessThan(0.01);
    expect(kupiecPof(250, 0, 0.01).statistic).toBeCloseTo(-2 * 250 * Math.log(0.99), 12);
    expect(kupiecPof(1000, 50, 0.05).statistic).toBeCloseTo(0, 12);
  });

  it('Christoffersen rejects clustered hits and accepts scattered ones', () => {
    const clustered = new Array(500).fill(0);
    for (let i = 100; i < 125; i++) clustered[i] = 1;
    expect(christoffersenIndependence(clustered).pValue).toBeLessThan(1e-6);
    const scattered = new Array(500).fill(0).map((_, i) => (i % 20 === 7 ? 1 : 0));
    expect(christoffersenIndependence(scattered).pValue).toBeGreaterThan(0.05);
  });

  it('a correct model passes, a too-thin one fails, on simulated returns', () => {
    const rng = new Rng(5);
    const r = new Float64Array(3000);
    for (let i = 0; i < r.length; i++) r[i] = 0.01 * rng.normal();
    const good = backtestVar(r, rollingVarForecasts(r, 0.05, 'gaussian', { window: 250 }), 0.05);
    expect(good.kupiec.pValue).toBeGreaterThan(0.01);
    expect(good.conditionalCoverage.dof).toBe(2);
    const bad = backtestVar(r, new Float64Array(r.length).fill(-0.005), 0.05);
    expect(bad.kupiec.pValue).toBeLessThan(1e-6);
    expect(bad.conditionalCoverage.statistic).toBeGreaterThanOrEqual(bad.kupiec.statistic);
  });

  it('rolling forecasts are point in time', () => {
    const rng = new Rng(9);
    const r = new Float64Array(400);
    for (let i = 0; i < r.length; i++) r[i] = 0.02 * rng.normal();
    for (const m of ['historical', 'cornish-fisher', 'fhs'] as const) {
      const full = rollingVarForecasts(r, 0.01, m, { window: 100, refitEvery: 100 });
      const cut = rollingVarForecasts(r.subarray(0, 300), 0.01, m, { window: 100, refitEvery: 100 });
      expect(Array.from(cut)).toEqual(Array.from(full.subarray(0, 300)));
      expect(Number.isNaN(full[99])).toBe(true);
    }
  });

  it('FHS forecasts are unavailable (NaN), not an error, while the fitting window is flat', () => {
    const rng = new Rng(4);
    const r = new Float64Array(400);
    for (let i = 200; i < r.length; i++) r[i] = 0.02 * rng.normal();
    const f = rollingVarForecasts(r, 0.05, 'fhs', { window: 100, refitEvery: 100 });
    for (let t = 100; t < 200; t++) expect(Number.isNaN(f[t])).toBe(true);
    for (let t = 300; t < 400; t++) expect(f[t]).toBeLessThan(0);
  });
});
