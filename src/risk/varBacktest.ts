import { ModelInputError } from '../errors/risk.js';
import { chiSquareSf } from '../math/stats.js';

/**
 * Statistical backtests of VaR forecasts from a hit sequence (1 = the return fell below the VaR).
 *
 * References: Kupiec (1995), "Techniques for verifying the accuracy of risk measurement models", Journal of
 * Derivatives 3(2) (proportion of failures); Christoffersen (1998), "Evaluating interval forecasts",
 * International Economic Review 39(4) (independence and conditional coverage).
 */

/** One likelihood-ratio test. */
export interface LrTest {
  /** Likelihood-ratio statistic. */
  statistic: number;
  /** Chi-square degrees of freedom. */
  dof: number;
  /** P-value: small means the model is rejected. */
  pValue: number;
}

/** All three tests plus the counts. */
export interface VarBacktest {
  /** Tail probability the VaR was built for (0.05 for 95%). */
  alpha: number;
  /** Observations and exceedances. */
  n: number;
  exceedances: number;
  /** Observed exceedance rate x / n. */
  rate: number;
  kupiec: LrTest;
  christoffersenIndependence: LrTest;
  conditionalCoverage: LrTest;
}

/** x log(p), with 0 log 0 = 0. */
function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

/**
 * Kupiec POF: LR = -2 ln[(1-p)^(n-x) p^x / ((1-x/n)^(n-x) (x/n)^x)], chi-square(1).
 * @param p expected exceedance probability (alpha).
 */
export function kupiecPof(n: number, x: number, p: number): LrTest {
  if (!(n > 0) || x < 0 || x > n)
    throw new ModelInputError('kupiecPof', `need 0 <= exceedances <= n and n > 0, got x=${x}, n=${n}`);
  const ph = x / n;
  const stat = -2 * (xlogy(n - x, 1 - p) + xlogy(x, p) - xlogy(n - x, 1 - ph) - xlogy(x, ph));
  const s = Math.max(0, stat);
  return { statistic: s, dof: 1, pValue: chiSquareSf(s, 1) };
}

/** Christoffersen independence test on a 0/1 hit sequence (first-order Markov alternative), chi-square(1). */
export function christoffersenIndependence(hits: ArrayLike<number>): LrTest {
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  for (let i = 1; i < hits.length; i++) {
    const a = hits[i - 1];
    const b = hits[i];
    if (a === 0 && b === 0) n00++;
    else if (a === 0 && b === 1) n01++;
    else if (a === 1 && b === 0) n10++;
    else if (a === 1 && b === 1) n11++;
  }
  const p01 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0;
  const p11 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
  const p = (n01 + n11) / Math.max(1, n00 + n01 + n10 + n11);
  const l0 = xlogy(n00 + n10, 1 - p) + xlogy(n01 + n11, p);
  const l1 = xlogy(n00, 1 - p01) + xlogy(n01, p01) + xlogy(n10, 1 - p11) + xlogy(n11, p11);
  const s = Math.max(0, -2 * (l0 - l1));
  return { statistic: s, dof: 1, pValue: chiSquareSf(s, 1) };
}

/**
 * Runs Kupiec, Christoffersen independence and conditional coverage (their sum, chi-square(2)) on
 * returns against VaR forecasts made one bar earlier. Bars where either is `NaN` are skipped.
 *
 * @param returns realized returns r_t.
 * @param varForecasts VaR_t (negative = loss) computed from data before t.
 */
export function backtestVar(
  returns: ArrayLike<number>,
  varForecasts: ArrayLike<number>,
  alpha: number,
): VarBacktest {
  if (returns.length !== varForecasts.length) {
    throw new ModelInputError(
      'backtestVar',
      `returns (${returns.length}) and forecasts (${varForecasts.length}) differ in length`,
    );
  }
  const hits: number[] = [];
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i];
    const v = varForecasts[i];
    if (Number.isFinite(r) && Number.isFinite(v)) hits.push(r < v ? 1 : 0);
  }
  const n = hits.length;
  if (n < 2) throw new ModelInputError('backtestVar', `needs at least 2 forecast/return pairs, got ${n}`);
  const x = hits.reduce((s, h) => s + h, 0);
  const kupiec = kupiecPof(n, x, alpha);
  const ind = christoffersenIndependence(hits);
  const cc = kupiec.statistic + ind.statistic;
  return {
    alpha,
    n,
    exceedances: x,
    rate: x / n,
    kupiec,
    christoffersenIndependence: ind,
    conditionalCoverage: { statistic: cc, dof: 2, pValue: chiSquareSf(cc, 2) },
  };
}
