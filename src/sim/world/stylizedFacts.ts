import { StylizedFactsError } from '../../errors/simWorld.js';

/** Input of {@link computeStylizedFacts}: one close/volume series at a fixed bar interval. */
export interface FactsInput {
  /** Close prices, oldest first, one per bar (NaN = missing bar). */
  close: Float64Array;
  /** Base volume per bar (same length), or undefined when unavailable. */
  volume?: Float64Array | undefined;
  /** Bar length in ms (3_600_000 for hourly). */
  barMs: number;
  /** Funding rates per interval (decimal), when available. */
  funding?: Float64Array | undefined;
  /** Perp basis (decimal), when available. */
  basis?: Float64Array | undefined;
}

/** The stylized facts of one return series (Cont, 2001). NaN = not computable from the input. */
export interface StylizedFacts {
  /** Number of returns used. */
  n: number;
  /** Standard deviation of log returns per bar. */
  stdev: number;
  /** Excess kurtosis of bar returns (0 for a Gaussian). */
  excessKurtosis: number;
  /** Hill estimator of the tail index of |r| on the top 2.5% (heavy tails: 2..5). */
  hillTailIndex: number;
  /** Autocorrelation of returns at lag 1 (near 0 in efficient markets). */
  acfReturnLag1: number;
  /** Autocorrelation of |r| at lag 1 (volatility clustering, > 0.1). */
  acfAbsLag1: number;
  /** Autocorrelation of |r| at lag 10 (slow decay). */
  acfAbsLag10: number;
  /** Autocorrelation of r^2 at lag 1. */
  acfSqLag1: number;
  /** Leverage effect: corr(r_t, |r_{t+1..t+10}| mean) (negative in equities; weak in crypto). */
  leverage: number;
  /** Excess kurtosis of returns aggregated to 1 day. */
  kurtosisDaily: number;
  /** Excess kurtosis of returns aggregated to 1 week. */
  kurtosisWeekly: number;
  /** corr(volume, |r|) per bar. */
  volumeVolCorr: number;
  /** 5th and 95th percentiles of funding rates (decimal per interval). */
  fundingP5: number;
  fundingP95: number;
  /** 5th and 95th percentiles of basis (decimal). */
  basisP5: number;
  basisP95: number;
}

/**
 * Computes the stylized facts of asset returns (Cont, 2001, "Empirical properties of asset returns:
 * stylized facts and statistical issues", Quantitative Finance 1(2)) on a close series.
 * Returns across missing bars (NaN closes) are skipped, never bridged.
 *
 * @throws {StylizedFactsError} when fewer than 50 returns are available or returns are constant.
 */
export function computeStylizedFacts(input: FactsInput): StylizedFacts {
  const { close, barMs } = input;
  const r = logReturns(close);
  const n = r.length;
  if (n < 50) throw new StylizedFactsError(`stylized facts need at least 50 returns, got ${n}`);
  const sd = Math.sqrt(moment(r, 2));
  if (!(sd > 0)) throw new StylizedFactsError('stylized facts: returns are constant');
  const abs = r.map(Math.abs);
  const sq = r.map((x) => x * x);
  const perDay = Math.max(1, Math.round(86_400_000 / barMs));
  const perWeek = perDay * 7;
  let vv = Number.NaN;
  if (input.volume) {
    const vol = new Float64Array(n);
    const a = new Float64Array(n);
    let k = 0;
    for (let i = 1; i < close.length; i++) {
      const x = Math.log(close[i] / close[i - 1]);
      if (!Number.isFinite(x) || !Number.isFinite(input.volume[i])) continue;
      vol[k] = input.volume[i];
      a[k++] = Math.abs(x);
    }
    vv = correlation(vol.subarray(0, k), a.subarray(0, k));
  }
  const lev = leverageCorrelation(r, 10);
  const q = (x: Float64Array | undefined, p: number) => (x?.length ? quantile(x, p) : Number.NaN);
  return {
    n,
    stdev: sd,
    excessKurtosis: excessKurtosis(r),
    hillTailIndex: hillTailIndex(abs, 0.025),
    acfReturnLag1: acf(r, 1),
    acfAbsLag1: acf(abs, 1),
    acfAbsLag10: acf(abs, 10),
    acfSqLag1: acf(sq, 1),
    leverage: lev,
    kurtosisDaily: perDay > 1 ? aggregatedKurtosis(close, perDay) : excessKurtosis(r),
    kurtosisWeekly: aggregatedKurtosis(close, perWeek),
    volumeVolCorr: vv,
    fundingP5: q(input.funding, 0.05),
    fundingP95: q(input.funding, 0.95),
    basisP5: q(input.basis, 0.05),
    basisP95: q(input.basis, 0.95),
  };
}

/** Log returns between consecutive finite closes (pairs touching a NaN are dropped). */
export function logReturns(close: Float64Array): Float64Array {
  const out = new Float64Array(Math.max(0, close.length - 1));
  let k = 0;
  for (let i = 1; i < close.length; i++) {
    const x = Math.log(close[i] / close[i - 1]);
    if (Number.isFinite(x)) out[k++] = x;
  }
  return out.slice(0, k);
}

function moment(x: Float64Array, p: number): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i];
  m /= x.length;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** p;
  return s / x.length;
}

/** Sample excess kurtosis m4 / m2^2 - 3 (NaN under 4 values). */
export function excessKurtosis(x: Float64Array): number {
  if (x.length < 4) return Number.NaN;
  const m2 = moment(x, 2);
  return m2 > 0 ? moment(x, 4) / (m2 * m2) - 3 : Number.NaN;
}

/** Sample autocorrelation at `lag` (Box-Jenkins estimator: full-sample mean and variance). */
export function acf(x: Float64Array, lag: number): number {
  const n = x.length;
  if (lag >= n) return Number.NaN;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    den += d * d;
    if (i >= lag) num += d * (x[i - lag] - m);
  }
  return den > 0 ? num / den : Number.NaN;
}

/** Pearson correlation of two equal-length arrays (NaN when one is constant). */
export function correlation(a: Float64Array, b: Float64Array): number {
  const n = Math.min(a.length, b.length);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Number.NaN;
}

/**
 * Hill (1975) tail-index estimator on the largest `frac` share of positive values:
 * alpha = 1 / mean(log(x_(i) / x_(k+1))), i = 1..k.
 */
export function hillTailIndex(x: Float64Array, frac: number): number {
  const sorted = Float64Array.from(x).sort().reverse();
  const k = Math.max(10, Math.floor(sorted.length * frac));
  if (k + 1 >= sorted.length || !(sorted[k] > 0)) return Number.NaN;
  let s = 0;
  for (let i = 0; i < k; i++) s += Math.log(sorted[i] / sorted[k]);
  return s > 0 ? k / s : Number.NaN;
}

/** corr(r_t, mean |r| over the next `h` bars): negative means falls raise future volatility. */
function leverageCorrelation(r: Float64Array, h: number): number {
  const n = r.length - h;
  if (n < 10) return Number.NaN;
  const a = r.subarray(0, n);
  const fut = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 1; j <= h; j++) s += Math.abs(r[i + j]);
    fut[i] = s / h;
  }
  return correlation(a, fut);
}

/** Excess kurtosis of log returns over non-overlapping blocks of `k` bars (blocks with a gap are dropped). */
export function aggregatedKurtosis(close: Float64Array, k: number): number {
  const out: number[] = [];
  for (let i = 0; i + k < close.length; i += k) {
    const x = Math.log(close[i + k] / close[i]);
    if (Number.isFinite(x)) out.push(x);
  }
  return out.length >= 20 ? excessKurtosis(Float64Array.from(out)) : Number.NaN;
}

/** Linear-interpolated quantile p in [0, 1] of the finite values of `x` (NaN when none). */
export function quantile(x: Float64Array, p: number): number {
  const s = Float64Array.from(x.filter(Number.isFinite)).sort();
  if (s.length === 0) return Number.NaN;
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** The facts a calibration matches, with a scale for each (the distance divides by it). */
export const CALIBRATION_FACTS: ReadonlyArray<{ key: keyof StylizedFacts; scale: number }> = [
  { key: 'stdev', scale: 0.003 },
  { key: 'excessKurtosis', scale: 5 },
  { key: 'hillTailIndex', scale: 0.5 },
  { key: 'acfReturnLag1', scale: 0.03 },
  { key: 'acfAbsLag1', scale: 0.05 },
  { key: 'acfAbsLag10', scale: 0.05 },
  { key: 'kurtosisDaily', scale: 2 },
  { key: 'kurtosisWeekly', scale: 2 },
  { key: 'volumeVolCorr', scale: 0.1 },
];

/** Root-mean-square scaled distance between two fact sets over {@link CALIBRATION_FACTS} (NaN facts skipped). */
export function factsDistance(sim: StylizedFacts, real: StylizedFacts): number {
  let s = 0;
  let k = 0;
  for (const { key, scale } of CALIBRATION_FACTS) {
    const d = ((sim[key] as number) - (real[key] as number)) / scale;
    if (Number.isFinite(d)) {
      s += d * d;
      k++;
    }
  }
  return k ? Math.sqrt(s / k) : Number.NaN;
}
