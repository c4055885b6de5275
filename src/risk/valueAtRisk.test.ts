import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../data/describeSharedData.js';
import { maxDrawdown, priceDrawdown } from '../backtest/metrics.js';
import { sharedDataPath } from '../data/sharedData.js';
import { ModelInputError } from '../errors/risk.js';
import { Rng } from '../math/rng.js';
import {
  cornishFisherVarEs,
  garchState,
  gaussianVarEs,
  historicalVarEs,
  monteCarloVarEs,
  returnMoments,
  studentTVarEs,
} from './valueAtRisk.js';
import { varTable } from './varTable.js';

describe('VaR and ES', () => {
  it('historical VaR matches empyrical examples (linear interpolation)', () => {
    expect(historicalVarEs([1, 2], 0.3).var).toBeCloseTo(1.3, 12);
    const x = [1, 81, 82, 83, 84, 85];
    expect(historicalVarEs(x, 0.1).var).toBeCloseTo(41, 12);
    expect(historicalVarEs(x, 0.2).var).toBeCloseTo(81, 12);
    expect(historicalVarEs(x, 0.3).var).toBeCloseTo(81.5, 12);
    expect(historicalVarEs(x, 0.3).es).toBeCloseTo(41, 12);
  });

  it('parametric formulas: Gaussian ES, Student-t tends to Gaussian, Cornish-Fisher reduces to Gaussian', () => {
    const g = gaussianVarEs(0, 1, 0.05);
    expect(g.var).toBeCloseTo(-1.6448536269514722, 10);
    expect(g.es).toBeCloseTo(-2.0627128075074257, 10);
    const t = studentTVarEs(0, 1, 1e6, 0.05);
    expect(t.var).toBeCloseTo(g.var, 4);
    expect(t.es).toBeCloseTo(g.es, 4);
    const t4 = studentTVarEs(0, 1, 4, 0.01);
    expect(t4.es).toBeLessThan(t4.var);
    const cf = cornishFisherVarEs(0, 1, 0, 0, 0.05);
    expect(cf.var).toBeCloseTo(g.var, 12);
    expect(cf.es).toBeCloseTo(g.es, 3);
  });

  it('Monte Carlo from a sampler converges to the analytic value', () => {
    const sampler = { sample: (rng: Rng, h: number) => Math.sqrt(h) * 0.02 * rng.normal() };
    const mc = monteCarloVarEs(sampler, new Rng(1), 0.05, 4, 50_000);
    expect(mc.var).toBeCloseTo(0.04 * -1.6448536269514722, 3);
    expect(() => historicalVarEs([1, 2], 0.7)).toThrow(ModelInputError);
  });

  it('the VaR table covers methods x levels x horizons and is deterministic', () => {
    const rng = new Rng(3);
    const r = new Float64Array(800);
    for (let i = 0; i < r.length; i++) r[i] = 0.03 * rng.normal() * (i % 100 < 20 ? 2 : 1);
    const a = varTable(r, { draws: 2000 });
    const b = varTable(r, { draws: 2000 });
    expect(a).toHaveLength(6 * 3 * 3);
    expect(a).toEqual(b);
    for (const row of a) {
      expect(row.es).toBeLessThanOrEqual(row.var + 1e-12);
      expect(Number.isFinite(row.var)).toBe(true);
    }
    const get = (m: string, l: number, h: string) =>
      a.find((x) => x.method === m && x.level === l && x.horizon === h)?.var as number;
    expect(get('gaussian', 0.99, '10d')).toBeLessThan(get('gaussian', 0.99, '1d'));
    expect(get('gaussian', 0.99, '1h')).toBeCloseTo(get('gaussian', 0.99, '1d') / Math.sqrt(24), 12);
    expect(get('historical', 0.999, '1d')).toBeLessThan(get('historical', 0.95, '1d'));
  });
});

function sp500(): { dates: string[]; adj: number[] } {
  const lines = gunzipSync(readFileSync(sharedDataPath('macro', 'sp500_arch.csv.gz')))
    .toString()
    .trim()
    .split('\n');
  const dates: string[] = [];
  const adj: number[] = [];
  for (const l of lines.slice(1)) {
    const f = l.split(',');
    const [m, d, y] = f[0].split('/').map(Number);
    dates.push(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    adj.push(Number(f[5]));
  }
  return { dates, adj };
}

describeSharedData('S&P 500 reference values', () => {
  const { dates, adj } = sp500();
  const r = new Float64Array(adj.length - 1);
  for (let i = 1; i < adj.length; i++) r[i - 1] = adj[i] / adj[i - 1] - 1;

  it('historical VaR / CVaR, Gaussian and Cornish-Fisher VaR at 5%', () => {
    const h = historicalVarEs(r, 0.05);
    expect(h.var).toBeCloseTo(-0.018643, 6);
    expect(h.es).toBeCloseTo(-0.028609, 6);
    const m = returnMoments(r);
    expect(m.skew).toBeCloseTo(-0.02048, 5);
    expect(m.exKurt).toBeCloseTo(8.33612, 5);
    expect(gaussianVarEs(m.mean, m.std, 0.05).var).toBeCloseTo(-0.019575, 6);
    const cf = cornishFisherVarEs(m.mean, m.std, m.skew, m.exKurt, 0.05).var;
    expect(cf).toBeCloseTo(-0.017621, 6);
    expect(cf).toBeGreaterThan(gaussianVarEs(m.mean, m.std, 0.05).var);
  });

  it('max drawdown of Adj Close with dates', () => {
    const d = priceDrawdown(adj);
    expect(d.maxDrawdown).toBeCloseTo(-0.567754, 6);
    expect(dates[d.peakIndex]).toBe('2007-10-09');
    expect(dates[d.troughIndex]).toBe('2009-03-09');
    expect(maxDrawdown(r)).toBeCloseTo(-0.567754, 6);
  });

  it('FHS on GARCH residuals reacts to the current volatility', () => {
    const st = garchState(r);
    expect(st.fit.params.alpha).toBeCloseTo(0.1021, 3);
    expect(Math.sqrt(st.nextSigma2) / 100).toBeGreaterThan(0);
  });
});
