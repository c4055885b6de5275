import { ModelInputError } from '../errors/risk.js';
import { fitGarch } from '../math/garch.js';
import { excessKurtosis, mean, percentileSorted, skew, sortedFinite, std } from '../math/stats.js';
import {
  cornishFisherVarEs,
  gaussianVarEs,
  historicalVarEs,
  studentTDof,
  studentTVarEs,
} from './valueAtRisk.js';

/** Methods with one-bar-ahead rolling forecasts. */
export type RollingVarMethod = 'historical' | 'gaussian' | 'student-t' | 'cornish-fisher' | 'fhs';

/** Options of {@link rollingVarForecasts}. */
export interface RollingVarOptions {
  /** Estimation window in bars (default 500). */
  window?: number;
  /** FHS only: refit GARCH every this many bars, filtering with fixed parameters in between (default 250). */
  refitEvery?: number;
}

/**
 * One-bar-ahead VaR forecasts: entry t uses returns t - window .. t - 1 only (point in time); `NaN` for the
 * first `window` bars. Feed the result with the returns to {@link backtestVar}.
 *
 * @throws {ModelInputError} for a window under 30 bars.
 */
export function rollingVarForecasts(
  returns: ArrayLike<number>,
  alpha: number,
  method: RollingVarMethod,
  opts: RollingVarOptions = {},
): Float64Array {
  const w = opts.window ?? 500;
  if (!(w >= 30)) throw new ModelInputError('rollingVarForecasts', `window must be >= 30 bars, got ${w}`);
  const n = returns.length;
  const out = new Float64Array(n).fill(Number.NaN);
  if (method === 'fhs') return rollingFhs(returns, alpha, w, opts.refitEvery ?? 250, out);
  for (let t = w; t < n; t++) {
    const win = (returns as Float64Array).subarray
      ? (returns as Float64Array).subarray(t - w, t)
      : Array.prototype.slice.call(returns, t - w, t);
    if (method === 'historical') out[t] = historicalVarEs(win, alpha).var;
    else {
      const m = mean(win);
      const s = std(win);
      if (method === 'gaussian') out[t] = gaussianVarEs(m, s, alpha).var;
      else if (method === 'student-t')
        out[t] = studentTVarEs(m, s, studentTDof(excessKurtosis(win)), alpha).var;
      else out[t] = cornishFisherVarEs(m, s, skew(win), excessKurtosis(win), alpha).var;
    }
  }
  return out;
}

function rollingFhs(
  returns: ArrayLike<number>,
  alpha: number,
  w: number,
  refitEvery: number,
  out: Float64Array,
): Float64Array {
  const n = returns.length;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Number.isFinite(returns[i]) ? 100 * returns[i] : 0;
  let omega = 0;
  let a = 0;
  let b = 0;
  let mu = 0;
  let q = 0;
  let s2 = 0;
  let fitted = false;
  for (let t = w; t < n; t++) {
    if ((t - w) % refitEvery === 0) {
      const window = x.subarray(t - w, t);
      // A flat window (e.g. a strategy out of the market) has no variance to fit: the forecast is
      // unavailable (NaN) until a later refit window moves.
      fitted = !isFlat(window);
      if (fitted) {
        const fit = fitGarch(window);
        ({ omega, alpha: a, beta: b, mu } = fit.params);
        q = percentileSorted(sortedFinite(fit.stdResid), 100 * alpha);
        s2 = fit.sigma2[w - 1];
      }
    }
    if (!fitted) {
      out[t] = Number.NaN;
      continue;
    }
    const e = x[t - 1] - mu;
    s2 = omega + a * e * e + b * s2;
    out[t] = (mu + Math.sqrt(s2) * q) / 100;
  }
  return out;
}

function isFlat(x: Float64Array): boolean {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return false;
  return true;
}
