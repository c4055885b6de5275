import { ModelInputError } from '../errors/risk.js';
import { nelderMead } from './optimize.js';

/**
 * GARCH(1,1) with a constant mean and normal errors, fitted by maximum likelihood.
 *
 *   r_t = mu + e_t,   e_t = sigma_t z_t,   z_t ~ N(0, 1)
 *   sigma2_t = omega + alpha e_{t-1}^2 + beta sigma2_{t-1}
 *
 * The presample value of e^2 and sigma2 is the backcast sum_i w_i e_i^2 over the first min(75, n)
 * residuals with w_i proportional to 0.94^i (the `arch` package's default), computed from the residuals of
 * the sample mean. Fit: best of a small grid of starting values, then bounded Nelder-Mead with the
 * stationarity constraint alpha + beta < 1.
 *
 * References: Bollerslev (1986), "Generalized autoregressive conditional heteroskedasticity", Journal of
 * Econometrics 31; K. Sheppard, `arch` documentation (univariate volatility models, backcast).
 *
 * Units: whatever the returns are in. The reference fit on S&P 500 daily returns in percent
 * (100 x pct_change) gives mu 0.0564, omega 0.0175, alpha 0.1021, beta 0.8852, log-likelihood -6936.72.
 */

/** GARCH(1,1) parameters, in the units of the returns (omega in squared units). */
export interface GarchParams {
  /** Constant mean of the returns. */
  mu: number;
  /** Variance intercept (> 0). */
  omega: number;
  /** ARCH coefficient on the last squared shock (>= 0). */
  alpha: number;
  /** GARCH coefficient on the last variance (>= 0, alpha + beta < 1). */
  beta: number;
}

/** A fitted GARCH(1,1) model. */
export interface GarchFit {
  params: GarchParams;
  /** Log-likelihood at the optimum (normal errors, all observations). */
  logLikelihood: number;
  /** Presample variance used for t = 0. */
  backcast: number;
  /** Conditional variance sigma2_t for each observation (known at t - 1). */
  sigma2: Float64Array;
  /** Standardized residuals (r_t - mu) / sigma_t. */
  stdResid: Float64Array;
  /** Number of observations. */
  nobs: number;
  /** Whether the optimizer met its tolerance. */
  converged: boolean;
  /** Unconditional variance omega / (1 - alpha - beta). */
  unconditionalVariance: number;
  /** Persistence alpha + beta. */
  persistence: number;
}

/**
 * The `arch` backcast: sum_{i < tau} w_i e_i^2 with w_i = 0.94^i / sum_j 0.94^j and tau = min(75, n).
 *
 * @param resid residuals e_t (returns minus mean).
 */
export function garchBackcast(resid: ArrayLike<number>): number {
  const tau = Math.min(75, resid.length);
  let wsum = 0;
  let s = 0;
  let w = 1;
  for (let i = 0; i < tau; i++) {
    s += w * resid[i] * resid[i];
    wsum += w;
    w *= 0.94;
  }
  return s / wsum;
}

/**
 * Conditional variance filter: writes sigma2_t into `out` and returns the Gaussian log-likelihood.
 *
 * @param resid residuals e_t = r_t - mu.
 * @param out preallocated output of the same length (may be reused between calls).
 */
export function garchFilter(
  resid: ArrayLike<number>,
  omega: number,
  alpha: number,
  beta: number,
  backcast: number,
  out: Float64Array,
): number {
  const n = resid.length;
  const LOG2PI = Math.log(2 * Math.PI);
  let prevE2 = backcast;
  let prevS2 = backcast;
  let ll = 0;
  for (let t = 0; t < n; t++) {
    let s2 = omega + alpha * prevE2 + beta * prevS2;
    if (!(s2 > 1e-300)) s2 = 1e-300;
    out[t] = s2;
    const e = resid[t];
    const e2 = e * e;
    ll -= 0.5 * (LOG2PI + Math.log(s2) + e2 / s2);
    prevE2 = e2;
    prevS2 = s2;
  }
  return ll;
}

/**
 * Fits GARCH(1,1) with constant mean by maximum likelihood.
 *
 * @param returns return series (e.g. percent daily returns); must be finite, at least 30 values.
 * @throws {ModelInputError} on too few or non-finite observations, or a constant series.
 * @example
 * const fit = fitGarch(pctReturns);
 * fit.params.alpha; // ~0.10 on S&P 500 daily returns
 */
export function fitGarch(returns: ArrayLike<number>): GarchFit {
  const n = returns.length;
  if (n < 30) throw new ModelInputError('fitGarch', `needs at least 30 observations, got ${n}`);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(returns[i])) {
      throw new ModelInputError('fitGarch', `return at index ${i} is not finite (${returns[i]})`);
    }
    m += returns[i];
  }
  m /= n;
  const resid = new Float64Array(n);
  let v = 0;
  for (let i = 0; i < n; i++) {
    resid[i] = returns[i] - m;
    v += resid[i] * resid[i];
  }
  v /= n;
  if (!(v > 0)) throw new ModelInputError('fitGarch', 'returns have zero variance');
  const backcast = garchBackcast(resid);
  const sigma2 = new Float64Array(n);
  const work = new Float64Array(n);
  const sd = Math.sqrt(v);

  const negLl = (p: Float64Array): number => {
    const [mu, omega, alpha, beta] = p;
    if (!(omega > 0) || alpha < 0 || beta < 0 || alpha + beta >= 0.99999) return Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) work[i] = returns[i] - mu;
    return -garchFilter(work, omega, alpha, beta, backcast, sigma2);
  };

  // Starting values: a small grid like arch's (alpha x persistence), omega from the sample variance.
  let bestStart = new Float64Array([m, v * 0.1, 0.1, 0.8]);
  let bestVal = Number.POSITIVE_INFINITY;
  for (const a of [0.01, 0.05, 0.1, 0.2]) {
    for (const ab of [0.5, 0.8, 0.9, 0.98]) {
      const p = new Float64Array([m, v * (1 - ab), a, ab - a]);
      const f = negLl(p);
      if (f < bestVal) {
        bestVal = f;
        bestStart = p;
      }
    }
  }
  const res = nelderMead(negLl, bestStart, {
    lower: [m - 10 * sd, v * 1e-8, 0, 0],
    upper: [m + 10 * sd, 10 * v, 1, 1],
    step: [0.1 * sd, 0.5 * bestStart[1], 0.02, 0.02],
    maxEvals: 6000,
    fTol: 1e-11,
    xTol: 1e-9,
    restarts: 3,
  });
  const [mu, omega, alpha, beta] = res.x;
  for (let i = 0; i < n; i++) resid[i] = returns[i] - mu;
  const ll = garchFilter(resid, omega, alpha, beta, backcast, sigma2);
  const stdResid = new Float64Array(n);
  for (let i = 0; i < n; i++) stdResid[i] = resid[i] / Math.sqrt(sigma2[i]);
  return {
    params: { mu, omega, alpha, beta },
    logLikelihood: ll,
    backcast,
    sigma2,
    stdResid,
    nobs: n,
    converged: res.converged,
    unconditionalVariance: omega / (1 - alpha - beta),
    persistence: alpha + beta,
  };
}

/**
 * Variance forecasts sigma2_{T+h} for h = 1..horizon made at the end of the sample:
 * sigma2_{T+1} = omega + alpha e_T^2 + beta sigma2_T, then sigma2_{T+h} = omega + (alpha + beta) sigma2_{T+h-1}.
 *
 * @param lastResid e_T, the last residual (return minus mu).
 * @param lastSigma2 sigma2_T, the last in-sample conditional variance.
 * @returns variances for horizons 1..horizon (squared return units).
 */
export function garchForecast(
  params: GarchParams,
  lastResid: number,
  lastSigma2: number,
  horizon: number,
): Float64Array {
  const out = new Float64Array(horizon);
  let s2 = params.omega + params.alpha * lastResid * lastResid + params.beta * lastSigma2;
  const p = params.alpha + params.beta;
  for (let h = 0; h < horizon; h++) {
    out[h] = s2;
    s2 = params.omega + p * s2;
  }
  return out;
}

/** Variance forecasts from a fit, for horizons 1..horizon (see {@link garchForecast}). */
export function forecastFromFit(fit: GarchFit, lastReturn: number, horizon: number): Float64Array {
  return garchForecast(fit.params, lastReturn - fit.params.mu, fit.sigma2[fit.nobs - 1], horizon);
}
