import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { sharedDataPath } from '../../data/sharedData.js';
import { Rng } from '../../math/rng.js';
import { computeFactor, type InputSeries } from '../engine.js';
import { $, constant } from '../dsl.js';
import { createEvalEnv } from '../expr.js';
import { GarchVolTracker } from '../ops/models.js';
import { rollingPair } from '../ops/pairRolling.js';
import { DAY_MS, gridParams, HOUR_MS } from '../spec.js';
import { readCsvColumns } from '../testing/sharedCsv.js';
import { assertFactorProperties, syntheticFiniteFractions } from '../testing/checkFactor.js';
import { priceVolumeFactors } from './index.js';
import { kyleLambda } from './kyle_lambda.js';
import { crossExchangeArbitrage } from './cross_exchange_arbitrage.js';
import { volEstimators } from './volatility.js';

describe('price & volume factors (point-in-time and batch = streaming for all 80 in registry.test.ts)', () => {
  it('has the seed’s 10 factors', () => {
    expect(priceVolumeFactors).toHaveLength(10);
  });
  it('every output column has values after warm-up on synthetic data', () => {
    for (const spec of priceVolumeFactors) {
      for (const [col, f] of Object.entries(syntheticFiniteFractions(spec)))
        expect(f, col).toBeGreaterThan(0.05);
    }
  });
  it('volatility on a daily grid', () => {
    const spec = priceVolumeFactors.find((s) => s.id === 'volatility');
    if (!spec) throw new Error('volatility not registered');
    assertFactorProperties(spec, { barMs: DAY_MS, rows: 400 });
  });
});

describeSharedData('volatility reference values (S&P 500, arch test file)', () => {
  const csv = readCsvColumns(sharedDataPath('macro', 'sp500_arch.csv.gz'));
  it('last 30 rows, annualized with 252: CC, Parkinson, GK, RS, Yang-Zhang', () => {
    const { Open, High, Low, Close } = csv.num;
    const n = Close.length;
    const est = volEstimators($('open'), $('high'), $('low'), $('close'), 30, constant(252));
    const env = createEvalEnv(n, { open: Open, high: High, low: Low, close: Close }, gridParams(DAY_MS));
    const last = (e: { evaluate: typeof est.cc.evaluate }) => e.evaluate(env)[n - 1];
    expect(last(est.cc)).toBeCloseTo(0.26708, 5);
    expect(last(est.parkinson)).toBeCloseTo(0.22468, 5);
    expect(last(est.garmanKlass)).toBeCloseTo(0.22001, 5);
    expect(last(est.rogersSatchell)).toBeCloseTo(0.21885, 5);
    expect(last(est.yangZhang)).toBeCloseTo(0.24387, 5);
  });
  it('GARCH(1,1) on 100 x pct_change(Adj Close) reproduces the arch fit', () => {
    const adj = csv.num['Adj Close'];
    const t = new GarchVolTracker(adj.length, 10_000_000, adj.length - 1, 100);
    let sigma = Number.NaN;
    t.update(Number.NaN);
    for (let i = 1; i < adj.length; i++) sigma = t.update(adj[i] / adj[i - 1] - 1);
    const p = t.params;
    expect(p).toBeDefined();
    expect(p?.mu).toBeCloseTo(0.0564, 3);
    expect(p?.omega).toBeCloseTo(0.0175, 3);
    expect(p?.alpha).toBeCloseTo(0.1021, 2);
    expect(p?.beta).toBeCloseTo(0.8852, 2);
    expect(sigma).toBeGreaterThan(0.005);
    expect(sigma).toBeLessThan(0.05);
  });
});

describe("Kyle's lambda", () => {
  it('recovers lambda = 2e-4 within 2% (q ~ N(0, 1000^2), noise sd 0.05, n = 10,000)', () => {
    const rng = new Rng(11);
    const n = 10_000;
    const q = new Float64Array(n);
    const dp = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      q[i] = 1000 * rng.normal();
      dp[i] = 2e-4 * q[i] + 0.05 * rng.normal();
    }
    const lambda = rollingPair('Beta', dp, q, n, new Float64Array(n))[n - 1];
    expect(Math.abs(lambda / 2e-4 - 1)).toBeLessThan(0.02);
  });
  it('the factor estimates lambda from bars and signed volume on an hourly grid', () => {
    const rng = new Rng(12);
    const n = 24 * 60;
    const from = Date.UTC(2024, 0, 1);
    const ts = Float64Array.from({ length: n }, (_, i) => from + i * HOUR_MS);
    const q = new Float64Array(n);
    const close = new Float64Array(n);
    const open = new Float64Array(n);
    let p = 100;
    for (let i = 0; i < n; i++) {
      q[i] = 1000 * rng.normal();
      open[i] = p;
      p += 2e-4 * q[i] + 0.05 * rng.normal();
      close[i] = p;
    }
    const bars = (values: Float64Array): InputSeries => ({ ts, values, intervalMs: HOUR_MS });
    const res = computeFactor(
      kyleLambda,
      {
        open: bars(open),
        close: bars(close),
        volume: bars(q.map(Math.abs)),
        signed_volume: { ts: ts.map((t) => t + HOUR_MS - 1), values: q },
      },
      { from: from + 30 * DAY_MS, to: from + (n - 1) * HOUR_MS + HOUR_MS, barMs: HOUR_MS },
    );
    const lam = res.columns.kyle_lambda;
    const last = lam[lam.length - 1];
    expect(Math.abs(last / 2e-4 - 1)).toBeLessThan(0.1);
  });
});

describe('multi-venue factors need a second venue', () => {
  it('cross-exchange arbitrage is NaN with only the primary venue', () => {
    const from = Date.UTC(2024, 0, 1);
    const ts = Float64Array.from({ length: 50 }, (_, i) => from + i * HOUR_MS);
    const close: InputSeries = { ts, values: ts.map(() => 100), intervalMs: HOUR_MS };
    const res = computeFactor(
      crossExchangeArbitrage,
      { close },
      { from: from + HOUR_MS, to: from + 50 * HOUR_MS, barMs: HOUR_MS },
    );
    expect(Array.from(res.columns.cross_exchange_arbitrage).every(Number.isNaN)).toBe(true);
    const other: InputSeries = { ts, values: ts.map(() => 101), intervalMs: HOUR_MS };
    const two = computeFactor(
      crossExchangeArbitrage,
      { close, close_other1: other },
      { from: from + HOUR_MS, to: from + 50 * HOUR_MS, barMs: HOUR_MS },
    );
    expect(two.columns.cross_exchange_arbitrage[10]).toBeCloseTo(1e4 * Math.log(1.01) - 20, 9);
    expect(two.columns.cross_exchange_arbitrage__opportunity[10]).toBe(1);
  });
});
