import { type EvalEnv, Expr, type StreamContext, type StreamNode } from '../expr.js';

/**
 * Elementwise functions of two values. NaN in either gives NaN; division by zero gives NaN (undefined
 * ratio), never 0 or Infinity.
 */
export const PAIR_FUNCTIONS = {
  Add: (a: number, b: number) => a + b,
  Sub: (a: number, b: number) => a - b,
  Mul: (a: number, b: number) => a * b,
  Div: (a: number, b: number) => (b === 0 ? Number.NaN : a / b),
  /** Larger of the two; NaN if either is NaN. */
  Greater: (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.max(a, b)),
  /** Smaller of the two; NaN if either is NaN. */
  Less: (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.min(a, b)),
  /** 1 if a > b, 0 if not, NaN if either is NaN. */
  Gt: (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a > b ? 1 : 0),
  /** 1 if a < b, 0 if not, NaN if either is NaN. */
  Lt: (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a < b ? 1 : 0),
  /** a where a is not NaN, else b (fallback to a proxy input). */
  Coalesce: (a: number, b: number) => (Number.isNaN(a) ? b : a),
  /** a^b; NaN where undefined. */
  Power: (a: number, b: number) => a ** b,
} as const satisfies Record<string, (a: number, b: number) => number>;

/** Name of a pair function. */
export type PairName = keyof typeof PAIR_FUNCTIONS;

/** Applies `fn` elementwise to `a`, `b` into `out`. O(n). */
export function mapPair(
  a: Float64Array,
  b: Float64Array,
  fn: (x: number, y: number) => number,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < a.length; i++) out[i] = fn(a[i], b[i]);
  return out;
}

/** Pair operator (Qlib `PairOperator`): `Div($volume,Mean($volume,20))`. */
export class PairExpr extends Expr {
  readonly children: readonly Expr[];
  constructor(
    readonly op: PairName,
    a: Expr,
    b: Expr,
  ) {
    super();
    this.children = [a, b];
  }
  lookback(): number {
    return Math.max(this.children[0].lookback(), this.children[1].lookback());
  }
  protected compute(env: EvalEnv): Float64Array {
    const a = this.children[0].evaluate(env);
    const b = this.children[1].evaluate(env);
    const out = new Float64Array(env.n);
    switch (this.op) {
      case 'Add':
        for (let i = 0; i < out.length; i++) out[i] = a[i] + b[i];
        return out;
      case 'Sub':
        for (let i = 0; i < out.length; i++) out[i] = a[i] - b[i];
        return out;
      case 'Mul':
        for (let i = 0; i < out.length; i++) out[i] = a[i] * b[i];
        return out;
      case 'Div':
        for (let i = 0; i < out.length; i++) {
          const d = b[i];
          out[i] = d === 0 ? Number.NaN : a[i] / d;
        }
        return out;
      default:
        return mapPair(a, b, PAIR_FUNCTIONS[this.op], out);
    }
  }
  stream(ctx: StreamContext): StreamNode {
    const a = this.children[0].stream(ctx);
    const b = this.children[1].stream(ctx);
    const fn = PAIR_FUNCTIONS[this.op];
    return { step: (row) => fn(a.step(row), b.step(row)) };
  }
}

/** Reductions across several expressions at the same row (venues, assets), skipping NaN members. */
export type NanReduceName = 'NanMean' | 'NanStd' | 'NanRange' | 'NanMax' | 'NanMin' | 'NanCount';

/**
 * Reduces several expressions row by row, skipping NaN members: mean, sample std (ddof 1), range
 * (max - min), max, min, or the count of finite members. NaN when fewer than `minCount` members are
 * finite (the count itself is never NaN). Used to pool optional inputs (venues, assets).
 */
export class NanReduceExpr extends Expr {
  constructor(
    readonly op: NanReduceName,
    readonly children: readonly Expr[],
    readonly minCount: number,
  ) {
    super();
  }
  protected override args(): number[] {
    return [this.minCount];
  }
  lookback(): number {
    return Math.max(0, ...this.children.map((c) => c.lookback()));
  }
  protected compute(env: EvalEnv): Float64Array {
    const cols = this.children.map((c) => c.evaluate(env));
    const out = new Float64Array(env.n);
    const vals = new Float64Array(cols.length);
    for (let i = 0; i < env.n; i++) {
      for (let k = 0; k < cols.length; k++) vals[k] = cols[k][i];
      out[i] = nanReduce(this.op, vals, this.minCount);
    }
    return out;
  }
  stream(ctx: StreamContext): StreamNode {
    const nodes = this.children.map((c) => c.stream(ctx));
    const vals = new Float64Array(nodes.length);
    const { op, minCount } = this;
    return {
      step: (row) => {
        for (let k = 0; k < nodes.length; k++) vals[k] = nodes[k].step(row);
        return nanReduce(op, vals, minCount);
      },
    };
  }
}

function nanReduce(op: NanReduceName, vals: Float64Array, min: number): number {
  let s = 0;
  let c = 0;
  let mx = Number.NEGATIVE_INFINITY;
  let mn = Number.POSITIVE_INFINITY;
  for (let k = 0; k < vals.length; k++) {
    const v = vals[k];
    if (!Number.isNaN(v)) {
      s += v;
      c++;
      if (v > mx) mx = v;
      if (v < mn) mn = v;
    }
  }
  if (op === 'NanCount') return c;
  if (c < min || c === 0) return Number.NaN;
  switch (op) {
    case 'NanMean':
      return s / c;
    case 'NanMax':
      return mx;
    case 'NanMin':
      return mn;
    case 'NanRange':
      return mx - mn;
    default: {
      if (c < 2) return Number.NaN;
      const m = s / c;
      let ss = 0;
      for (let k = 0; k < vals.length; k++) if (!Number.isNaN(vals[k])) ss += (vals[k] - m) ** 2;
      return Math.sqrt(ss / (c - 1));
    }
  }
}
