import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { sharedDataPath } from '../../data/sharedData.js';
import { Rng } from '../../math/rng.js';
import { readKlinesCsv } from './realData.js';
import {
  acf,
  aggregatedKurtosis,
  computeStylizedFacts,
  excessKurtosis,
  factsDistance,
  hillTailIndex,
  quantile,
} from './stylizedFacts.js';

function pricesFrom(returns: Float64Array): Float64Array {
  const p = new Float64Array(returns.length + 1);
  p[0] = 100;
  for (let i = 0; i < returns.length; i++) p[i + 1] = p[i] * Math.exp(returns[i]);
  return p;
}

describe('stylized-facts statistics', () => {
  it('Gaussian iid returns: kurtosis ~0, no autocorrelation, no clustering', () => {
    const rng = new Rng(1);
    const r = new Float64Array(40_000).map(() => 0.01 * rng.normal());
    expect(Math.abs(excessKurtosis(r))).toBeLessThan(0.15);
    expect(Math.abs(acf(r, 1))).toBeLessThan(0.02);
    expect(Math.abs(acf(r.map(Math.abs), 1))).toBeLessThan(0.02);
  });

  it('Hill estimator recovers the tail index of a Pareto(alpha = 3) sample', () => {
    const rng = new Rng(2);
    const x = new Float64Array(100_000).map(() => (1 - rng.uniform()) ** (-1 / 3));
    expect(hillTailIndex(x, 0.025)).toBeCloseTo(3, 0);
  });

  it('GARCH(1,1) returns: heavy tails, clustering, and kurtosis falling under aggregation', () => {
    const rng = new Rng(3);
    const n = 24 * 7 * 300;
    const r = new Float64Array(n);
    let h = 1e-4;
    for (let i = 0; i < n; i++) {
      r[i] = Math.sqrt(h) * rng.normal();
      h = 2e-6 + 0.1 * r[i] * r[i] + 0.88 * h;
    }
    const f = computeStylizedFacts({ close: pricesFrom(r), barMs: 3_600_000 });
    expect(f.excessKurtosis).toBeGreaterThan(1);
    expect(f.acfAbsLag1).toBeGreaterThan(0.1);
    expect(Math.abs(f.acfReturnLag1)).toBeLessThan(0.03);
    expect(f.kurtosisDaily).toBeLessThan(f.excessKurtosis);
    expect(factsDistance(f, f)).toBe(0);
  });

  it('aggregatedKurtosis skips blocks across missing bars; quantile interpolates', () => {
    const p = pricesFrom(new Float64Array(100).fill(0.01));
    p[50] = Number.NaN;
    expect(Number.isNaN(aggregatedKurtosis(p, 2))).toBe(false);
    expect(quantile(Float64Array.from([1, 2, 3, 4, Number.NaN]), 0.5)).toBe(2.5);
  });

  it('throws a typed error on too-short input', () => {
    expect(() => computeStylizedFacts({ close: new Float64Array(10).fill(1), barMs: 60_000 })).toThrow(
      /at least 50 returns/,
    );
  });
});

describeSharedData('stylized facts on real Binance BTC hourly', () => {
  it('shows heavy tails, clustering and aggregational Gaussianity', () => {
    const k = readKlinesCsv(sharedDataPath('market', 'binance_spot_1h', 'BTCUSDT_1h.csv'));
    expect(k.barMs).toBe(3_600_000);
    const f = computeStylizedFacts(k);
    // Reference values measured on this file (2022-04-29 .. 2025-04, 26,277 hourly returns).
    expect(f.excessKurtosis).toBeCloseTo(14.34, 1);
    expect(f.acfAbsLag1).toBeCloseTo(0.29, 2);
    expect(Math.abs(f.acfReturnLag1)).toBeLessThan(0.05);
    expect(f.kurtosisDaily).toBeLessThan(f.excessKurtosis);
    expect(f.hillTailIndex).toBeGreaterThan(2);
    expect(f.hillTailIndex).toBeLessThan(4);
  });
});
