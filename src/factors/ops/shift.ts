import { FactorDefinitionError } from '../../errors/factors.js';
import { type EvalEnv, Expr, type StreamContext, type StreamNode } from '../expr.js';

/** Operators comparing a value with the value `n` rows earlier. */
export type ShiftName = 'Ref' | 'Delta' | 'LogRet' | 'PctChange';

function combine(op: ShiftName, now: number, past: number): number {
  switch (op) {
    case 'Ref':
      return past;
    case 'Delta':
      return now - past;
    case 'LogRet':
      return now > 0 && past > 0 ? Math.log(now / past) : Number.NaN;
    case 'PctChange':
      return past !== 0 && !Number.isNaN(past) ? now / past - 1 : Number.NaN;
  }
}

/**
 * `out[i] = f(x[i], x[i - n])`; rows `i < n` are NaN (no data before the start). O(n).
 * `Ref` is the lag (`x[i - n]`), `Delta` the difference, `LogRet` `ln(x[i]/x[i-n])` (NaN if a price <= 0),
 * `PctChange` `x[i]/x[i-n] - 1`.
 *
 * @throws {FactorDefinitionError} when `n` is negative or not an integer: a negative shift reads the future.
 */
export function shiftKernel(op: ShiftName, x: Float64Array, n: number, out: Float64Array): Float64Array {
  checkShift(op, n);
  const len = x.length;
  const head = Math.min(n, len);
  for (let i = 0; i < head; i++) out[i] = Number.NaN;
  switch (op) {
    case 'Ref':
      for (let i = n; i < len; i++) out[i] = x[i - n];
      break;
    case 'Delta':
      for (let i = n; i < len; i++) out[i] = x[i] - x[i - n];
      break;
    default:
      for (let i = n; i < len; i++) out[i] = combine(op, x[i], x[i - n]);
  }
  return out;
}

function checkShift(op: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new FactorDefinitionError(
      op,
      `shift must be an integer >= 0, got ${n}${n < 0 ? ' (a negative shift reads the future)' : ''}`,
    );
  }
}

/** Shift operator (Qlib `Ref`, `Delta`), plus `LogRet` and `PctChange`. Negative shifts are rejected. */
export class ShiftExpr extends Expr {
  readonly children: readonly Expr[];
  constructor(
    readonly op: ShiftName,
    x: Expr,
    readonly n: number,
  ) {
    super();
    checkShift(op, n);
    this.children = [x];
  }
  protected override args(): number[] {
    return [this.n];
  }
  lookback(): number {
    return this.children[0].lookback() + this.n;
  }
  protected compute(env: EvalEnv): Float64Array {
    return shiftKernel(this.op, this.children[0].evaluate(env), this.n, new Float64Array(env.n));
  }
  stream(ctx: StreamContext): StreamNode {
    const child = this.children[0].stream(ctx);
    const n = this.n;
    const op = this.op;
    const buf = new Float64Array(n + 1);
    let count = 0;
    return {
      step: (row) => {
        const v = child.step(row);
        const slot = count % (n + 1);
        buf[slot] = v;
        count++;
        if (count <= n) return Number.NaN;
        const past = buf[(slot + 1) % (n + 1)];
        return op === 'Delta' ? v - past : combine(op, v, past);
      },
    };
  }
}
