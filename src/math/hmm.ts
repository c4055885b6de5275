import { ModelInputError } from '../errors/risk.js';

/**
 * Hidden Markov models: scaled forward-backward, Viterbi decoding and Baum-Welch for Gaussian emissions
 * with diagonal covariance.
 *
 * Layouts (row-major typed arrays): `start` [K], `trans` [K x K] with trans[i*K + j] = P(s_{t+1}=j | s_t=i),
 * emission likelihoods [T x K] with b[t*K + k] = p(x_t | s_t = k), observations [T x D].
 *
 * References: Rabiner (1989), "A tutorial on hidden Markov models and selected applications in speech
 * recognition", Proc. IEEE 77(2) (scaling, Sec. V.A; Viterbi, Sec. III.B; Baum-Welch re-estimation);
 * Hamilton (1989) for regime-switching returns.
 */

/** Result of the forward-backward pass. */
export interface ForwardBackwardResult {
  /** log P(x_1..T) (natural log), including any per-row scale passed in. */
  logProb: number;
  /** Posterior state probabilities gamma [T x K]. */
  gamma: Float64Array;
  /** Expected transition counts sum_t xi_t [K x K]. */
  xiSum: Float64Array;
}

function checkShapes(
  fn: string,
  start: ArrayLike<number>,
  trans: ArrayLike<number>,
  b: ArrayLike<number>,
): [number, number] {
  const k = start.length;
  if (k < 1) throw new ModelInputError(fn, 'needs at least one state');
  if (trans.length !== k * k)
    throw new ModelInputError(fn, `transition matrix has ${trans.length} entries, expected ${k * k}`);
  if (b.length % k !== 0)
    throw new ModelInputError(fn, `emission matrix length ${b.length} is not a multiple of ${k} states`);
  return [k, b.length / k];
}

/**
 * Scaled forward-backward (Rabiner 1989, Sec. V.A).
 *
 * @param b per-step emission likelihoods [T x K] (non-negative).
 * @param logScale optional per-step log factors already divided out of `b` (added back into `logProb`).
 * @throws {ModelInputError} on shape mismatch or a step where every state has zero likelihood.
 * @example
 * forwardBackward([0.5, 0.5], [0.7, 0.3, 0.3, 0.7], [0.9, 0.2, 0.9, 0.2, 0.1, 0.8, 0.9, 0.2, 0.9, 0.2]).logProb; // -3.3725
 */
export function forwardBackward(
  start: ArrayLike<number>,
  trans: ArrayLike<number>,
  b: ArrayLike<number>,
  logScale?: ArrayLike<number>,
): ForwardBackwardResult {
  const [k, n] = checkShapes('forwardBackward', start, trans, b);
  const alpha = new Float64Array(n * k);
  const beta = new Float64Array(n * k);
  const c = new Float64Array(n);
  let logProb = 0;
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let j = 0; j < k; j++) {
      let a: number;
      if (t === 0) a = start[j];
      else {
        a = 0;
        const prev = (t - 1) * k;
        for (let i = 0; i < k; i++) a += alpha[prev + i] * trans[i * k + j];
      }
      a *= b[t * k + j];
      alpha[t * k + j] = a;
      s += a;
    }
    if (!(s > 0))
      throw new ModelInputError('forwardBackward', `observation ${t} has zero likelihood under every state`);
    c[t] = s;
    for (let j = 0; j < k; j++) alpha[t * k + j] /= s;
    logProb += Math.log(s) + (logScale ? logScale[t] : 0);
  }
  for (let j = 0; j < k; j++) beta[(n - 1) * k + j] = 1;
  for (let t = n - 2; t >= 0; t--) {
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += trans[i * k + j] * b[(t + 1) * k + j] * beta[(t + 1) * k + j];
      beta[t * k + i] = s / c[t + 1];
    }
  }
  const gamma = new Float64Array(n * k);
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let j = 0; j < k; j++) {
      const g = alpha[t * k + j] * beta[t * k + j];
      gamma[t * k + j] = g;
      s += g;
    }
    for (let j = 0; j < k; j++) gamma[t * k + j] /= s;
  }
  const xiSum = new Float64Array(k * k);
  for (let t = 0; t < n - 1; t++) {
    for (let i = 0; i < k; i++) {
      const ai = alpha[t * k + i];
      for (let j = 0; j < k; j++) {
        xiSum[i * k + j] += (ai * trans[i * k + j] * b[(t + 1) * k + j] * beta[(t + 1) * k + j]) / c[t + 1];
      }
    }
  }
  return { logProb, gamma, xiSum };
}

/**
 * Most likely state path (Viterbi, in log space).
 *
 * @param b per-step emission likelihoods [T x K], or log-likelihoods when `isLog` is true.
 * @returns state index per step.
 */
export function viterbi(
  start: ArrayLike<number>,
  trans: ArrayLike<number>,
  b: ArrayLike<number>,
  isLog = false,
): Int32Array {
  const [k, n] = checkShapes('viterbi', start, trans, b);
  const logT = new Float64Array(k * k);
  for (let i = 0; i < k * k; i++) logT[i] = Math.log(trans[i]);
  let delta = new Float64Array(k);
  let next = new Float64Array(k);
  const psi = new Int32Array(n * k);
  for (let j = 0; j < k; j++) delta[j] = Math.log(start[j]) + (isLog ? b[j] : Math.log(b[j]));
  for (let t = 1; t < n; t++) {
    for (let j = 0; j < k; j++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let i = 0; i < k; i++) {
        const v = delta[i] + logT[i * k + j];
        if (v > best) {
          best = v;
          arg = i;
        }
      }
      const e = b[t * k + j];
      next[j] = best + (isLog ? e : Math.log(e));
      psi[t * k + j] = arg;
    }
    const tmp = delta;
    delta = next;
    next = tmp;
  }
  const path = new Int32Array(n);
  let arg = 0;
  for (let j = 1; j < k; j++) if (delta[j] > delta[arg]) arg = j;
  path[n - 1] = arg;
  for (let t = n - 1; t > 0; t--) path[t - 1] = psi[t * k + path[t]];
  return path;
}

/** A Gaussian HMM with diagonal covariance. */
export interface GaussianHmm {
  /** Number of states K. */
  nStates: number;
  /** Number of features D. */
  nFeatures: number;
  /** Initial state distribution [K]. */
  start: Float64Array;
  /** Transition matrix [K x K], rows sum to 1. */
  trans: Float64Array;
  /** State means [K x D]. */
  means: Float64Array;
  /** State variances [K x D] (diagonal covariance). */
  vars: Float64Array;
}

/**
 * Emission likelihoods of observations under a Gaussian HMM, rescaled per step for stability:
 * b[t*K + k] = p(x_t | k) / exp(logScale[t]).
 *
 * @param x observations [T x D]; rows with a NaN get likelihood 1 for every state (uninformative).
 */
export function gaussianEmissions(
  model: GaussianHmm,
  x: ArrayLike<number>,
): { b: Float64Array; logScale: Float64Array } {
  const { nStates: k, nFeatures: d } = model;
  const n = Math.floor(x.length / d);
  const b = new Float64Array(n * k);
  const logScale = new Float64Array(n);
  const LOG2PI = Math.log(2 * Math.PI);
  for (let t = 0; t < n; t++) {
    let mx = Number.NEGATIVE_INFINITY;
    for (let s = 0; s < k; s++) {
      let lp = 0;
      for (let f = 0; f < d; f++) {
        const v = x[t * d + f];
        if (Number.isNaN(v)) continue;
        const va = model.vars[s * d + f];
        const diff = v - model.means[s * d + f];
        lp -= 0.5 * (LOG2PI + Math.log(va) + (diff * diff) / va);
      }
      b[t * k + s] = lp;
      if (lp > mx) mx = lp;
    }
    logScale[t] = mx;
    for (let s = 0; s < k; s++) b[t * k + s] = Math.exp(b[t * k + s] - mx);
  }
  return { b, logScale };
}

/** Options of {@link fitGaussianHmm}. */
export interface FitHmmOptions {
  /** Maximum Baum-Welch iterations (default 200). */
  maxIter?: number;
  /** Stop when the log-likelihood improves by less than this (default 1e-6). */
  tol?: number;
  /** Variance floor as a fraction of each feature's overall variance (default 1e-3). */
  varFloor?: number;
  /** Feature whose state means order the states ascending (default 0); state 0 is the lowest. */
  sortFeature?: number;
}

/** A fitted Gaussian HMM with its training log-likelihood. */
export interface FitHmmResult {
  model: GaussianHmm;
  /** log P(x) at the final parameters. */
  logLikelihood: number;
  /** Baum-Welch iterations run. */
  iterations: number;
  /** True when the tolerance was met. */
  converged: boolean;
}

/**
 * Fits a diagonal Gaussian HMM by Baum-Welch (EM). Deterministic: states start from quantile bands of
 * `sortFeature` (no randomness), and are returned sorted by that feature's mean.
 *
 * @param x observations [T x D], row-major, finite.
 * @throws {ModelInputError} on non-finite input or fewer than 5*K observations.
 * @example
 * const { model } = fitGaussianHmm(returnsAndVol, 2, 2, { sortFeature: 1 }); // state 0 = calm
 */
export function fitGaussianHmm(
  x: ArrayLike<number>,
  nFeatures: number,
  nStates: number,
  opts: FitHmmOptions = {},
): FitHmmResult {
  const d = nFeatures;
  const k = nStates;
  const n = Math.floor(x.length / d);
  if (n * d !== x.length)
    throw new ModelInputError(
      'fitGaussianHmm',
      `observation length ${x.length} is not a multiple of ${d} features`,
    );
  if (n < 5 * k)
    throw new ModelInputError(
      'fitGaussianHmm',
      `needs at least ${5 * k} observations for ${k} states, got ${n}`,
    );
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]))
      throw new ModelInputError(
        'fitGaussianHmm',
        `observation ${Math.floor(i / d)}, feature ${i % d} is not finite`,
      );
  }
  const maxIter = opts.maxIter ?? 200;
  const tol = opts.tol ?? 1e-6;
  const sortFeature = opts.sortFeature ?? 0;
  const gMean = new Float64Array(d);
  const gVar = new Float64Array(d);
  for (let t = 0; t < n; t++) for (let f = 0; f < d; f++) gMean[f] += x[t * d + f] / n;
  for (let t = 0; t < n; t++) for (let f = 0; f < d; f++) gVar[f] += (x[t * d + f] - gMean[f]) ** 2 / n;
  const floor = new Float64Array(d);
  for (let f = 0; f < d; f++) floor[f] = Math.max(1e-300, (opts.varFloor ?? 1e-3) * gVar[f]);

  // Initialization: split rows into K quantile bands of the sort feature.
  const idx = Array.from({ length: n }, (_, i) => i).sort(
    (a, c) => x[a * d + sortFeature] - x[c * d + sortFeature],
  );
  const model: GaussianHmm = {
    nStates: k,
    nFeatures: d,
    start: new Float64Array(k).fill(1 / k),
    trans: new Float64Array(k * k),
    means: new Float64Array(k * d),
    vars: new Float64Array(k * d),
  };
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) model.trans[i * k + j] = i === j ? 0.9 : 0.1 / Math.max(1, k - 1);
  if (k === 1) model.trans[0] = 1;
  for (let s = 0; s < k; s++) {
    const lo = Math.floor((s * n) / k);
    const hi = Math.floor(((s + 1) * n) / k);
    const m = hi - lo;
    for (let f = 0; f < d; f++) {
      let mu = 0;
      for (let r = lo; r < hi; r++) mu += x[idx[r] * d + f] / m;
      let v = 0;
      for (let r = lo; r < hi; r++) v += (x[idx[r] * d + f] - mu) ** 2 / m;
      model.means[s * d + f] = mu;
      model.vars[s * d + f] = Math.max(v, floor[f]);
    }
  }

  let prevLl = Number.NEGATIVE_INFINITY;
  let ll = Number.NEGATIVE_INFINITY;
  let iter = 0;
  let converged = false;
  for (; iter < maxIter; iter++) {
    const { b, logScale } = gaussianEmissions(model, x);
    const fb = forwardBackward(model.start, model.trans, b, logScale);
    ll = fb.logProb;
    if (ll - prevLl < tol && iter > 0) {
      converged = true;
      break;
    }
    prevLl = ll;
    // M-step.
    for (let s = 0; s < k; s++) model.start[s] = fb.gamma[s];
    for (let i = 0; i < k; i++) {
      let row = 0;
      for (let j = 0; j < k; j++) row += fb.xiSum[i * k + j];
      for (let j = 0; j < k; j++) model.trans[i * k + j] = row > 0 ? fb.xiSum[i * k + j] / row : 1 / k;
    }
    for (let s = 0; s < k; s++) {
      let w = 0;
      for (let t = 0; t < n; t++) w += fb.gamma[t * k + s];
      if (!(w > 1e-12)) continue;
      for (let f = 0; f < d; f++) {
        let mu = 0;
        for (let t = 0; t < n; t++) mu += fb.gamma[t * k + s] * x[t * d + f];
        mu /= w;
        let v = 0;
        for (let t = 0; t < n; t++) v += fb.gamma[t * k + s] * (x[t * d + f] - mu) ** 2;
        model.means[s * d + f] = mu;
        model.vars[s * d + f] = Math.max(v / w, floor[f]);
      }
    }
  }
  sortStates(model, sortFeature);
  return { model, logLikelihood: ll, iterations: iter, converged };
}

function sortStates(model: GaussianHmm, feature: number): void {
  const { nStates: k, nFeatures: d } = model;
  const perm = Array.from({ length: k }, (_, i) => i).sort(
    (a, c) => model.means[a * d + feature] - model.means[c * d + feature],
  );
  const start = model.start.slice();
  const trans = model.trans.slice();
  const means = model.means.slice();
  const vars = model.vars.slice();
  for (let a = 0; a < k; a++) {
    const p = perm[a];
    model.start[a] = start[p];
    for (let c = 0; c < k; c++) model.trans[a * k + c] = trans[p * k + perm[c]];
    for (let f = 0; f < d; f++) {
      model.means[a * d + f] = means[p * d + f];
      model.vars[a * d + f] = vars[p * d + f];
    }
  }
}

/** Most likely regime path of observations [T x D] under a fitted model (Viterbi). */
export function decodeHmm(model: GaussianHmm, x: ArrayLike<number>): Int32Array {
  const { b, logScale } = gaussianEmissions(model, x);
  const lb = new Float64Array(b.length);
  for (let i = 0; i < b.length; i++) lb[i] = Math.log(b[i]) + logScale[Math.floor(i / model.nStates)];
  return viterbi(model.start, model.trans, lb, true);
}

/**
 * Filtered regime probabilities P(s_t | x_1..t) [T x K]: the forward pass only, so the value at t uses
 * nothing after t (point-in-time; use this, not smoothed `gamma`, for trading decisions).
 */
export function filterHmm(model: GaussianHmm, x: ArrayLike<number>): Float64Array {
  const { nStates: k } = model;
  const { b } = gaussianEmissions(model, x);
  const n = b.length / k;
  const out = new Float64Array(n * k);
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let j = 0; j < k; j++) {
      let a: number;
      if (t === 0) a = model.start[j];
      else {
        a = 0;
        for (let i = 0; i < k; i++) a += out[(t - 1) * k + i] * model.trans[i * k + j];
      }
      a *= b[t * k + j];
      out[t * k + j] = a;
      s += a;
    }
    for (let j = 0; j < k; j++) out[t * k + j] = s > 0 ? out[t * k + j] / s : 1 / k;
  }
  return out;
}
