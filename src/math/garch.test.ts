import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../errors/risk.js';
import { fitGarch, forecastFromFit, garchBackcast, garchFilter } from './garch.js';
import { Rng } from './rng.js';

describe('GARCH(1,1)', () => {
  it('backcast weights 0.94^i over the first 75 residuals', () => {
    const e = new Float64Array(100).fill(2);
    expect(garchBackcast(e)).toBeCloseTo(4, 12);
    const e2 = new Float64Array([1, 0]);
    expect(garchBackcast(e2)).toBeCloseTo(1 / 1.94, 12);
  });

  it('recovers simulated parameters and forecasts toward the unconditional variance', () => {
    const rng = new Rng(11);
    const n = 4000;
    const r = new Float64Array(n);
    let s2 = 1;
    let e = 0;
    for (let t = 0; t < n; t++) {
      s2 = 0.05 + 0.08 * e * e + 0.9 * s2;
      e = Math.sqrt(s2) * rng.normal();
      r[t] = 0.02 + e;
    }
    const fit = fitGarch(r);
    expect(fit.params.alpha).toBeGreaterThan(0.04);
    expect(fit.params.alpha).toBeLessThan(0.13);
    expect(fit.params.beta).toBeGreaterThan(0.84);
    expect(fit.params.beta).toBeLessThan(0.95);
    const f = forecastFromFit(fit, r[n - 1], 500);
    expect(f[499]).toBeCloseTo(fit.unconditionalVariance, 2);
    const sig = new Float64Array(n);
    const resid = r.map((v) => v - fit.params.mu);
    expect(
      garchFilter(resid, fit.params.omega, fit.params.alpha, fit.params.beta, fit.backcast, sig),
    ).toBeCloseTo(fit.logLikelihood, 8);
  });

  it('rejects bad input', () => {
    expect(() => fitGarch([1, 2, 3])).toThrow(ModelInputError);
    const r = new Float64Array(100).fill(1);
    r[5] = Number.NaN;
    expect(() => fitGarch(r)).toThrow(/index 5/);
  });
});
