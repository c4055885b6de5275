import { ModelInputError } from '../errors/risk.js';
import { fitGarch, type GarchFit } from '../math/garch.js';
import type { Rng } from '../math/rng.js';
import {
  excessKurtosis,
  mean,
  normalPdf,
  normalPpf,
  percentileSorted,
  skew,
  sortedFinite,
  std,
  studentTPdf,
  studentTPpf,
} from '../math/stats.js';

/**
 * Value at risk and expected shortfall of a return series, by six methods.
 *
 * Sign convention (empyrical's): VaR is the `alpha`-quantile of returns and ES the mean return at or below
 * it, so both are negative numbers for a loss; `alpha` is the tail probability (0.05 for 95% VaR).
 *
 * References: Jorion (2006), Value at Risk, 3rd ed.; Zangari (1996), "A VaR methodology for portfolios
 * that include options" (Cornish-Fisher); Barone-Adesi, Giannopoulos and Vosper (1999), "VaR without
 * correlations for portfolios of derivative securities" (filtered historical simulation); McNeil, Frey and
 * Embrechts (2015), Quantitative Risk Management, 2nd ed., 2.2 (Student-t ES).
 */

/** A VaR/ES pair (returns, negative = loss). */
export interface VarEs {
  var: number;
  es: number;
}

function checkAlpha(fn: string, alpha: number): void {
  if (!(alpha > 0 && alpha < 0.5))
    throw new ModelInputError(fn, `tail probability alpha must be in (0, 0.5), got ${alpha}`);
}

function checkN(fn: string, n: number, min: number): void {
  if (n < min) throw new ModelInputError(fn, `needs at least ${min} finite returns, got ${n}`);
}

/**
 * Historical VaR (percentile with linear interpolation, numpy's default) and ES (mean of returns at or
 * below the VaR), as empyrical's `value_at_risk` and `conditional_value_at_risk`.
 */
export function historicalVarEs(returns: ArrayLike<number>, alpha: number): VarEs {
  checkAlpha('historicalVarEs', alpha);
  const s = sortedFinite(returns);
  checkN('historicalVarEs', s.length, 1);
  const v = percentileSorted(s, 100 * alpha);
  let sum = 0;
  let k = 0;
  for (let i = 0; i < s.length && s[i] <= v; i++) {
    sum += s[i];
    k++;
  }
  return { var: v, es: k > 0 ? sum / k : v };
}

/** Gaussian VaR mu + sigma z_alpha and ES mu - sigma phi(z_alpha) / alpha (sample mean, ddof-1 std). */
export function gaussianVarEs(mu: number, sigma: number, alpha: number): VarEs {
  checkAlpha('gaussianVarEs', alpha);
  const z = normalPpf(alpha);
  return { var: mu + sigma * z, es: mu - (sigma * normalPdf(z)) / alpha };
}

/**
 * Student-t VaR/ES with `nu` > 2 degrees of freedom, scaled to standard deviation `sigma`:
 * s = sigma sqrt((nu - 2) / nu), VaR = mu + s t, ES = mu - s (nu + t^2) / (nu - 1) f_nu(t) / alpha,
 * t = t_nu^{-1}(alpha).
 */
export function studentTVarEs(mu: number, sigma: number, nu: number, alpha: number): VarEs {
  checkAlpha('studentTVarEs', alpha);
  if (!(nu > 2)) throw new ModelInputError('studentTVarEs', `degrees of freedom must be > 2, got ${nu}`);
  const s = sigma * Math.sqrt((nu - 2) / nu);
  const t = studentTPpf(alpha, nu);
  return { var: mu + s * t, es: mu - (s * ((nu + t * t) / (nu - 1)) * studentTPdf(t, nu)) / alpha };
}

/** Degrees of freedom matching a sample's excess kurtosis (6 / (nu - 4)), clamped to [2.5, 200]. */
export function studentTDof(exKurt: number): number {
  if (!(exKurt > 0.03)) return 200;
  return Math.min(200, Math.max(2.5, 4 + 6 / exKurt));
}

/** Cornish-Fisher adjusted standard-normal quantile for skewness S and excess kurtosis K. */
export function cornishFisherZ(z: number, S: number, K: number): number {
  return z + ((z * z - 1) * S) / 6 + ((z * z * z - 3 * z) * K) / 24 - ((2 * z * z * z - 5 * z) * S * S) / 36;
}

/**
 * Cornish-Fisher VaR mu + sigma z_cf(alpha) and ES as the mean of the expanded quantile over tail levels
 * (0, alpha] (midpoint rule, 400 points).
 */
export function cornishFisherVarEs(mu: number, sigma: number, S: number, K: number, alpha: number): VarEs {
  checkAlpha('cornishFisherVarEs', alpha);
  const v = mu + sigma * cornishFisherZ(normalPpf(alpha), S, K);
  const m = 400;
  let s = 0;
  for (let i = 0; i < m; i++) s += cornishFisherZ(normalPpf(((i + 0.5) / m) * alpha), S, K);
  return { var: v, es: mu + (sigma * s) / m };
}

/** Anything that can draw a horizon return (decimal): a fitted model, a bootstrap, later the world model. */
export interface ReturnSampler {
  /** Draws one cumulative simple return over `horizonSteps` steps of the sampler's own bar. */
  sample(rng: Rng, horizonSteps: number): number;
}

/** VaR/ES from `n` Monte Carlo draws of a sampler (historical estimator on the draws). */
export function monteCarloVarEs(
  sampler: ReturnSampler,
  rng: Rng,
  alpha: number,
  horizonSteps = 1,
  n = 20_000,
): VarEs {
  checkAlpha('monteCarloVarEs', alpha);
  const draws = new Float64Array(n);
  for (let i = 0; i < n; i++) draws[i] = sampler.sample(rng, horizonSteps);
  return historicalVarEs(draws, alpha);
}

/** A GARCH(1,1) fit on returns (decimal), with its last state, for filtered historical simulation. */
export interface GarchState {
  fit: GarchFit;
  /** Returns were multiplied by this before fitting (100: percent), for numerical conditioning. */
  scale: number;
  /** Next-bar conditional variance sigma2_{T+1} (in scaled units). */
  nextSigma2: number;
  /** Standardized residuals, ascending. */
  sortedZ: Float64Array;
}

/** Fits GARCH(1,1) to decimal returns (in percent internally) and prepares FHS. */
export function garchState(returns: ArrayLike<number>): GarchState {
  let n = 0;
  for (let i = 0; i < returns.length; i++) if (Number.isFinite(returns[i])) n++;
  const x = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < returns.length; i++) if (Number.isFinite(returns[i])) x[j++] = 100 * returns[i];
  const fit = fitGarch(x);
  const { omega, alpha, beta, mu } = fit.params;
  const e = x[n - 1] - mu;
  return {
    fit,
    scale: 100,
    nextSigma2: omega + alpha * e * e + beta * fit.sigma2[n - 1],
    sortedZ: Float64Array.from(fit.stdResid).sort(),
  };
}

/**
 * Sampler for filtered historical simulation: GARCH(1,1) paths driven by bootstrapped standardized
 * residuals (Barone-Adesi et al. 1999), compounded over the horizon.
 */
export class FhsSampler implements ReturnSampler {
  constructor(private readonly st: GarchState) {}

  sample(rng: Rng, horizonSteps: number): number {
    const { omega, alpha, beta, mu } = this.st.fit.params;
    const z = this.st.sortedZ;
    let s2 = this.st.nextSigma2;
    let growth = 1;
    for (let h = 0; h < horizonSteps; h++) {
      const e = Math.sqrt(s2) * z[rng.int(z.length)];
      growth *= 1 + (mu + e) / this.st.scale;
      s2 = omega + alpha * e * e + beta * s2;
    }
    return growth - 1;
  }
}

/** FHS VaR/ES for the next bar, exactly from the residual distribution (no simulation). */
export function fhsVarEs(st: GarchState, alpha: number): VarEs {
  const h = historicalVarEs(st.sortedZ, alpha);
  const sd = Math.sqrt(st.nextSigma2);
  const mu = st.fit.params.mu;
  return { var: (mu + sd * h.var) / st.scale, es: (mu + sd * h.es) / st.scale };
}

/** Sample moments used by the parametric methods. */
export interface ReturnMoments {
  n: number;
  mean: number;
  std: number;
  skew: number;
  exKurt: number;
}

/** Mean, ddof-1 std, skewness and excess kurtosis (population moments, scipy's default). */
export function returnMoments(returns: ArrayLike<number>): ReturnMoments {
  let n = 0;
  for (let i = 0; i < returns.length; i++) if (Number.isFinite(returns[i])) n++;
  checkN('returnMoments', n, 4);
  return { n, mean: mean(returns), std: std(returns), skew: skew(returns), exKurt: excessKurtosis(returns) };
}

/**
 * Compounded returns over overlapping windows of `h` bars (for multi-bar historical VaR); `NaN`s break
 * windows.
 */
export function overlappingReturns(returns: ArrayLike<number>, h: number): Float64Array {
  if (h <= 1) return Float64Array.from(returns);
  const out: number[] = [];
  for (let i = 0; i + h <= returns.length; i++) {
    let g = 1;
    let ok = true;
    for (let k = 0; k < h; k++) {
      const r = returns[i + k];
      if (!Number.isFinite(r)) {
        ok = false;
        break;
      }
      g *= 1 + r;
    }
    if (ok) out.push(g - 1);
  }
  return Float64Array.from(out);
}
