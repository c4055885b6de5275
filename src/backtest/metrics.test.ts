import { describe, expect, it } from 'vitest';
import { Rng } from '../math/rng.js';
import {
  computeMetrics,
  deflatedSharpe,
  drawdownStats,
  expectedMaxSharpe,
  maxDrawdown,
  priceDrawdown,
  probabilisticSharpe,
} from './metrics.js';

describe('max drawdown (empyrical conventions)', () => {
  it('counts the start value and a first-day loss', () => {
    const r = [Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
    expect(maxDrawdown(r)).toBeCloseTo(-0.1, 12);
    expect(maxDrawdown([0.1, -0.1, 0.1])).toBeCloseTo(-0.1, 12);
    expect(maxDrawdown([-0.05, 0.01])).toBeCloseTo(-0.05, 12);
    expect(maxDrawdown([0.01, 0.02])).toBe(0);
  });

  it('locates peak, trough, recovery and duration', () => {
    const d = drawdownStats([0.1, -0.2, 0.05, 0.3, -0.01]);
    expect(d.peakIndex).toBe(0);
    expect(d.troughIndex).toBe(1);
    expect(d.recoveryIndex).toBe(3);
    expect(d.maxDurationBars).toBe(2);
    const p = priceDrawdown([100, 120, 60, 90, 130]);
    expect(p.maxDrawdown).toBeCloseTo(-0.5, 12);
    expect([p.peakIndex, p.troughIndex]).toEqual([1, 2]);
  });
});

describe('Sharpe significance', () => {
  it('PSR is 0.5 at the benchmark and rises with sample size', () => {
    expect(probabilisticSharpe(0.1, 100, 0, 0, 0.1)).toBeCloseTo(0.5, 12);
    expect(probabilisticSharpe(0.1, 1000, 0, 0)).toBeGreaterThan(probabilisticSharpe(0.1, 100, 0, 0));
    // Normal returns: z = SR sqrt(n-1) / sqrt(1 + SR^2/2).
    const sr = 0.1;
    expect(probabilisticSharpe(sr, 251, 0, 0)).toBeCloseTo(0.94263, 4);
  });

  it('deflation grows with the number of trials', () => {
    expect(expectedMaxSharpe(1, 1)).toBe(0);
    // Bailey and Lopez de Prado (2014): E[max] of 1000 trials with unit variance is about 3.26.
    expect(expectedMaxSharpe(1000, 1)).toBeCloseTo(3.26, 1);
    const few = deflatedSharpe(0.1, 500, 0, 0, 2);
    const many = deflatedSharpe(0.1, 500, 0, 0, 200);
    expect(many).toBeLessThan(few);
  });
});

describe('computeMetrics', () => {
  it('computes consistent figures on a known series', () => {
    const rng = new Rng(1);
    const r = new Float64Array(730);
    const b = new Float64Array(730);
    for (let i = 0; i < r.length; i++) {
      b[i] = 0.02 * rng.normal();
      r[i] = 0.0005 + 0.5 * b[i] + 0.005 * rng.normal();
    }
    const m = computeMetrics(r, { periodsPerYear: 365, benchmark: b });
    expect(m.beta).toBeCloseTo(0.5, 1);
    expect(Math.abs(m.alpha - 0.0005 * 365)).toBeLessThan(0.2); // sampling error of alpha is about 0.07
    let g = 1;
    for (const x of r) g *= 1 + x;
    expect(m.totalReturn).toBeCloseTo(g - 1, 12);
    expect(m.annualReturn).toBeCloseTo(g ** (365 / 730) - 1, 12);
    expect(m.calmar).toBeCloseTo(m.annualReturn / -m.maxDrawdown, 12);
    expect(m.hitRate).toBeGreaterThan(0.4);
    expect(m.profitFactor).toBeGreaterThan(1);
    expect(m.probabilisticSharpe).toBeGreaterThan(0.5);
  });
});
