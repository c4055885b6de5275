import { ModelInputError } from '../errors/risk.js';
import { decodeHmm, filterHmm, fitGaussianHmm, type GaussianHmm } from '../math/hmm.js';
import { historicalVarEs } from './valueAtRisk.js';

/** Risk statistics of one regime. */
export interface RegimeStats {
  state: number;
  /** Share of bars assigned to the regime (Viterbi). */
  share: number;
  /** Mean and standard deviation of returns in the regime (per bar). */
  mean: number;
  vol: number;
  /** Historical 95% VaR of the regime's returns (NaN with fewer than 20 bars). */
  var95: number;
  /** Expected duration in bars, 1 / (1 - p_ii). */
  expectedDuration: number;
}

/** A fitted regime model on returns and their rolling volatility. */
export interface RegimeModel {
  model: GaussianHmm;
  logLikelihood: number;
  /** Viterbi regime path (smoothed, uses the whole sample: for reports, not for trading). */
  path: Int32Array;
  /** Filtered probability of each regime at t given data up to t [T x K] (point in time). */
  filtered: Float64Array;
  stats: RegimeStats[];
  /** Index into the input where the features start (the first `volWindow` bars have no rolling vol). */
  offset: number;
}

/**
 * Fits a K-state Gaussian HMM (Baum-Welch) on [return, rolling volatility] and labels states by
 * volatility: state 0 is the calmest. Reference: Hamilton (1989); Ang and Bekaert (2002), "Regime switches
 * in interest rates" for regime-dependent risk.
 *
 * @param volWindow bars in the rolling standard deviation feature (default 20).
 * @throws {ModelInputError} on too few returns.
 */
export function fitRegimes(returns: ArrayLike<number>, nStates = 2, volWindow = 20): RegimeModel {
  const r = Array.from(returns).filter((x) => Number.isFinite(x));
  const n = r.length - volWindow;
  if (n < 50 * nStates)
    throw new ModelInputError(
      'fitRegimes',
      `needs at least ${50 * nStates + volWindow} returns, got ${r.length}`,
    );
  const x = regimeFeatures(r, volWindow);
  const fit = fitGaussianHmm(x, 2, nStates, { sortFeature: 1 });
  const path = decodeHmm(fit.model, x);
  const filtered = filterHmm(fit.model, x);
  const stats: RegimeStats[] = [];
  for (let s = 0; s < nStates; s++) {
    const rs: number[] = [];
    for (let t = 0; t < n; t++) if (path[t] === s) rs.push(x[2 * t]);
    const m = rs.reduce((a, b) => a + b, 0) / Math.max(1, rs.length);
    const v = Math.sqrt(rs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, rs.length - 1));
    stats.push({
      state: s,
      share: rs.length / n,
      mean: m,
      vol: v,
      var95: rs.length >= 20 ? historicalVarEs(rs, 0.05).var : Number.NaN,
      expectedDuration: 1 / Math.max(1e-12, 1 - fit.model.trans[s * nStates + s]),
    });
  }
  return { model: fit.model, logLikelihood: fit.logLikelihood, path, filtered, stats, offset: volWindow };
}

/**
 * HMM features per bar t >= volWindow: [r_t, log of the standard deviation of r over the `volWindow` bars
 * before t] (row-major [T - volWindow x 2]). Non-finite returns must be removed first.
 */
export function regimeFeatures(r: ArrayLike<number>, volWindow: number): Float64Array {
  const n = r.length - volWindow;
  const x = new Float64Array(2 * Math.max(0, n));
  for (let t = 0; t < n; t++) {
    let s = 0;
    let s2 = 0;
    for (let k = 0; k < volWindow; k++) {
      const v = r[t + k];
      s += v;
      s2 += v * v;
    }
    const m = s / volWindow;
    x[2 * t] = r[t + volWindow];
    // Rolling vol of the window ending at the previous bar (known at t), in log for a Gaussian-like feature.
    x[2 * t + 1] = Math.log(Math.sqrt(Math.max(1e-20, (s2 - volWindow * m * m) / (volWindow - 1))));
  }
  return x;
}

/**
 * Exposure multiplier from filtered regime probabilities: sum_k P(regime k | data to t) x scale_k
 * (e.g. [1, 0.4]: full risk when calm, 40% when turbulent).
 */
export function regimeScale(filteredRow: ArrayLike<number>, scales: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < scales.length; k++) s += filteredRow[k] * scales[k];
  return s;
}
