import { CwmError } from '../../errors/base.js';
import { LookaheadError } from '../../errors/factors.js';
import { Rng } from '../../math/rng.js';
import {
  computeFactor,
  FactorStreamEngine,
  type FactorInputData,
  type GridSpec,
  type InputSeries,
  knownAtOf,
  nativeGrid,
} from '../engine.js';
import { DAY_MS, type FactorSpec, factorColumnName, gridParams, HOUR_MS } from '../spec.js';
import { factorLookback, validateFactorSpec } from '../validate.js';
import { syntheticInputs } from './synthetic.js';

/** Options of `checkFactorProperties`; every field has a default. */
export interface FactorCheckOptions {
  /** Seed of the synthetic data and of the truncation points. Default 7. */
  seed?: number;
  /** Target grid step. Default: 1 day for `frequency: '1d'` factors, else 1 hour. */
  barMs?: number;
  /** Target grid rows after warm-up. Default `max(300, 2 * lookback)`. */
  rows?: number;
  /** Number of random truncation times. Default 8. */
  cuts?: number;
  /** Raw input data to use instead of synthetic data (e.g. a real file, or a shape the factor needs). */
  data?: FactorInputData;
  /** Grid to use with `data` (default: derived from the data's time range). */
  grid?: GridSpec;
  /** Relative tolerance of batch vs streaming. Default 1e-9. */
  tolerance?: number;
  /** Minimum fraction of finite values every output must have after warm-up. Default 0.05; 0 disables. */
  minFinite?: number;
  /** Options for the synthetic data (gaps, event rate, custom fields). */
  synthetic?: {
    gapProb?: number;
    eventsPerStep?: number;
    fields?: Parameters<typeof syntheticInputs>[1]['fields'];
  };
}

/** What `checkFactorProperties` found. */
export interface FactorCheckReport {
  id: string;
  grid: GridSpec;
  rows: number;
  /** Truncation times tested (UTC ms). */
  cuts: number[];
  /** Finite values per output column in the full run. */
  finite: Record<string, number>;
  /** Largest relative difference batch vs streaming over all columns. */
  maxStreamRelDiff: number;
  /** Problems found; empty when every property holds. */
  failures: string[];
}

/** A factor broke a property (streaming mismatch, determinism, no values). */
export class FactorCheckError extends CwmError {
  override name = 'FactorCheckError';
}

/**
 * Checks, for ANY factor spec, the engine's properties on synthetic (or given) data:
 * 1. the spec is valid;
 * 2. determinism: two batch runs are bit-identical;
 * 3. point-in-time (truncation): for random times t, computing with every input truncated to the rows
 *    known at t, on the grid ending at t, gives exactly (bitwise, NaN = NaN) the prefix of the full run;
 * 4. batch = streaming: feeding raw rows one at a time to `FactorStreamEngine` gives the batch values
 *    within `tolerance` (relative; values near zero are compared against 1e-12 of the column's scale);
 * 5. every output has some finite values after warm-up (unless `minFinite` is 0).
 *
 * @example
 * it('point-in-time, batch = streaming', () => { assertFactorProperties(activeAddresses); });
 */
export function checkFactorProperties(spec: FactorSpec, opts: FactorCheckOptions = {}): FactorCheckReport {
  validateFactorSpec(spec);
  const seed = opts.seed ?? 7;
  const { grid, data } = syntheticSetup(spec, opts);
  const failures: string[] = [];
  const full = computeFactor(spec, data, grid);
  const again = computeFactor(spec, data, grid);
  const n = full.ts.length;
  const finite: Record<string, number> = {};
  for (const [name, col] of Object.entries(full.columns)) {
    if (!bitEqual(col, again.columns[name], col.length)) failures.push(`${name}: two batch runs differ`);
    let c = 0;
    for (let i = 0; i < col.length; i++) if (Number.isFinite(col[i])) c++;
    finite[name] = c;
    const need = opts.minFinite ?? 0.05;
    if (need > 0 && c < need * n) failures.push(`${name}: only ${c} of ${n} rows finite`);
  }

  // truncation property
  const rng = new Rng(seed).fork('cuts');
  const cuts: number[] = [];
  const ncuts = opts.cuts ?? 8;
  for (let k = 0; k < ncuts && n > 1; k++) cuts.push(full.ts[1 + rng.int(n - 1)]);
  for (const t of cuts) {
    const truncated = truncateInputs(spec, data, t);
    const part = computeFactor(spec, truncated, { ...grid, to: t });
    const m = part.ts.length;
    for (const [name, col] of Object.entries(part.columns)) {
      const ref = full.columns[name];
      for (let i = 0; i < m; i++) {
        if (!same(col[i], ref[i])) {
          failures.push(new LookaheadError(spec.id, name, part.ts[i], ref[i], col[i]).shortMessage);
          break;
        }
      }
    }
  }

  // batch = streaming
  const streamed = streamFactor(spec, data, grid);
  let maxRel = 0;
  for (const o of spec.outputs) {
    const name = factorColumnName(spec, o.name);
    const a = full.columns[name];
    const b = streamed[name];
    let scale = 0;
    for (let i = 0; i < n; i++) if (Number.isFinite(a[i])) scale = Math.max(scale, Math.abs(a[i]));
    const tol = opts.tolerance ?? 1e-9;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(a[i]) !== Number.isNaN(b[i])) {
        failures.push(`${name}: batch ${a[i]} vs streaming ${b[i]} at ${new Date(full.ts[i]).toISOString()}`);
        break;
      }
      if (Number.isNaN(a[i]) || a[i] === b[i]) continue;
      const d = Math.abs(a[i] - b[i]);
      const rel = d / Math.max(Math.abs(a[i]), Math.abs(b[i]));
      if (d > 1e-12 * scale) maxRel = Math.max(maxRel, rel);
      if (rel > tol && d > 1e-12 * scale) {
        failures.push(
          `${name}: batch ${a[i]} vs streaming ${b[i]} (rel ${rel}) at ${new Date(full.ts[i]).toISOString()}`,
        );
        break;
      }
    }
  }
  return { id: spec.id, grid, rows: n, cuts, finite, maxStreamRelDiff: maxRel, failures };
}

/** The grid and data `checkFactorProperties` uses: `opts.grid`/`opts.data`, or synthetic ones. */
export function syntheticSetup(
  spec: FactorSpec,
  opts: FactorCheckOptions = {},
): { grid: GridSpec; data: FactorInputData } {
  const seed = opts.seed ?? 7;
  const barMs = opts.barMs ?? (spec.frequency === '1d' ? DAY_MS : HOUR_MS);
  const lookback = factorLookback(spec, gridParams(barMs));
  const rows = opts.rows ?? Math.max(300, 2 * lookback);
  const base = Date.UTC(2022, 0, 3);
  const grid: GridSpec = opts.grid ?? { from: base, to: base + (rows - 1) * barMs, barMs };
  if (opts.data) return { grid, data: opts.data };
  const native = nativeGrid(spec, grid);
  const stepMs = native.stepMs;
  const lagMax = Math.max(0, ...spec.inputs.map((i) => i.publicationLagMs));
  const data = syntheticInputs(spec, {
    from: Math.floor((native.times[0] - 3 * stepMs - lagMax) / stepMs) * stepMs,
    to: grid.to + 3 * stepMs,
    stepMs: Math.min(stepMs, barMs),
    seed,
    ...opts.synthetic,
  });
  return { grid, data };
}

/**
 * Fraction of finite values of every output column of a factor computed on synthetic data (after the
 * engine's warm-up), by column name.
 */
export function syntheticFiniteFractions(
  spec: FactorSpec,
  opts: FactorCheckOptions = {},
): Record<string, number> {
  const { grid, data } = syntheticSetup(spec, opts);
  const res = computeFactor(spec, data, grid);
  const out: Record<string, number> = {};
  for (const [name, col] of Object.entries(res.columns)) {
    let c = 0;
    for (let i = 0; i < col.length; i++) if (Number.isFinite(col[i])) c++;
    out[name] = col.length ? c / col.length : 0;
  }
  return out;
}

/** `checkFactorProperties`, throwing `FactorCheckError` listing every failure. Returns the report. */
export function assertFactorProperties(spec: FactorSpec, opts: FactorCheckOptions = {}): FactorCheckReport {
  const report = checkFactorProperties(spec, opts);
  if (report.failures.length > 0) {
    throw new FactorCheckError(`factor "${spec.id}" breaks ${report.failures.length} propert(ies)`, {
      metaMessages: report.failures.slice(0, 10),
    });
  }
  return report;
}

/** Raw rows of every input known at or before `t` (by the input's declared lag). */
export function truncateInputs(spec: FactorSpec, data: FactorInputData, t: number): FactorInputData {
  const out: Record<string, InputSeries | undefined> = {};
  for (const input of spec.inputs) {
    const s = data[input.name];
    if (!s) {
      out[input.name] = undefined;
      continue;
    }
    const known = knownAtOf(input, s);
    let m = 0;
    while (m < known.length && known[m] <= t) m++;
    out[input.name] = {
      ts: s.ts.subarray(0, m),
      values: s.values.subarray(0, m),
      intervalMs: s.intervalMs,
      knownAt: s.knownAt?.subarray(0, m),
    };
  }
  return out;
}

/**
 * Runs a factor through `FactorStreamEngine` one raw row at a time (rows merged across inputs in
 * known-at order), ticking at every grid time; returns the columns like `computeFactor`.
 */
export function streamFactor(
  spec: FactorSpec,
  data: FactorInputData,
  grid: GridSpec,
): Record<string, Float64Array> {
  const absent = spec.inputs.filter((i) => data[i.name] === undefined).map((i) => i.name);
  const engine = new FactorStreamEngine(spec, grid, { absent });
  type Ev = { at: number; input: string; ts: number; value: number; interval: number; known: number };
  const events: Ev[] = [];
  for (const input of spec.inputs) {
    const s = data[input.name];
    if (!s) continue;
    const known = knownAtOf(input, s);
    for (let i = 0; i < s.ts.length; i++) {
      events.push({
        at: known[i],
        input: input.name,
        ts: s.ts[i],
        value: s.values[i],
        interval: s.intervalMs ?? 0,
        known: s.knownAt ? s.knownAt[i] : Number.NEGATIVE_INFINITY,
      });
    }
  }
  events.sort((x, y) => x.at - y.at);
  const n = Math.floor((grid.to - grid.from) / grid.barMs) + 1;
  const cols = spec.outputs.map(() => new Float64Array(n));
  let e = 0;
  for (let g = 0; g < n; g++) {
    const t = grid.from + g * grid.barMs;
    while (e < events.length && events[e].at <= t) {
      const ev = events[e++];
      engine.push(ev.input, ev.ts, ev.value, ev.interval, ev.known);
    }
    const row = engine.tick(t);
    for (let k = 0; k < cols.length; k++) cols[k][g] = row[k];
  }
  const out: Record<string, Float64Array> = {};
  spec.outputs.forEach((o, k) => {
    out[factorColumnName(spec, o.name)] = cols[k];
  });
  return out;
}

function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function bitEqual(a: Float64Array, b: Float64Array | undefined, n: number): boolean {
  if (!b) return false;
  for (let i = 0; i < n; i++) if (!same(a[i], b[i])) return false;
  return true;
}
