import { type EvalEnv, Expr, type StreamContext, type StreamNode } from '../expr.js';

/** Elementwise functions of one value (NaN in, NaN out; out-of-domain gives NaN, never 0). */
export const ELEM_FUNCTIONS = {
  Abs: Math.abs,
  Neg: (x: number) => -x,
  /** Natural log; NaN for x <= 0. */
  Log: (x: number) => (x > 0 ? Math.log(x) : Number.NaN),
  /** Square root; NaN for x < 0. */
  Sqrt: (x: number) => (x >= 0 ? Math.sqrt(x) : Number.NaN),
  Exp: Math.exp,
  Square: (x: number) => x * x,
  Sign: (x: number) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : Number.NaN),
  /** 1 when x is finite, else 0 (an availability flag; never NaN). */
  IsFinite: (x: number) => (Number.isFinite(x) ? 1 : 0),
} as const satisfies Record<string, (x: number) => number>;

/** Name of an elementwise function. */
export type ElemName = keyof typeof ELEM_FUNCTIONS;

/** Applies `fn` to every element of `x` into `out` (may alias `x`). O(n). */
export function mapElem(x: Float64Array, fn: (v: number) => number, out: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) out[i] = fn(x[i]);
  return out;
}

/** Elementwise operator (Qlib `ElemOperator`): `Log($close)`. */
export class ElemExpr extends Expr {
  readonly children: readonly Expr[];
  constructor(
    readonly op: ElemName,
    x: Expr,
  ) {
    super();
    this.children = [x];
  }
  lookback(): number {
    return this.children[0].lookback();
  }
  protected compute(env: EvalEnv): Float64Array {
    const x = this.children[0].evaluate(env);
    const out = new Float64Array(env.n);
    // monomorphic loops for the hot functions (same arithmetic as ELEM_FUNCTIONS)
    switch (this.op) {
      case 'Log':
        for (let i = 0; i < out.length; i++) {
          const v = x[i];
          out[i] = v > 0 ? Math.log(v) : Number.NaN;
        }
        return out;
      case 'Sqrt':
        for (let i = 0; i < out.length; i++) {
          const v = x[i];
          out[i] = v >= 0 ? Math.sqrt(v) : Number.NaN;
        }
        return out;
      case 'Square':
        for (let i = 0; i < out.length; i++) out[i] = x[i] * x[i];
        return out;
      default:
        return mapElem(x, ELEM_FUNCTIONS[this.op], out);
    }
  }
  stream(ctx: StreamContext): StreamNode {
    const child = this.children[0].stream(ctx);
    const fn = ELEM_FUNCTIONS[this.op];
    return { step: (row) => fn(child.step(row)) };
  }
}
