/**
 * Descriptive statistics and distribution functions over `Float64Array`s.
 *
 * Conventions: `NaN` entries are skipped by the moment functions (a missing value is unavailable, not 0);
 * a statistic that cannot be formed (too few values, zero variance) is `NaN`.
 *
 * References: numpy `percentile` (linear method, Hyndman and Fan 1996 type 7); Abramowitz and Stegun (1964)
 * 6.5 and 26.5 for the incomplete gamma and beta functions; Lentz's continued-fraction method (Press et al.,
 * Numerical Recipes 3rd ed., 6.2 and 6.4); Acklam (2003) for the normal quantile, refined by one Halley step;
 * Lanczos (1964) log-gamma with Godfrey's g=7 coefficients.
 */

/** Numeric input accepted by the statistics functions. */
export type NumArray = ArrayLike<number>;

/** Arithmetic mean of the finite entries; `NaN` when there are none. */
export function mean(x: NumArray): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isNaN(v)) {
      s += v;
      n++;
    }
  }
  return n > 0 ? s / n : Number.NaN;
}

/** Sample variance with `ddof` delta degrees of freedom (default 1); `NaN` entries skipped. */
export function variance(x: NumArray, ddof = 1): number {
  const m = mean(x);
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isNaN(v)) {
      const d = v - m;
      s += d * d;
      n++;
    }
  }
  return n - ddof > 0 ? s / (n - ddof) : Number.NaN;
}

/** Standard deviation with `ddof` delta degrees of freedom (default 1, the sample std). */
export function std(x: NumArray, ddof = 1): number {
  return Math.sqrt(variance(x, ddof));
}

function centralMoments(x: NumArray): { n: number; m2: number; m3: number; m4: number } {
  const m = mean(x);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isNaN(v)) {
      const d = v - m;
      const d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
      n++;
    }
  }
  return { n, m2: m2 / n, m3: m3 / n, m4: m4 / n };
}

/**
 * Skewness m3 / m2^1.5 with population moments (scipy.stats.skew, `bias=True`); `NaN` for fewer than
 * 3 values or zero variance.
 */
export function skew(x: NumArray): number {
  const { n, m2, m3 } = centralMoments(x);
  if (n < 3 || !(m2 > 0)) return Number.NaN;
  return m3 / m2 ** 1.5;
}

/**
 * Excess kurtosis m4 / m2^2 - 3 with population moments (scipy.stats.kurtosis, Fisher, `bias=True`);
 * `NaN` for fewer than 4 values or zero variance.
 */
export function excessKurtosis(x: NumArray): number {
  const { n, m2, m4 } = centralMoments(x);
  if (n < 4 || !(m2 > 0)) return Number.NaN;
  return m4 / (m2 * m2) - 3;
}

/** Ascending copy of the finite entries. */
export function sortedFinite(x: NumArray): Float64Array {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) out[j++] = x[i];
  return out.sort();
}

/**
 * Percentile `q` in [0, 100] of an ascending array with linear interpolation between order statistics
 * (numpy's default `linear` method, Hyndman-Fan type 7). `NaN` when empty.
 */
export function percentileSorted(sorted: NumArray, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (Math.min(100, Math.max(0, q)) / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const frac = pos - lo;
  return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}

/** Percentile `q` in [0, 100] of the finite entries (linear interpolation, numpy default). */
export function percentile(x: NumArray, q: number): number {
  return percentileSorted(sortedFinite(x), q);
}

// ---------------------------------------------------------------------------------------------------
// Special functions

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Natural log of the gamma function for x > 0 (Lanczos approximation, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-16;
const TINY = 1e-300;

/** Regularized lower incomplete gamma P(a, x) (series for x < a + 1, continued fraction otherwise). */
export function gammaP(a: number, x: number): number {
  if (!(x > 0)) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x < a + 1) return gammaSeries(a, x);
  return 1 - gammaContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x), accurate in the upper tail. */
export function gammaQ(a: number, x: number): number {
  if (!(x > 0)) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x < a + 1) return 1 - gammaSeries(a, x);
  return gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let ap = a;
  let sum = 1 / a;
  let del = sum;
  for (let n = 0; n < 1000; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** Regularized incomplete beta I_x(a, b) for x in [0, 1] (continued fraction, Lentz). */
export function betaInc(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lbt = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  const bt = Math.exp(lbt);
  if (x < (a + 1) / (a + b + 2)) return (bt * betaContinuedFraction(x, a, b)) / a;
  return 1 - (bt * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

// ---------------------------------------------------------------------------------------------------
// Distributions

const SQRT2PI = Math.sqrt(2 * Math.PI);

/** Standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT2PI;
}

/** Standard normal CDF, accurate in both tails (via the regularized incomplete gamma of order 1/2). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const q = 0.5 * gammaQ(0.5, 0.5 * x * x);
  return x < 0 ? q : 1 - q;
}

const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/**
 * Standard normal quantile (inverse CDF) for p in (0, 1): Acklam's rational approximation refined by one
 * Halley step against `normalCdf` (full double precision). `-Infinity`/`Infinity` at 0/1, `NaN` outside.
 */
export function normalPpf(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else if (p <= 1 - 0.02425) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
      (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * SQRT2PI * Math.exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}

/** Student-t density with `nu` degrees of freedom (standard, unit scale). */
export function studentTPdf(x: number, nu: number): number {
  const lc = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI);
  return Math.exp(lc - ((nu + 1) / 2) * Math.log1p((x * x) / nu));
}

/** Student-t CDF with `nu` > 0 degrees of freedom (via the regularized incomplete beta). */
export function studentTCdf(x: number, nu: number): number {
  if (Number.isNaN(x) || !(nu > 0)) return Number.NaN;
  if (!Number.isFinite(x)) return x > 0 ? 1 : 0;
  const tail = 0.5 * betaInc(nu / (nu + x * x), nu / 2, 0.5);
  return x > 0 ? 1 - tail : tail;
}

/**
 * Student-t quantile with `nu` > 0 degrees of freedom: Newton iterations on `studentTCdf`, safeguarded by
 * bisection; accurate to about 1e-12.
 */
export function studentTPpf(p: number, nu: number): number {
  if (!(p >= 0 && p <= 1) || !(nu > 0)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (p > 0.5) return -studentTPpf(1 - p, nu);
  // p < 0.5: the quantile is negative. Bracket [lo, 0].
  let lo = -1;
  while (studentTCdf(lo, nu) > p) lo *= 2;
  let hi = 0;
  let x = Math.max(lo, normalPpf(p));
  for (let i = 0; i < 200; i++) {
    const f = studentTCdf(x, nu) - p;
    if (Math.abs(f) < 1e-15) break;
    if (f > 0) hi = x;
    else lo = x;
    let nx = x - f / studentTPdf(x, nu);
    if (!(nx > lo && nx < hi)) nx = 0.5 * (lo + hi);
    if (Math.abs(nx - x) < 1e-13 * Math.max(1, Math.abs(x))) {
      x = nx;
      break;
    }
    x = nx;
  }
  return x;
}

/** Chi-square CDF with `k` degrees of freedom. */
export function chiSquareCdf(x: number, k: number): number {
  return gammaP(k / 2, x / 2);
}

/** Chi-square survival function 1 - CDF (the p-value of a likelihood-ratio statistic). */
export function chiSquareSf(x: number, k: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return gammaQ(k / 2, x / 2);
}
