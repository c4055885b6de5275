import { FactorDefinitionError } from '../errors/factors.js';
import type { GridParams } from './spec.js';

/**
 * Batch evaluation environment: aligned input columns by name, grid parameters, and a cache of evaluated
 * sub-expressions keyed by their canonical string (shared subtrees are computed once).
 */
export interface EvalEnv {
  /** Number of rows. */
  readonly n: number;
  /** Aligned input columns by local input name (each of length `n`). */
  readonly inputs: Readonly<Record<string, Float64Array>>;
  /** Grid parameters, read by `Param`. */
  readonly params: GridParams;
  /** Evaluated sub-expressions by canonical string (plus input bindings when `inputKeys` is set). */
  readonly cache: Map<string, Float64Array>;
  /**
   * Identity of the data bound to each input name (kind, field, symbol, lags...). When set, cache keys
   * include the bindings of the inputs an expression reads, so factors that use the same local name for
   * different data never share a cached column.
   */
  readonly inputKeys?: Readonly<Record<string, string>>;
}

/** Compile-time context of streaming evaluation: where each input sits in the row, grid parameters. */
export interface StreamContext {
  /** Index of the named input in the row passed to `StreamNode.step`. */
  inputIndex(name: string): number;
  /** Grid parameters. */
  readonly params: GridParams;
}

/**
 * One node of a compiled streaming expression. `step` is called exactly once per grid row, in time order,
 * with the aligned input row; it returns the node's value at that row. Must equal the batch value.
 */
export interface StreamNode {
  step(row: Float64Array): number;
}

/** Creates a batch evaluation environment. */
export function createEvalEnv(
  n: number,
  inputs: Readonly<Record<string, Float64Array>>,
  params: GridParams,
  cache: Map<string, Float64Array> = new Map(),
  inputKeys?: Readonly<Record<string, string>>,
): EvalEnv {
  return { n, inputs, params, cache, inputKeys };
}

/**
 * A factor expression (Qlib-style): a tree of small operators over input columns.
 *
 * - `toString()` is canonical (`Mean(LogRet($close,1),20)`): it names the column, keys the cache and
 *   is what `cwm factors list` shows.
 * - `lookback()` is the number of past rows (before the current one) the value needs: the warm-up.
 * - `evaluate(env)` computes the whole column at once (O(n) kernels over `Float64Array`).
 * - `stream(ctx)` compiles a stateful node giving the same values one row at a time.
 *
 * Subclasses implement `compute` and `stream`; caching and errors are handled here once (as Qlib's
 * `Expression.load` does for `_load_internal`).
 *
 * Reference: Microsoft Qlib, `qlib/data/base.py` and `qlib/data/ops.py` (design only).
 */
export abstract class Expr {
  private cachedKey: string | undefined;
  private cachedInputs: string[] | undefined;

  /** Operator name as printed (`Mean`). */
  abstract readonly op: string;
  /** Child expressions. */
  abstract readonly children: readonly Expr[];

  /** Arguments other than children, printed after them (`20`, `0.8`). */
  protected args(): Array<number | string> {
    return [];
  }

  /** Canonical string form, e.g. `Std(LogRet($close,1),20)`. */
  toString(): string {
    if (this.cachedKey === undefined) {
      const parts = [...this.children.map((c) => c.toString()), ...this.args().map(String)];
      this.cachedKey = `${this.op}(${parts.join(',')})`;
    }
    return this.cachedKey;
  }

  /** Past rows (excluding the current one) needed before the first value can be non-NaN. */
  abstract lookback(): number;

  /** Whole-column evaluation, cached in `env.cache` by canonical string. Do not mutate the result. */
  evaluate(env: EvalEnv): Float64Array {
    const key = this.cacheKey(env);
    const hit = env.cache.get(key);
    if (hit) return hit;
    const out = this.compute(env);
    env.cache.set(key, out);
    return out;
  }

  /** Cache key: canonical string, plus the bindings of the inputs read when the env declares them. */
  cacheKey(env: EvalEnv): string {
    const s = this.toString();
    if (!env.inputKeys) return s;
    if (this.cachedInputs === undefined) this.cachedInputs = [...this.inputNames()].sort();
    if (this.cachedInputs.length === 0) return s;
    const keys = env.inputKeys;
    return `${s}|${this.cachedInputs.map((n) => `${n}=${keys[n] ?? '?'}`).join(';')}`;
  }

  /** Names of the inputs the expression reads. */
  inputNames(into: Set<string> = new Set()): Set<string> {
    for (const c of this.children) c.inputNames(into);
    return into;
  }

  /** Batch kernel: returns a fresh array of length `env.n`. */
  protected abstract compute(env: EvalEnv): Float64Array;

  /** Compiles a streaming node (fresh state). */
  abstract stream(ctx: StreamContext): StreamNode;
}

/** An input column: `$close`. */
export class Feature extends Expr {
  readonly op = 'Feature';
  readonly children: readonly Expr[] = [];
  constructor(readonly name: string) {
    super();
    if (!/^[a-z][a-z0-9_]*$/.test(name)) {
      throw new FactorDefinitionError('Feature', `input name "${name}" must be snake_case`);
    }
  }
  override toString(): string {
    return `$${this.name}`;
  }
  lookback(): number {
    return 0;
  }
  override inputNames(into: Set<string> = new Set()): Set<string> {
    into.add(this.name);
    return into;
  }
  protected compute(env: EvalEnv): Float64Array {
    const col = env.inputs[this.name];
    if (!col) {
      throw new FactorDefinitionError(
        `$${this.name}`,
        `no input named "${this.name}" (have: ${Object.keys(env.inputs).join(', ') || 'none'})`,
      );
    }
    return col;
  }
  stream(ctx: StreamContext): StreamNode {
    const idx = ctx.inputIndex(this.name);
    return { step: (row) => row[idx] };
  }
}

/** A constant column. */
export class Const extends Expr {
  readonly op = 'Const';
  readonly children: readonly Expr[] = [];
  constructor(readonly value: number) {
    super();
  }
  override toString(): string {
    return String(this.value);
  }
  lookback(): number {
    return 0;
  }
  protected compute(env: EvalEnv): Float64Array {
    return new Float64Array(env.n).fill(this.value);
  }
  stream(): StreamNode {
    const v = this.value;
    return { step: () => v };
  }
}

/** A grid parameter as a constant column: `barsPerYear`, `barsPerDay` or `barMs`. */
export class Param extends Expr {
  readonly op = 'Param';
  readonly children: readonly Expr[] = [];
  constructor(readonly name: keyof GridParams) {
    super();
    if (name !== 'barsPerYear' && name !== 'barsPerDay' && name !== 'barMs') {
      throw new FactorDefinitionError('Param', `unknown grid parameter "${String(name)}"`);
    }
  }
  override toString(): string {
    return `@${this.name}`;
  }
  lookback(): number {
    return 0;
  }
  protected compute(env: EvalEnv): Float64Array {
    return new Float64Array(env.n).fill(env.params[this.name]);
  }
  stream(ctx: StreamContext): StreamNode {
    const v = ctx.params[this.name];
    return { step: () => v };
  }
}

/** Checks a window length: an integer >= `min`. */
export function checkWindow(op: string, window: number, min = 1): number {
  if (!Number.isInteger(window) || window < min) {
    throw new FactorDefinitionError(op, `window must be an integer >= ${min}, got ${window}`);
  }
  return window;
}
