import { EnvConfigError, EnvDataError } from '../../errors/env.js';
import { type Frame, upperBound } from '../../data/frame.js';

/**
 * Point-in-time factor values of N assets on a bar grid, time-major as float32:
 * row t holds `[asset0 f0..fF-1, asset1 f0..., ...]` (width = nAssets * nFactors), taken from each
 * asset's factor frame as of bar t (the last factor row with ts <= bar ts + knownAtOffsetMs; never later).
 *
 * A row is *valid* when every value is finite. Missing values are never filled: a window containing an
 * invalid row is not observable (episodes start after warm-up and are truncated at gaps).
 * A window of H rows ending at t is one contiguous slice, so it can be returned as a zero-copy view.
 */
export class FactorPanel {
  /** Number of rows (bars). */
  readonly length: number;
  readonly nAssets: number;
  /** Factor names, in column order. */
  readonly names: readonly string[];
  readonly nFactors: number;
  /** Values per row: nAssets * nFactors. */
  readonly width: number;
  readonly data: Float32Array;
  /** Number of consecutive valid rows ending at t (0 when row t is invalid). */
  readonly validRun: Int32Array;

  /**
   * @param ts bar timestamps (UTC ms)
   * @param frames one point-in-time factor frame per asset
   * @param columns factor names to use (default: the first frame's columns, sorted)
   * @param knownAtOffsetMs factor rows stamped up to `bar ts + offset` are usable at a bar: 0 when factor
   *   frames are stamped like the bars (bar open time), the bar interval when they are stamped by as-of time
   *   (the factor engine's grid, where row T holds what was knowable at T = the bar's close)
   * @throws {EnvConfigError} when a selected factor is missing from a frame
   */
  constructor(
    ts: Float64Array,
    frames: readonly Frame[],
    columns?: readonly string[],
    envId = 'env',
    knownAtOffsetMs = 0,
  ) {
    if (frames.length === 0) throw new EnvDataError(`${envId}: no factor frames`);
    const names = columns ? [...columns] : Object.keys(frames[0].columns).sort();
    if (names.length === 0) throw new EnvConfigError(envId, 'factors', 'no factor columns selected');
    frames.forEach((f, a) => {
      for (const n of names) {
        if (!f.columns[n]) {
          throw new EnvConfigError(
            envId,
            'factors',
            `asset ${a} has no factor "${n}" (has: ${Object.keys(f.columns).join(', ')})`,
          );
        }
      }
    });
    this.length = ts.length;
    this.nAssets = frames.length;
    this.names = names;
    this.nFactors = names.length;
    this.width = this.nAssets * this.nFactors;
    this.data = new Float32Array(this.length * this.width);
    this.validRun = new Int32Array(this.length);
    const cols = frames.map((f) => names.map((n) => f.columns[n]));
    const rowOf = frames.map((f) => {
      const idx = new Int32Array(ts.length);
      for (let t = 0; t < ts.length; t++) idx[t] = upperBound(f.ts, ts[t] + knownAtOffsetMs) - 1;
      return idx;
    });
    for (let t = 0; t < this.length; t++) {
      let ok = true;
      let o = t * this.width;
      for (let a = 0; a < this.nAssets; a++) {
        const r = rowOf[a][t];
        for (let j = 0; j < this.nFactors; j++) {
          const v = r >= 0 ? cols[a][j][r] : Number.NaN;
          this.data[o++] = v;
          if (!Number.isFinite(v) || !Number.isFinite(Math.fround(v))) ok = false;
        }
      }
      this.validRun[t] = ok ? (t > 0 ? this.validRun[t - 1] : 0) + 1 : 0;
    }
  }

  /** True when the H rows ending at t are all valid. */
  windowValid(t: number, history: number): boolean {
    return t >= 0 && t < this.length && this.validRun[t] >= history;
  }

  /** First t whose H-row window is valid, or -1. */
  firstValid(history: number): number {
    for (let t = 0; t < this.length; t++) if (this.validRun[t] >= history) return t;
    return -1;
  }

  /** Copies the H rows ending at t (oldest first) into `out` at `offset`. */
  writeWindow(t: number, history: number, out: Float32Array, offset: number): void {
    const src = this.data;
    const start = (t - history + 1) * this.width;
    const n = history * this.width;
    for (let i = 0; i < n; i++) out[offset + i] = src[start + i];
  }

  /** A zero-copy view of the H rows ending at t (oldest first). */
  window(t: number, history: number): Float32Array {
    return this.data.subarray((t - history + 1) * this.width, (t + 1) * this.width);
  }

  /**
   * Zero-copy views of every H-row window, indexed by end row t (entries before H - 1 are empty views).
   * Built once so stepping never allocates.
   */
  windowViews(history: number): Float32Array[] {
    const views: Float32Array[] = [];
    for (let t = 0; t < this.length; t++)
      views.push(t >= history - 1 ? this.window(t, history) : this.data.subarray(0, 0));
    return views;
  }
}
