import { FactorDefinitionError } from '../../errors/factors.js';
import { checkWindow, type EvalEnv, Expr, type StreamContext, type StreamNode } from '../expr.js';

/**
 * Rolling-window kernels over `Float64Array` (Qlib `Rolling` family), O(n) or O(n log w).
 *
 * Conventions shared by every kernel here:
 * - The window at row i is rows `[i - w + 1, i]`. Rows `i < w - 1` are NaN (warm-up).
 * - Missing rows (NaN): a window is available when at most `maxMissing(w) = floor(0.1 w)` of its rows are
 *   missing (so windows under 10 rows need every row); the statistic then uses the rows present. More
 *   missing rows give NaN: the data is not there, so the statistic is unavailable.
 * - Degenerate windows give NaN, never 0: a z-score or correlation over a flat window, a variance with w = 1.
 * - Running sums are kept relative to the first finite value of the series (`K`) to limit cancellation,
 *   and are recomputed exactly from the window every `w` rows (rows `i` with `(i + 1) % w == 0`), so
 *   rounding error does not accumulate. The streaming classes perform the same floating-point operations
 *   in the same order, so batch and streaming values are bit-identical.
 */

/** Statistics computed from running first and second moments of one series. */
export type MomentName = 'Sum' | 'Mean' | 'Var' | 'Std' | 'ZScore';

/** Relative threshold under which a variance is treated as rounding noise (a flat window). */
export const DEGENERATE_VAR = 1e-12;

/** Fraction of a window's rows that may be missing before the window is unavailable. */
export const MAX_MISSING_FRACTION = 0.1;

/** Rows of a `w`-row window that may be missing: `floor(0.1 w)`. */
export function maxMissing(w: number): number {
  return Math.floor(MAX_MISSING_FRACTION * w);
}

/** Finishes a moment statistic from `c` present rows with shifted sums `s1`, `s2` (shift `k`). */
function finishMoment(mode: MomentName, c: number, s1: number, s2: number, k: number, x: number): number {
  switch (mode) {
    case 'Sum':
      return s1 + c * k;
    case 'Mean':
      return k + s1 / c;
    default: {
      if (c < 2) return Number.NaN;
      let v = (s2 - (s1 * s1) / c) / (c - 1);
      if (v < 0) v = 0;
      if (mode === 'Var') return v;
      if (mode === 'Std') return Math.sqrt(v);
      if (Number.isNaN(x) || !(v > DEGENERATE_VAR * (s2 / c))) return Number.NaN;
      return (x - (k + s1 / c)) / Math.sqrt(v);
    }
  }
}

function firstFinite(x: Float64Array): number {
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) return x[i];
  return 0;
}

/**
 * Rolling sum, mean, variance (ddof 1), standard deviation (ddof 1) or z-score `(x_i - mean)/std`.
 * O(n). Var/Std/ZScore need `w >= 2`.
 */
export function rollingMoment(mode: MomentName, x: Float64Array, w: number, out: Float64Array): Float64Array {
  checkWindow(mode, w, mode === 'Sum' || mode === 'Mean' ? 1 : 2);
  const n = x.length;
  const k = firstFinite(x);
  const miss = maxMissing(w);
  let s1 = 0;
  let s2 = 0;
  let nan = 0;
  let until = w;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (Number.isNaN(v)) nan++;
    else {
      const d = v - k;
      s1 += d;
      s2 += d * d;
    }
    if (i >= w) {
      const u = x[i - w];
      if (Number.isNaN(u)) nan--;
      else {
        const e = u - k;
        s1 -= e;
        s2 -= e * e;
      }
    }
    if (--until === 0) {
      until = w;
      s1 = 0;
      s2 = 0;
      for (let j = i - w + 1; j <= i; j++) {
        const u = x[j];
        if (!Number.isNaN(u)) {
          const e = u - k;
          s1 += e;
          s2 += e * e;
        }
      }
    }
    out[i] = i >= w - 1 && nan <= miss ? finishMoment(mode, w - nan, s1, s2, k, v) : Number.NaN;
  }
  return out;
}

/** Streaming twin of `rollingMoment`: same operations in the same order. O(1) per update (O(w) every w). */
export class RollingMomentStream {
  private readonly buf: Float64Array;
  private i = 0;
  private k = Number.NaN;
  private s1 = 0;
  private s2 = 0;
  private nan = 0;
  private until: number;
  constructor(
    readonly mode: MomentName,
    readonly w: number,
  ) {
    checkWindow(mode, w, mode === 'Sum' || mode === 'Mean' ? 1 : 2);
    this.buf = new Float64Array(w);
    this.until = w;
  }
  update(v: number): number {
    const w = this.w;
    const slot = this.i % w;
    if (Number.isNaN(this.k) && !Number.isNaN(v)) this.k = v;
    const k = this.k;
    if (Number.isNaN(v)) this.nan++;
    else {
      const d = v - k;
      this.s1 += d;
      this.s2 += d * d;
    }
    if (this.i >= w) {
      const u = this.buf[slot];
      if (Number.isNaN(u)) this.nan--;
      else {
        const e = u - k;
        this.s1 -= e;
        this.s2 -= e * e;
      }
    }
    this.buf[slot] = v;
    const i = this.i++;
    if (--this.until === 0) {
      this.until = w;
      let s1 = 0;
      let s2 = 0;
      for (let j = 1; j <= w; j++) {
        const u = this.buf[(slot + j) % w];
        if (!Number.isNaN(u)) {
          const e = u - k;
          s1 += e;
          s2 += e * e;
        }
      }
      this.s1 = s1;
      this.s2 = s2;
    }
    return i >= w - 1 && this.nan <= maxMissing(w)
      ? finishMoment(this.mode, w - this.nan, this.s1, this.s2, k, v)
      : Number.NaN;
  }
}

/**
 * Rolling OLS slope of the window values on time (row index), per row: Qlib `Slope`.
 * `slope = (c S_ky - S_k S_y) / (c S_kk - S_k^2)` over the `c` present rows, with `k` the row index relative to
 * an anchor that is moved to the window start at every exact recompute (every `w` rows), which keeps the
 * sums small. O(n). Needs `w >= 2`.
 */
export function rollingSlope(x: Float64Array, w: number, out: Float64Array): Float64Array {
  const s = new RollingSlopeStream(w);
  for (let i = 0; i < x.length; i++) out[i] = s.update(x[i]);
  return out;
}

/** Streaming rolling slope on time (the batch kernel runs this code). */
export class RollingSlopeStream {
  private readonly buf: Float64Array;
  private i = 0;
  private o = 0;
  private k = Number.NaN;
  private c = 0;
  private sy = 0;
  private sk = 0;
  private skk = 0;
  private sky = 0;
  private until: number;
  private readonly miss: number;
  constructor(readonly w: number) {
    checkWindow('Slope', w, 2);
    this.buf = new Float64Array(w);
    this.until = w;
    this.miss = maxMissing(w);
  }
  update(v: number): number {
    const w = this.w;
    const i = this.i++;
    const slot = i % w;
    if (Number.isNaN(this.k) && !Number.isNaN(v)) this.k = v;
    if (i >= w) {
      const u = this.buf[slot];
      if (!Number.isNaN(u)) {
        const j = i - w - this.o;
        const d = u - this.k;
        this.c--;
        this.sy -= d;
        this.sk -= j;
        this.skk -= j * j;
        this.sky -= j * d;
      }
    }
    this.buf[slot] = v;
    if (!Number.isNaN(v)) {
      const j = i - this.o;
      const d = v - this.k;
      this.c++;
      this.sy += d;
      this.sk += j;
      this.skk += j * j;
      this.sky += j * d;
    }
    if (--this.until === 0) {
      this.until = w;
      this.o = i - w + 1;
      let c = 0;
      let sy = 0;
      let sk = 0;
      let skk = 0;
      let sky = 0;
      for (let j = 0; j < w; j++) {
        const u = this.buf[(slot + 1 + j) % w];
        if (!Number.isNaN(u)) {
          const d = u - this.k;
          c++;
          sy += d;
          sk += j;
          skk += j * j;
          sky += j * d;
        }
      }
      this.c = c;
      this.sy = sy;
      this.sk = sk;
      this.skk = skk;
      this.sky = sky;
    }
    const c = this.c;
    if (i < w - 1 || w - c > this.miss || c < 2) return Number.NaN;
    return (c * this.sky - this.sk * this.sy) / (c * this.skk - this.sk * this.sk);
  }
}

/**
 * Rolling maximum (`sign = 1`) or minimum (`sign = -1`) with a monotonic deque: O(n) total.
 * Reference: the ascending-minima algorithm (Lemire, "Streaming maximum-minimum filter using no more than
 * three comparisons per element", 2006).
 */
export function rollingExtreme(x: Float64Array, w: number, sign: 1 | -1, out: Float64Array): Float64Array {
  const s = new RollingExtremeStream(w, sign);
  for (let i = 0; i < x.length; i++) out[i] = s.update(x[i]);
  return out;
}

/** Streaming rolling max/min; the batch kernel runs this same code. O(1) amortized per update. */
export class RollingExtremeStream {
  private readonly vals: Float64Array;
  private readonly idx: Float64Array;
  private head = 0;
  private size = 0;
  private i = 0;
  private nan = 0;
  private readonly flags: Uint8Array;
  private readonly miss: number;
  constructor(
    readonly w: number,
    readonly sign: 1 | -1,
  ) {
    checkWindow(sign === 1 ? 'Max' : 'Min', w);
    this.vals = new Float64Array(w);
    this.idx = new Float64Array(w);
    this.flags = new Uint8Array(w);
    this.miss = maxMissing(w);
  }
  update(v: number): number {
    const w = this.w;
    const i = this.i++;
    // drop the element leaving the window
    if (this.size > 0 && this.idx[this.head] <= i - w) {
      this.head = (this.head + 1) % w;
      this.size--;
    }
    const slot = i % w;
    if (i >= w) this.nan -= this.flags[slot];
    this.flags[slot] = Number.isNaN(v) ? 1 : 0;
    this.nan += this.flags[slot];
    if (!Number.isNaN(v)) {
      const sv = this.sign * v;
      while (this.size > 0) {
        const tail = (this.head + this.size - 1) % w;
        if (this.sign * this.vals[tail] <= sv) this.size--;
        else break;
      }
      const pos = (this.head + this.size) % w;
      this.vals[pos] = v;
      this.idx[pos] = i;
      this.size++;
    }
    if (i < w - 1 || this.nan > this.miss || this.size === 0) return Number.NaN;
    return this.vals[this.head];
  }
}

/**
 * Sorted window of the finite values among the last `w`; insertion and removal by binary search.
 * O(w) per update (array shift), exact.
 */
export class SortedWindow {
  private readonly buf: Float64Array;
  readonly sorted: Float64Array;
  size = 0;
  private i = 0;
  nan = 0;
  constructor(readonly w: number) {
    this.buf = new Float64Array(w);
    this.sorted = new Float64Array(w);
  }
  /** Pushes a value, evicting the one that leaves the window; returns the row index (0-based). */
  push(v: number): number {
    const w = this.w;
    const slot = this.i % w;
    if (this.i >= w) {
      const u = this.buf[slot];
      if (Number.isNaN(u)) this.nan--;
      else {
        const p = lowerBound(this.sorted, this.size, u);
        const a = this.sorted;
        const end = this.size - 1;
        for (let j = p; j < end; j++) a[j] = a[j + 1];
        this.size--;
      }
    }
    this.buf[slot] = v;
    if (Number.isNaN(v)) this.nan++;
    else {
      const p = upperBoundN(this.sorted, this.size, v);
      const a = this.sorted;
      for (let j = this.size; j > p; j--) a[j] = a[j - 1];
      a[p] = v;
      this.size++;
    }
    return this.i++;
  }
  /** Linear-interpolated quantile (pandas/numpy 'linear'): position q (size - 1). */
  quantile(q: number): number {
    const pos = q * (this.size - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, this.size - 1);
    const f = pos - lo;
    return this.sorted[lo] + (this.sorted[hi] - this.sorted[lo]) * f;
  }
  /** Percentile rank of `v` in the window, ties averaged (pandas `rank(pct=True)`), in (0, 1]. */
  pctRank(v: number): number {
    const less = lowerBound(this.sorted, this.size, v);
    const equal = upperBoundN(this.sorted, this.size, v) - less;
    return (less + (equal + 1) / 2) / this.size;
  }
}

function lowerBound(a: Float64Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBoundN(a: Float64Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Rolling quantile `q` in [0, 1], linear interpolation (pandas default). O(n w) worst case, exact. */
export function rollingQuantile(x: Float64Array, w: number, q: number, out: Float64Array): Float64Array {
  if (w <= BIT_MIN_WINDOW) {
    const s = new RollingQuantileStream(w, q);
    for (let i = 0; i < x.length; i++) out[i] = s.update(x[i]);
    return out;
  }
  new RollingQuantileStream(w, q); // parameter checks
  const bit = new RankedWindowCounts(x);
  const miss = maxMissing(w);
  let nan = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) nan++;
    else bit.add(i, 1);
    if (i >= w) {
      if (Number.isNaN(x[i - w])) nan--;
      else bit.add(i - w, -1);
    }
    const size = Math.min(i + 1, w) - nan;
    if (i < w - 1 || nan > miss || size === 0) {
      out[i] = Number.NaN;
      continue;
    }
    // the same interpolation as SortedWindow.quantile, on the same order statistics
    const pos = q * (size - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, size - 1);
    const a = bit.kth(lo);
    const b = bit.kth(hi);
    out[i] = a + (b - a) * (pos - lo);
  }
  return out;
}

/** Coordinate compression of a series: its sorted finite values and each row's rank range among them. */
interface SeriesRanking {
  /** Finite values, ascending. */
  readonly sorted: Float64Array;
  /** Per row: rank of the first value equal to it (-1 for NaN). */
  readonly rankOf: Int32Array;
  /** Per row: one past the rank of the last value equal to it. */
  readonly tieHi: Int32Array;
}

/**
 * Rankings already computed, by series array, with a copy of the values they were computed from: the rolling
 * quantiles at 10% and 90% and the rank of one column (an expression's cached column) share one ranking. A
 * hit is used only when the array still holds exactly those values (checked in O(n)), so a caller reusing
 * and mutating a buffer gets a fresh ranking.
 */
const rankings = new WeakMap<Float64Array, { values: Float64Array; ranking: SeriesRanking }>();

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function seriesRanking(x: Float64Array): SeriesRanking {
  const hit = rankings.get(x);
  if (hit && sameValues(hit.values, x)) return hit.ranking;
  let m = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) m++;
  const sorted = new Float64Array(m);
  m = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) sorted[m++] = x[i];
  sorted.sort();
  // end of each group of equal values, by sorted position (one pass instead of a second binary search)
  const groupEnd = new Int32Array(m);
  for (let k = m - 1; k >= 0; k--)
    groupEnd[k] = k + 1 < m && sorted[k + 1] === sorted[k] ? groupEnd[k + 1] : k + 1;
  // equal values share the rank of their first occurrence (counts carry the multiplicity)
  const rankOf = new Int32Array(x.length).fill(-1);
  const tieHi = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) continue;
    const r = lowerBound(sorted, m, x[i]);
    rankOf[i] = r;
    tieHi[i] = groupEnd[r];
  }
  const ranking = { sorted, rankOf, tieHi };
  rankings.set(x, { values: x.slice(), ranking });
  return ranking;
}

/** Windows up to this many rows use the sorted-window kernel; longer ones the Fenwick-tree kernel. */
const BIT_MIN_WINDOW = 64;

/**
 * Counts of the values present in a sliding window, indexed by the value's rank among all finite values of
 * the series (coordinate compression, offline), in a Fenwick tree: O(log n) insert/remove, k-th order
 * statistic and rank queries. Gives exactly the window's order statistics, so the batch kernels built on it
 * equal the sorted-window streaming kernels bit for bit. Reference: Fenwick (1994), Software P&E 24(3).
 */
class RankedWindowCounts {
  private readonly tree: Int32Array;
  private readonly rankOf: Int32Array;
  private readonly sorted: Float64Array;
  private readonly size: number;
  private readonly top: number;
  private readonly tieHi: Int32Array;

  constructor(x: Float64Array) {
    const r = seriesRanking(x);
    this.sorted = r.sorted;
    this.size = r.sorted.length;
    this.rankOf = r.rankOf;
    this.tieHi = r.tieHi;
    this.tree = new Int32Array(this.size + 1);
    let top = 1;
    while (top * 2 <= this.size) top *= 2;
    this.top = top;
  }

  /** Adds `d` to the count of the value at series row `i`. */
  add(i: number, d: number): void {
    for (let k = this.rankOf[i] + 1; k <= this.size; k += k & -k) this.tree[k] += d;
  }

  /** The k-th smallest value (0-based) present. */
  kth(k: number): number {
    let pos = 0;
    let rem = k + 1;
    for (let step = this.top; step > 0; step >>= 1) {
      const nxt = pos + step;
      if (nxt <= this.size && this.tree[nxt] < rem) {
        pos = nxt;
        rem -= this.tree[nxt];
      }
    }
    return this.sorted[pos];
  }

  /** Number of values present with rank < r. */
  countBelow(r: number): number {
    let c = 0;
    for (let k = r; k > 0; k -= k & -k) c += this.tree[k];
    return c;
  }

  /** First and one-past-last rank of values equal to the value at row `i`. */
  equalRange(i: number): [number, number] {
    return [this.rankOf[i], this.tieHi[i]];
  }
}

/** Streaming rolling quantile (the batch kernel runs this code). */
export class RollingQuantileStream {
  private readonly win: SortedWindow;
  constructor(
    readonly w: number,
    readonly q: number,
  ) {
    checkWindow('Quantile', w);
    if (!(q >= 0 && q <= 1)) throw new FactorDefinitionError('Quantile', `q must be in [0, 1], got ${q}`);
    this.win = new SortedWindow(w);
  }
  update(v: number): number {
    const i = this.win.push(v);
    return i >= this.w - 1 && this.win.nan <= maxMissing(this.w) && this.win.size > 0
      ? this.win.quantile(this.q)
      : Number.NaN;
  }
}

/** Rolling percentile rank of the current value in its window (ties averaged), in (0, 1]. */
export function rollingRank(x: Float64Array, w: number, out: Float64Array): Float64Array {
  if (w <= BIT_MIN_WINDOW) {
    const s = new RollingRankStream(w);
    for (let i = 0; i < x.length; i++) out[i] = s.update(x[i]);
    return out;
  }
  new RollingRankStream(w); // parameter checks
  const bit = new RankedWindowCounts(x);
  const miss = maxMissing(w);
  let nan = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) nan++;
    else bit.add(i, 1);
    if (i >= w) {
      if (Number.isNaN(x[i - w])) nan--;
      else bit.add(i - w, -1);
    }
    const size = Math.min(i + 1, w) - nan;
    if (i < w - 1 || nan > miss || Number.isNaN(x[i])) {
      out[i] = Number.NaN;
      continue;
    }
    const [lo, hi] = bit.equalRange(i);
    const less = bit.countBelow(lo);
    const equal = bit.countBelow(hi) - less;
    out[i] = (less + (equal + 1) / 2) / size;
  }
  return out;
}

/** Streaming rolling percentile rank. */
export class RollingRankStream {
  private readonly win: SortedWindow;
  constructor(readonly w: number) {
    checkWindow('Rank', w, 2);
    this.win = new SortedWindow(w);
  }
  update(v: number): number {
    const i = this.win.push(v);
    return i >= this.w - 1 && this.win.nan <= maxMissing(this.w) && !Number.isNaN(v)
      ? this.win.pctRank(v)
      : Number.NaN;
  }
}

/**
 * Exponentially weighted mean, `m_i = m_{i-1} + alpha (x_i - m_{i-1})`, started at the first finite
 * value (pandas `ewm(alpha, adjust=False)`). NaN rows give NaN and leave the state unchanged. Rows before
 * `minPeriods` finite values are NaN. Infinite memory: `lookback` reports `minPeriods - 1` (warm-up).
 */
export function ewmMean(x: Float64Array, alpha: number, minPeriods: number, out: Float64Array): Float64Array {
  const s = new EwmStream(alpha, minPeriods);
  for (let i = 0; i < x.length; i++) out[i] = s.update(x[i]);
  return out;
}

/** Streaming EWM mean (the batch kernel runs this code). */
export class EwmStream {
  private m = Number.NaN;
  private count = 0;
  constructor(
    readonly alpha: number,
    readonly minPeriods: number,
  ) {
    if (!(alpha > 0 && alpha <= 1))
      throw new FactorDefinitionError('Ewm', `alpha must be in (0, 1], got ${alpha}`);
    checkWindow('Ewm', minPeriods);
  }
  update(v: number): number {
    if (Number.isNaN(v)) return Number.NaN;
    this.m = this.count === 0 ? v : this.m + this.alpha * (v - this.m);
    this.count++;
    return this.count >= this.minPeriods ? this.m : Number.NaN;
  }
}

/** Cumulative sum of finite values; NaN rows give NaN and leave the sum unchanged. */
export function cumSum(x: Float64Array, out: Float64Array): Float64Array {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isNaN(v)) {
      s += v;
      out[i] = s;
    } else out[i] = Number.NaN;
  }
  return out;
}

/** Name of a rolling operator. */
export type RollingName = MomentName | 'Slope' | 'Max' | 'Min' | 'Quantile' | 'Rank' | 'Ewm' | 'CumSum';

/** Rolling operator (Qlib `Rolling(feature, N, func)`): `Mean($close,20)`, `Quantile($close,20,0.8)`. */
export class RollingExpr extends Expr {
  readonly children: readonly Expr[];
  constructor(
    readonly op: RollingName,
    x: Expr,
    readonly w: number,
    readonly q = 0,
  ) {
    super();
    this.children = [x];
    // validates parameters once, at build time
    this.makeStream();
  }
  protected override args(): number[] {
    if (this.op === 'CumSum') return [];
    return this.op === 'Quantile' || this.op === 'Ewm' ? [this.w, this.q] : [this.w];
  }
  lookback(): number {
    if (this.op === 'CumSum') return this.children[0].lookback();
    return this.children[0].lookback() + this.w - 1;
  }
  private makeStream(): { update(v: number): number } {
    switch (this.op) {
      case 'Slope':
        return new RollingSlopeStream(this.w);
      case 'Max':
        return new RollingExtremeStream(this.w, 1);
      case 'Min':
        return new RollingExtremeStream(this.w, -1);
      case 'Quantile':
        return new RollingQuantileStream(this.w, this.q);
      case 'Rank':
        return new RollingRankStream(this.w);
      case 'Ewm':
        return new EwmStream(this.q, this.w);
      case 'CumSum': {
        let s = 0;
        return {
          update: (v: number) => {
            if (Number.isNaN(v)) return Number.NaN;
            s += v;
            return s;
          },
        };
      }
      default:
        return new RollingMomentStream(this.op, this.w);
    }
  }
  protected compute(env: EvalEnv): Float64Array {
    const x = this.children[0].evaluate(env);
    const out = new Float64Array(env.n);
    switch (this.op) {
      case 'Slope':
        return rollingSlope(x, this.w, out);
      case 'Max':
        return rollingExtreme(x, this.w, 1, out);
      case 'Min':
        return rollingExtreme(x, this.w, -1, out);
      case 'Quantile':
        return rollingQuantile(x, this.w, this.q, out);
      case 'Rank':
        return rollingRank(x, this.w, out);
      case 'Ewm':
        return ewmMean(x, this.q, this.w, out);
      case 'CumSum':
        return cumSum(x, out);
      default:
        return rollingMoment(this.op, x, this.w, out);
    }
  }
  stream(ctx: StreamContext): StreamNode {
    const child = this.children[0].stream(ctx);
    const s = this.makeStream();
    return { step: (row) => s.update(child.step(row)) };
  }
}
