import { $, add, corr, div, lag, log, logRet, mul, variance } from '../dsl.js';
import { barInput, daysToRows } from '../inputs.js';
import type { FactorSpec } from '../spec.js';

/** Aggregation scales of the variance-time Hurst estimate. */
const SCALES = [1, 2, 4, 8, 16];

/**
 * Momentum / mean reversion: lag-1 return autocorrelation, Lo-MacKinlay variance ratio and a variance-time
 * Hurst exponent, all over a rolling window.
 */
export const momentumReversion: FactorSpec = {
  id: 'momentum_reversion',
  category: 'price_volume',
  name: 'Intraday momentum and mean reversion patterns',
  definition:
    'Over W = 14 days of rows, r = ln(C_t/C_{t-1}): value = lag-1 autocorrelation corr(r_t, r_{t-1}); ' +
    'variance_ratio = VR(4) = var(r^(4)) / (4 var(r)) with overlapping 4-row log returns r^(4) (ddof 1, no bias ' +
    'correction; > 1 trending, < 1 mean reverting); hurst = half the OLS slope of ln var(r^(q)) on ln q for ' +
    'q in {1, 2, 4, 8, 16} (0.5 = random walk); momentum = 1-day log return.',
  reference:
    'Lo & MacKinlay (1988), "Stock market prices do not follow random walks", RFS 1; Mandelbrot & Van Ness (1968) (variance-time Hurst).',
  inputs: [barInput('close', 'close')],
  frequency: 'grid',
  unit: 'correlation',
  outputs: [
    { name: 'value', unit: 'correlation', description: 'lag-1 return autocorrelation' },
    { name: 'variance_ratio', unit: 'ratio', description: 'Lo-MacKinlay variance ratio VR(4)' },
    { name: 'hurst', unit: 'exponent', description: 'variance-time Hurst exponent' },
    { name: 'momentum', unit: 'log return', description: '1-day log return' },
  ],
  expr: (p) => {
    const c = $('close');
    const w = daysToRows(14, p.barsPerDay, 40);
    const r = logRet(c, 1);
    const lx = SCALES.map((q) => Math.log(q));
    const xbar = lx.reduce((s, v) => s + v, 0) / lx.length;
    const sxx = lx.reduce((s, v) => s + (v - xbar) ** 2, 0);
    let slope = mul(log(variance(logRet(c, SCALES[0]), w)), (lx[0] - xbar) / sxx);
    for (let k = 1; k < SCALES.length; k++) {
      slope = add(slope, mul(log(variance(logRet(c, SCALES[k]), w)), (lx[k] - xbar) / sxx));
    }
    return {
      value: corr(r, lag(r, 1), w),
      variance_ratio: div(variance(logRet(c, 4), w), mul(variance(r, w), 4)),
      hurst: mul(slope, 0.5),
      momentum: logRet(c, Math.max(1, p.barsPerDay)),
    };
  },
};
