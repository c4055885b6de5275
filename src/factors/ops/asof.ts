import type { InputAlign } from '../spec.js';

/**
 * As-of join of one irregular or other-frequency series onto a grid, point-in-time.
 *
 * `out[g]` = the value of the last source row with `knownAt[j] <= grid[g]`, or NaN when there is none or
 * when `grid[g] - knownAt[j] > maxStalenessMs` (no forward-fill beyond the declared staleness).
 * A NaN source value stays NaN (it is not skipped in favour of an older one). Both time arrays must be
 * sorted ascending. O(n + m).
 *
 * Reference: pandas `merge_asof(direction='backward', tolerance=...)`, kdb+ `aj`.
 */
export function asofJoin(
  knownAt: Float64Array,
  values: Float64Array,
  grid: Float64Array,
  maxStalenessMs: number,
  out: Float64Array,
): Float64Array {
  let j = -1;
  const m = knownAt.length;
  for (let g = 0; g < grid.length; g++) {
    const t = grid[g];
    while (j + 1 < m && knownAt[j + 1] <= t) j++;
    out[g] = j >= 0 && t - knownAt[j] <= maxStalenessMs ? values[j] : Number.NaN;
  }
  return out;
}

/**
 * Aggregates event rows into grid buckets `(grid[g-1], grid[g]]` by their `knownAt` (the first bucket
 * takes everything known up to `grid[0]` and not older than `firstBucketMs` before it).
 * `sum` and `count` of an empty bucket are 0 (nothing happened); `mean` and `max` are NaN. NaN values are
 * ignored by `sum`, `mean` and `max` but counted by `count`. O(n + m).
 */
export function bucketAggregate(
  knownAt: Float64Array,
  values: Float64Array,
  grid: Float64Array,
  how: Exclude<InputAlign, 'asof'>,
  firstBucketMs: number,
  out: Float64Array,
): Float64Array {
  let j = 0;
  const m = knownAt.length;
  if (grid.length === 0) return out;
  const start = grid[0] - firstBucketMs;
  while (j < m && knownAt[j] <= start) j++;
  for (let g = 0; g < grid.length; g++) {
    const t = grid[g];
    let s = 0;
    let c = 0;
    let finite = 0;
    let mx = Number.NEGATIVE_INFINITY;
    while (j < m && knownAt[j] <= t) {
      const v = values[j];
      c++;
      if (!Number.isNaN(v)) {
        s += v;
        finite++;
        if (v > mx) mx = v;
      }
      j++;
    }
    switch (how) {
      case 'sum':
        out[g] = s;
        break;
      case 'count':
        out[g] = c;
        break;
      case 'mean':
        out[g] = finite > 0 ? s / finite : Number.NaN;
        break;
      case 'max':
        out[g] = finite > 0 ? mx : Number.NaN;
        break;
    }
  }
  return out;
}

/**
 * Streaming as-of/bucket aligner for one input: push source rows as they become known, then `at(t)` gives
 * the aligned value at grid time `t` (grid times must increase). Same values as `asofJoin` /
 * `bucketAggregate`. O(1) amortized per row.
 */
export class AsofCursor {
  private last = Number.NaN;
  private lastKnownAt = Number.NEGATIVE_INFINITY;
  private s = 0;
  private c = 0;
  private finite = 0;
  private mx = Number.NEGATIVE_INFINITY;
  private started = false;
  private pendingT: number[] = [];
  private pendingV: number[] = [];
  constructor(
    readonly align: InputAlign,
    readonly maxStalenessMs: number,
    readonly firstBucketMs: number,
  ) {}
  /** A source row known at `knownAt` (non-decreasing across calls). */
  push(knownAt: number, value: number): void {
    this.pendingT.push(knownAt);
    this.pendingV.push(value);
  }
  /** Aligned value at grid time `t`; consumes the rows known by `t`. */
  at(t: number): number {
    let k = 0;
    const pt = this.pendingT;
    const pv = this.pendingV;
    if (this.align === 'asof') {
      while (k < pt.length && pt[k] <= t) {
        this.last = pv[k];
        this.lastKnownAt = pt[k];
        k++;
      }
      pt.splice(0, k);
      pv.splice(0, k);
      return t - this.lastKnownAt <= this.maxStalenessMs ? this.last : Number.NaN;
    }
    const start = this.started ? Number.NEGATIVE_INFINITY : t - this.firstBucketMs;
    this.started = true;
    this.s = 0;
    this.c = 0;
    this.finite = 0;
    this.mx = Number.NEGATIVE_INFINITY;
    while (k < pt.length && pt[k] <= t) {
      if (pt[k] > start) {
        const v = pv[k];
        this.c++;
        if (!Number.isNaN(v)) {
          this.s += v;
          this.finite++;
          if (v > this.mx) this.mx = v;
        }
      }
      k++;
    }
    pt.splice(0, k);
    pv.splice(0, k);
    switch (this.align) {
      case 'sum':
        return this.s;
      case 'count':
        return this.c;
      case 'mean':
        return this.finite > 0 ? this.s / this.finite : Number.NaN;
      default:
        return this.finite > 0 ? this.mx : Number.NaN;
    }
  }
}
