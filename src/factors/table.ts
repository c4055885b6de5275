import {
  computeFactor,
  type FactorInputData,
  type FactorResult,
  type GridSpec,
  gridTimes,
  nativeGrid,
} from './engine.js';
import type { InputProvider } from './provider.js';
import type { FactorSpec } from './spec.js';

/** Options of `computeFactorTable`. */
export interface FactorTableOptions {
  /** Factors to compute. */
  readonly specs: readonly FactorSpec[];
  /** Unified symbols (`BTC/USDT`). */
  readonly symbols: readonly string[];
  /** Target grid. */
  readonly grid: GridSpec;
  /** Where raw inputs come from. */
  readonly provider: InputProvider;
  /** Primary venue. */
  readonly venue?: string;
  /** Called after each (symbol, factor) pair. */
  readonly onProgress?: (done: number, total: number, what: string) => void;
}

/** Factor values of several symbols on one grid. */
export interface FactorTable {
  /** Grid times, UTC ms (as-of). */
  readonly ts: Float64Array;
  readonly symbols: readonly string[];
  /** Column names, in factor then output order. */
  readonly columns: readonly string[];
  /** Per symbol: column name -> values. */
  readonly values: ReadonlyMap<string, Record<string, Float64Array>>;
  /** Per symbol: factor id -> availability mask (1 where the factor's main output is finite). */
  readonly available: ReadonlyMap<string, Record<string, Uint8Array>>;
  /** Per symbol: factor id -> names of required inputs the provider did not have (values all NaN). */
  readonly missingInputs: ReadonlyMap<string, Record<string, string[]>>;
}

/** Range of raw rows a factor needs on a grid: its native warm-up plus lags and staleness. */
export function inputRange(spec: FactorSpec, grid: GridSpec): { from: number; to: number; stepMs: number } {
  const native = nativeGrid(spec, grid);
  const slack = Math.max(0, ...spec.inputs.map((i) => i.publicationLagMs + i.maxStalenessMs));
  const start = native.times.length > 0 ? native.times[0] : grid.from;
  return { from: start - slack - native.stepMs, to: grid.to, stepMs: native.stepMs };
}

/** Loads every input of a factor for one symbol. */
export async function loadFactorInputs(
  spec: FactorSpec,
  symbol: string,
  grid: GridSpec,
  provider: InputProvider,
  venue?: string,
): Promise<FactorInputData> {
  const range = inputRange(spec, grid);
  const data: Record<string, FactorInputData[string]> = {};
  for (const input of spec.inputs) {
    data[input.name] = await provider.load(input, { symbol, venue, ...range });
  }
  return data;
}

/**
 * Computes factors for several symbols on one grid, point-in-time (see `computeFactor`). Sub-expressions and
 * aligned inputs are cached per symbol, so factors sharing operators compute them once.
 *
 * @example
 * const table = await computeFactorTable({ specs: allFactors, symbols: ['BTC/USDT'], grid, provider });
 */
export async function computeFactorTable(opts: FactorTableOptions): Promise<FactorTable> {
  const ts = gridTimes(opts.grid);
  const values = new Map<string, Record<string, Float64Array>>();
  const available = new Map<string, Record<string, Uint8Array>>();
  const missing = new Map<string, Record<string, string[]>>();
  const columns: string[] = [];
  const total = opts.symbols.length * opts.specs.length;
  let done = 0;
  for (const symbol of opts.symbols) {
    const cache = new Map<string, Float64Array>();
    const cols: Record<string, Float64Array> = {};
    const avail: Record<string, Uint8Array> = {};
    const miss: Record<string, string[]> = {};
    for (const spec of opts.specs) {
      const data = await loadFactorInputs(spec, symbol, opts.grid, opts.provider, opts.venue);
      const absent = spec.inputs.filter((i) => !i.optional && !data[i.name]).map((i) => i.name);
      if (absent.length > 0) miss[spec.id] = absent;
      const res: FactorResult = computeFactor(spec, data, opts.grid, cache);
      for (const [name, col] of Object.entries(res.columns)) {
        cols[name] = col;
        if (values.size === 0) columns.push(name);
      }
      avail[spec.id] = res.available;
      opts.onProgress?.(++done, total, `${symbol} ${spec.id}`);
    }
    values.set(symbol, cols);
    available.set(symbol, avail);
    missing.set(symbol, miss);
  }
  return { ts, symbols: [...opts.symbols], columns, values, available, missingInputs: missing };
}
