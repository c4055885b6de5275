import { FactorInputError } from '../errors/factors.js';
import { UsageError } from '../errors/base.js';
import { createFactorStream, evaluateFactor } from './evaluate.js';
import { AsofCursor, asofJoin, bucketAggregate } from './ops/asof.js';
import {
  DAY_MS,
  type FactorInput,
  type FactorSpec,
  type FactorStream,
  factorColumnName,
  type GridParams,
  gridParams,
  HOUR_MS,
} from './spec.js';
import { factorLookback } from './validate.js';

/**
 * Raw rows of one input as read from the store: event times and values (one field).
 * For bars, `ts` is the bar open time and `intervalMs` the bar length (a bar is known at its close).
 */
export interface InputSeries {
  /** Event times, UTC ms, non-decreasing. */
  readonly ts: Float64Array;
  /** Values, NaN = missing. */
  readonly values: Float64Array;
  /** Bar length in ms (bars only). */
  readonly intervalMs?: number;
  /**
   * When each row became known (the store's `tsInit`), UTC ms. The engine uses the later of this and the
   * declared lag (event time + bar length + publication lag).
   */
  readonly knownAt?: Float64Array;
}

/** Raw data of a factor's inputs by input name; `undefined` = the store has no such series. */
export type FactorInputData = Readonly<Record<string, InputSeries | undefined>>;

/**
 * The target grid: as-of times `from, from + barMs, ..., <= to` (UTC ms). Row `T` holds what was
 * knowable at `T`. `from` must be a multiple of `barMs`.
 */
export interface GridSpec {
  readonly from: number;
  readonly to: number;
  readonly barMs: number;
}

/** One factor computed on a grid. */
export interface FactorResult {
  readonly id: string;
  /** Grid times (as-of), UTC ms. */
  readonly ts: Float64Array;
  /** One column per output, named by `factorColumnName`. */
  readonly columns: Record<string, Float64Array>;
  /** 1 where the factor's main (first) output is available (finite), else 0. */
  readonly available: Uint8Array;
}

/** Grid times of a grid spec. */
export function gridTimes(grid: GridSpec): Float64Array {
  checkGrid(grid);
  const n = Math.floor((grid.to - grid.from) / grid.barMs) + 1;
  const ts = new Float64Array(Math.max(0, n));
  for (let i = 0; i < ts.length; i++) ts[i] = grid.from + i * grid.barMs;
  return ts;
}

function checkGrid(grid: GridSpec): void {
  if (!(grid.barMs > 0) || !Number.isFinite(grid.from) || !Number.isFinite(grid.to)) {
    throw new UsageError(`invalid grid: from=${grid.from} to=${grid.to} barMs=${grid.barMs}`);
  }
  if (grid.from % grid.barMs !== 0) {
    throw new UsageError(
      `grid start ${new Date(grid.from).toISOString()} is not a multiple of ${grid.barMs} ms`,
    );
  }
}

/** Native grid step of a factor on a target grid. */
export function nativeStepMs(spec: FactorSpec, grid: GridSpec): number {
  return spec.frequency === 'grid' ? grid.barMs : spec.frequency === '1h' ? HOUR_MS : DAY_MS;
}

/**
 * The native grid a factor is computed on: multiples of its native step from `lookback` steps before the
 * target start (the warm-up) to the target end. Fixed by `grid.from`, so truncating `grid.to` yields a prefix.
 */
export function nativeGrid(
  spec: FactorSpec,
  grid: GridSpec,
): { times: Float64Array; stepMs: number; params: GridParams } {
  const stepMs = nativeStepMs(spec, grid);
  const params = gridParams(stepMs);
  const warm = factorLookback(spec, params);
  const start = (Math.ceil(grid.from / stepMs) - warm) * stepMs;
  const n = grid.to >= start ? Math.floor((grid.to - start) / stepMs) + 1 : 0;
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = start + i * stepMs;
  return { times, stepMs, params };
}

/**
 * When each row of an input becomes known: event time + bar length (bars) + declared publication lag, or the
 * row's own `knownAt` (store `tsInit`) when later; made non-decreasing (a row is never usable before an
 * earlier one).
 */
export function knownAtOf(input: FactorInput, series: InputSeries): Float64Array {
  const add = input.publicationLagMs + (input.kind === 'bars' ? (series.intervalMs ?? 0) : 0);
  const out = new Float64Array(series.ts.length);
  const own = series.knownAt;
  let prev = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < out.length; i++) {
    let k = series.ts[i] + add;
    if (own && own[i] > k) k = own[i];
    if (k < prev) k = prev;
    out[i] = k;
    prev = k;
  }
  return out;
}

/**
 * Puts one input on a grid point-in-time (as-of join with staleness, or bucket aggregation for event
 * inputs). An absent series gives all NaN.
 */
export function alignInput(
  factorId: string,
  input: FactorInput,
  series: InputSeries | undefined,
  times: Float64Array,
  stepMs: number,
): Float64Array {
  const out = new Float64Array(times.length);
  if (!series) return out.fill(Number.NaN);
  if (series.values.length !== series.ts.length) {
    throw new FactorInputError(
      factorId,
      input.name,
      `${series.values.length} values for ${series.ts.length} times`,
    );
  }
  if (input.kind === 'bars' && !(series.intervalMs !== undefined && series.intervalMs > 0)) {
    throw new FactorInputError(factorId, input.name, 'bars need intervalMs (a bar is known at its close)');
  }
  for (let i = 1; i < series.ts.length; i++) {
    if (!(series.ts[i] >= series.ts[i - 1])) {
      throw new FactorInputError(
        factorId,
        input.name,
        `timestamps decrease at row ${i} (${series.ts[i - 1]} then ${series.ts[i]})`,
      );
    }
  }
  const knownAt = knownAtOf(input, series);
  const align = input.align ?? 'asof';
  if (align === 'asof') return asofJoin(knownAt, series.values, times, input.maxStalenessMs, out);
  return bucketAggregate(knownAt, series.values, times, align, stepMs, out);
}

/** Identity of the data behind an input (cache key part). */
export function inputBindingKey(input: FactorInput): string {
  return [
    input.kind,
    input.field,
    input.symbol ?? '',
    input.venue ?? '',
    input.source ?? '',
    input.publicationLagMs,
    input.maxStalenessMs,
    input.align ?? 'asof',
  ].join(':');
}

/**
 * Computes one factor on a target grid, point-in-time, in batch.
 *
 * Steps: build the factor's native grid (with warm-up), align every input on it (as-of join with
 * publication lag and staleness, or bucket aggregation), evaluate the factor, then as-of join the native
 * values onto the target grid (a native value at `T` holds until `T + step`).
 *
 * @param spec the factor
 * @param data raw input rows by input name (`undefined` = absent: NaN column)
 * @param grid target grid
 * @param cache sub-expression cache to share between factors of the same asset (optional)
 * @throws {FactorInputError} on malformed input series; {UsageError} on an invalid grid.
 *
 * @example
 * const res = computeFactor(realizedVolatility, { open, high, low, close }, { from, to, barMs: HOUR_MS });
 * res.columns.realized_volatility; // annualized close-to-close volatility per hour
 */
export function computeFactor(
  spec: FactorSpec,
  data: FactorInputData,
  grid: GridSpec,
  cache?: Map<string, Float64Array>,
): FactorResult {
  const target = gridTimes(grid);
  const native = nativeGrid(spec, grid);
  const columns: Record<string, Float64Array> = {};
  const inputKeys: Record<string, string> = {};
  for (const input of spec.inputs) {
    const key = `${inputBindingKey(input)}@${native.stepMs}`;
    inputKeys[input.name] = key;
    const cached = cache?.get(`$input:${key}`);
    if (cached && cached.length === native.times.length) columns[input.name] = cached;
    else {
      const col = alignInput(spec.id, input, data[input.name], native.times, native.stepMs);
      columns[input.name] = col;
      cache?.set(`$input:${key}`, col);
    }
  }
  const nativeCache = cache ? subCache(cache, native.stepMs, native.times) : undefined;
  const values = evaluateFactor(
    spec,
    { ts: native.times, columns, n: native.times.length, params: native.params },
    nativeCache,
    inputKeys,
  );
  const out: Record<string, Float64Array> = {};
  const offset = native.times.length > 0 ? Math.round((target[0] - native.times[0]) / native.stepMs) : 0;
  const sameGrid = native.stepMs === grid.barMs && native.times[offset] === target[0];
  for (const o of spec.outputs) {
    const col = values[o.name];
    const name = factorColumnName(spec, o.name);
    out[name] = sameGrid
      ? col.slice(offset, offset + target.length)
      : asofJoin(native.times, col, target, native.stepMs, new Float64Array(target.length));
  }
  const main = out[factorColumnName(spec, spec.outputs[0].name)];
  const available = new Uint8Array(target.length);
  for (let i = 0; i < target.length; i++) available[i] = Number.isFinite(main[i]) ? 1 : 0;
  return { id: spec.id, ts: target, columns: out, available };
}

const subCaches = new WeakMap<Map<string, Float64Array>, Map<string, Map<string, Float64Array>>>();

/** Expression caches are per native grid (same step and start), kept inside the caller's cache. */
function subCache(
  cache: Map<string, Float64Array>,
  stepMs: number,
  times: Float64Array,
): Map<string, Float64Array> {
  let byGrid = subCaches.get(cache);
  if (!byGrid) {
    byGrid = new Map();
    subCaches.set(cache, byGrid);
  }
  const key = `${stepMs}:${times[0]}:${times.length}`;
  let sub = byGrid.get(key);
  if (!sub) {
    sub = new Map();
    byGrid.set(key, sub);
  }
  return sub;
}

/** Options of `FactorStreamEngine`. */
export interface FactorStreamOptions {
  /**
   * Inputs whose source is absent (the store has no such series; `undefined` in `computeFactor`'s data).
   * Their aligned value is NaN on every row whatever their `align`: an absent `sum`/`count` source is
   * unavailable, not zero, exactly as in batch. Pushing a row to an absent input throws.
   */
  readonly absent?: Iterable<string>;
}

/**
 * Streaming evaluation of one factor: push raw input rows as they arrive, call `tick(t)` at each target
 * grid time, read the outputs. Same values as `computeFactor` (relative difference <= 1e-9, usually 0)
 * when the inputs `computeFactor` gets as `undefined` are declared in `opts.absent`.
 *
 * Rows must be pushed in order of their known-at time (event time + lag, + bar length for bars) per input,
 * and every row known at or before `t` must be pushed before `tick(t)`.
 *
 * @example
 * const s = new FactorStreamEngine(spec, grid, { absent: ['news'] });
 * s.push('close', barOpenTs, close, HOUR_MS);
 * const row = s.tick(t); // Float64Array, one value per output
 */
export class FactorStreamEngine {
  private readonly stream: FactorStream;
  private readonly cursors: AsofCursor[];
  private readonly inputIndex: Map<string, number>;
  private readonly row: Float64Array;
  private readonly nativeOut: Float64Array;
  private readonly out: Float64Array;
  private readonly stepMs: number;
  private nextNative: number;
  private lastNativeT = Number.NEGATIVE_INFINITY;
  private readonly lastKnown: Float64Array;
  private readonly absent: Uint8Array;

  constructor(
    readonly spec: FactorSpec,
    readonly grid: GridSpec,
    opts: FactorStreamOptions = {},
  ) {
    checkGrid(grid);
    const native = nativeGrid(spec, { ...grid, to: grid.from });
    this.stepMs = native.stepMs;
    this.nextNative = native.times.length > 0 ? native.times[0] : grid.from;
    this.stream = createFactorStream(spec, native.params);
    this.cursors = spec.inputs.map((i) => new AsofCursor(i.align ?? 'asof', i.maxStalenessMs, native.stepMs));
    this.inputIndex = new Map(spec.inputs.map((i, k) => [i.name, k]));
    this.row = new Float64Array(spec.inputs.length);
    this.lastKnown = new Float64Array(spec.inputs.length).fill(Number.NEGATIVE_INFINITY);
    this.nativeOut = new Float64Array(spec.outputs.length).fill(Number.NaN);
    this.out = new Float64Array(spec.outputs.length);
    this.absent = new Uint8Array(spec.inputs.length);
    for (const name of opts.absent ?? []) {
      const k = this.inputIndex.get(name);
      if (k === undefined) throw new FactorInputError(spec.id, name, 'declared absent but not an input');
      this.absent[k] = 1;
    }
  }

  /**
   * One raw input row: event time `ts` (bar open time for bars), its value, for bars the bar length, and
   * optionally when it became known (store `tsInit`; the later of this and the declared lag is used).
   *
   * @throws {FactorInputError} for an unknown input name or an input declared absent.
   */
  push(input: string, ts: number, value: number, intervalMs = 0, knownAt = Number.NEGATIVE_INFINITY): void {
    const k = this.inputIndex.get(input);
    if (k === undefined) throw new FactorInputError(this.spec.id, input, 'not an input of this factor');
    if (this.absent[k] === 1) throw new FactorInputError(this.spec.id, input, 'declared absent');
    const def = this.spec.inputs[k];
    let at = ts + def.publicationLagMs + (def.kind === 'bars' ? intervalMs : 0);
    if (knownAt > at) at = knownAt;
    if (at < this.lastKnown[k]) at = this.lastKnown[k];
    this.lastKnown[k] = at;
    this.cursors[k].push(at, value);
  }

  /** Outputs at target grid time `t` (in `spec.outputs` order). The returned array is reused. */
  tick(t: number): Float64Array {
    while (this.nextNative <= t) {
      const nt = this.nextNative;
      for (let k = 0; k < this.cursors.length; k++) {
        this.row[k] = this.absent[k] === 1 ? Number.NaN : this.cursors[k].at(nt);
      }
      this.stream.update(nt, this.row, this.nativeOut);
      this.lastNativeT = nt;
      this.nextNative += this.stepMs;
    }
    const fresh = t - this.lastNativeT <= this.stepMs;
    for (let k = 0; k < this.out.length; k++) this.out[k] = fresh ? this.nativeOut[k] : Number.NaN;
    return this.out;
  }
}
