import { rollingPair } from '../ops/pairRolling.js';
import { rollingQuantile } from '../ops/rolling.js';
import { shiftKernel } from '../ops/shift.js';
import { barInput } from '../inputs.js';
import type { FactorComputeInputs, FactorSpec } from '../spec.js';
import { BASKET, basketCloses } from './basket.js';

/** Window of the absorption ratio, days. */
const AR_DAYS = 60;
/** Window of delta-CoVaR, days. */
const COVAR_DAYS = 250;

/**
 * Largest eigenvalue of a symmetric positive semi-definite k x k matrix (row-major) by power iteration
 * from the all-ones vector (deterministic), at most 500 iterations or until the Rayleigh quotient changes
 * by less than 1e-13 relative.
 */
export function largestEigenvalue(
  a: Float64Array,
  k: number,
  work: Float64Array = new Float64Array(2 * k),
): number {
  const v = work.subarray(0, k);
  const y = work.subarray(k, 2 * k);
  v.fill(1 / Math.sqrt(k));
  let lambda = 0;
  for (let it = 0; it < 500; it++) {
    let norm = 0;
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += a[i * k + j] * v[j];
      y[i] = s;
      norm += s * s;
    }
    norm = Math.sqrt(norm);
    if (!(norm > 0)) return 0;
    let rq = 0;
    for (let i = 0; i < k; i++) {
      v[i] = y[i] / norm;
    }
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += a[i * k + j] * v[j];
      rq += v[i] * s;
    }
    if (Math.abs(rq - lambda) <= 1e-13 * Math.abs(rq)) return rq;
    lambda = rq;
  }
  return lambda;
}

function computeSystemic({ columns, n }: FactorComputeInputs): Record<string, Float64Array> {
  const ret = (x: Float64Array) => {
    const out = new Float64Array(n);
    shiftKernel('LogRet', x, 1, out);
    return out;
  };
  const rs = BASKET.map((b) => ret(columns[`close_${b.key}`]));
  const k = rs.length;
  const cov: Float64Array[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      cov.push(j >= i ? rollingPair('Cov', rs[i], rs[j], AR_DAYS, new Float64Array(n)) : new Float64Array(0));
    }
  }
  const ar = new Float64Array(n);
  const idx = new Int32Array(k);
  const mat = new Float64Array(k * k);
  const work = new Float64Array(2 * k);
  for (let t = 0; t < n; t++) {
    let m = 0;
    for (let i = 0; i < k; i++) if (cov[i * k + i][t] > 0) idx[m++] = i;
    if (m < 3) {
      ar[t] = Number.NaN;
      continue;
    }
    let trace = 0;
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        const i = Math.min(idx[a], idx[b]);
        const j = Math.max(idx[a], idx[b]);
        mat[a * m + b] = cov[i * k + j][t];
      }
      trace += mat[a * m + a];
    }
    ar[t] = largestEigenvalue(mat.subarray(0, m * m), m, work) / trace;
  }
  // system return: equal-weight basket mean (>= 2 members)
  const sys = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let s = 0;
    let c = 0;
    for (let i = 0; i < k; i++) {
      if (!Number.isNaN(rs[i][t])) {
        s += rs[i][t];
        c++;
      }
    }
    sys[t] = c >= 2 ? s / c : Number.NaN;
  }
  const r = ret(columns.close);
  const beta = rollingPair('Beta', sys, r, COVAR_DAYS, new Float64Array(n));
  const q05 = rollingQuantile(r, COVAR_DAYS, 0.05, new Float64Array(n));
  const q50 = rollingQuantile(r, COVAR_DAYS, 0.5, new Float64Array(n));
  const dcovar = new Float64Array(n);
  for (let t = 0; t < n; t++) dcovar[t] = beta[t] * (q05[t] - q50[t]);
  return { value: ar, delta_covar: dcovar, system_beta: beta };
}

/** Systemic risk: absorption ratio of the crypto basket and the asset's delta-CoVaR. */
export const systemicRisk: FactorSpec = {
  id: 'systemic_risk',
  category: 'cross_market',
  name: 'Systemic risk indicators',
  definition:
    `value: absorption ratio, the share of the total variance of the basket’s daily log returns (BTC, ETH, SOL, BNB, ` +
    `XRP present, at least 3) explained by the first principal component of their ${AR_DAYS}-day sample covariance ` +
    `(largest eigenvalue / trace; 1/k = no common factor, 1 = one factor); delta_covar: ${COVAR_DAYS}-day ` +
    'delta-CoVaR of the system (equal-weight basket return) to the asset, beta(system on asset) * (q5%(asset) - ' +
    'median(asset)) (linear-in-state form of Adrian-Brunnermeier, OLS in place of quantile regression); ' +
    'system_beta: that beta.',
  reference:
    'Kritzman, Li, Page & Rigobon (2011), "Principal components as a measure of systemic risk", JPM 37; Adrian & Brunnermeier (2016), "CoVaR", AER 106.',
  inputs: [barInput('close', 'close'), ...basketCloses()],
  minInputs: 4,
  frequency: '1d',
  unit: 'fraction of variance',
  outputs: [
    { name: 'value', unit: 'fraction of variance', description: 'absorption ratio (first component)' },
    { name: 'delta_covar', unit: 'log return', description: 'delta-CoVaR of the basket to the asset' },
    { name: 'system_beta', unit: 'beta', description: 'beta of the basket return on the asset return' },
  ],
  lookback: COVAR_DAYS,
  compute: computeSystemic,
};
