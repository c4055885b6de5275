import { SchemaViolationError } from '../errors/data.js';

/**
 * A columnar time series: one timestamp column and named `Float64Array` value columns of equal length.
 *
 * This is what every downstream module (factors, simulator, environments, risk) consumes.
 * Timestamps are UTC epoch milliseconds, strictly increasing. A missing value is `NaN` (unavailable).
 */
export interface Frame {
  /** UTC epoch milliseconds, strictly increasing. For bars, the bar's open time. */
  readonly ts: Float64Array;
  /** Value columns by name; each has `ts.length` entries. */
  readonly columns: Readonly<Record<string, Float64Array>>;
}

/**
 * Builds a frame and checks it: equal lengths and strictly increasing timestamps.
 *
 * @throws {SchemaViolationError} when a column's length differs from `ts` or timestamps do not increase.
 */
export function createFrame(ts: Float64Array, columns: Record<string, Float64Array>): Frame {
  for (const [name, col] of Object.entries(columns)) {
    if (col.length !== ts.length) {
      throw new SchemaViolationError(
        { field: name },
        `column has ${col.length} values but the frame has ${ts.length} timestamps`,
      );
    }
  }
  for (let i = 1; i < ts.length; i++) {
    if (!(ts[i] > ts[i - 1])) {
      throw new SchemaViolationError(
        { line: i + 1, field: 'ts' },
        `timestamps must strictly increase (${ts[i - 1]} then ${ts[i]})`,
      );
    }
  }
  return { ts, columns };
}

/** Number of rows of a frame. */
export function frameLength(frame: Frame): number {
  return frame.ts.length;
}

/** Rows [start, end) of a frame; views share memory with the original (no copy). */
export function sliceFrame(frame: Frame, start: number, end: number): Frame {
  const columns: Record<string, Float64Array> = {};
  for (const [name, col] of Object.entries(frame.columns)) columns[name] = col.subarray(start, end);
  return { ts: frame.ts.subarray(start, end), columns };
}

/** Rows with `ts <= t` (point-in-time truncation), as a view. */
export function truncateFrame(frame: Frame, t: number): Frame {
  return sliceFrame(frame, 0, upperBound(frame.ts, t));
}

/** Index of the first element greater than `t` in a sorted array (binary search). */
export function upperBound(sorted: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The named column, or a clear error listing the columns the frame has. */
export function getColumn(frame: Frame, name: string): Float64Array {
  const col = frame.columns[name];
  if (!col) {
    throw new SchemaViolationError(
      { field: name },
      `frame has no column "${name}" (has: ${Object.keys(frame.columns).join(', ') || 'none'})`,
    );
  }
  return col;
}
