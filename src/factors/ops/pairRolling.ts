import { checkWindow, type EvalEnv, Expr, type StreamContext, type StreamNode } from '../expr.js';
import { DEGENERATE_VAR, maxMissing } from './rolling.js';

/**
 * Rolling statistics of two series (Qlib `PairRolling`), O(n), same conventions as `rolling.ts`:
 * a row is missing when either value is NaN, a window is available with at most `maxMissing(w)` missing rows
 * (statistics over the rows present), flat windows give NaN,
 * running sums are relative to each series' first finite value and recomputed every `w` rows.
 *
 * - `Cov`: sample covariance (ddof 1).
 * - `Corr`: Pearson correlation; NaN when either window is flat.
 * - `Beta`: OLS slope of `y` (first argument) on `x` (second), `cov(y, x) / var(x)`; NaN when `x` is flat.
 */
export type PairRollingName = 'Cov' | 'Corr' | 'Beta';

function finishPair(
  mode: PairRollingName,
  w: number,
  sa: number,
  sb: number,
  saa: number,
  sbb: number,
  sab: number,
): number {
  if (w < 2) return Number.NaN;
  const cov = sab - (sa * sb) / w;
  if (mode === 'Cov') return cov / (w - 1);
  const vb = sbb - (sb * sb) / w;
  if (!(vb > DEGENERATE_VAR * sbb)) return Number.NaN;
  if (mode === 'Beta') return cov / vb;
  const va = saa - (sa * sa) / w;
  if (!(va > DEGENERATE_VAR * saa)) return Number.NaN;
  const r = cov / Math.sqrt(va * vb);
  return r > 1 ? 1 : Math.max(r, -1);
}

function firstFinitePair(a: Float64Array, b: Float64Array): [number, number] {
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i]) && !Number.isNaN(b[i])) return [a[i], b[i]];
  return [0, 0];
}

/** Rolling covariance, correlation or beta of `a` on `b`. Needs `w >= 2`. */
export function rollingPair(
  mode: PairRollingName,
  a: Float64Array,
  b: Float64Array,
  w: number,
  out: Float64Array,
): Float64Array {
  checkWindow(mode, w, 2);
  const n = a.length;
  const [ka, kb] = firstFinitePair(a, b);
  const miss = maxMissing(w);
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  let nan = 0;
  let until = w;
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(x) || Number.isNaN(y)) nan++;
    else {
      const dx = x - ka;
      const dy = y - kb;
      sa += dx;
      sb += dy;
      saa += dx * dx;
      sbb += dy * dy;
      sab += dx * dy;
    }
    if (i >= w) {
      const u = a[i - w];
      const v = b[i - w];
      if (Number.isNaN(u) || Number.isNaN(v)) nan--;
      else {
        const dx = u - ka;
        const dy = v - kb;
        sa -= dx;
        sb -= dy;
        saa -= dx * dx;
        sbb -= dy * dy;
        sab -= dx * dy;
      }
    }
    if (--until === 0) {
      until = w;
      sa = 0;
      sb = 0;
      saa = 0;
      sbb = 0;
      sab = 0;
      for (let j = i - w + 1; j <= i; j++) {
        const u = a[j];
        const v = b[j];
        if (!Number.isNaN(u) && !Number.isNaN(v)) {
          const dx = u - ka;
          const dy = v - kb;
          sa += dx;
          sb += dy;
          saa += dx * dx;
          sbb += dy * dy;
          sab += dx * dy;
        }
      }
    }
    out[i] = i >= w - 1 && nan <= miss ? finishPair(mode, w - nan, sa, sb, saa, sbb, sab) : Number.NaN;
  }
  return out;
}

/** Streaming twin of `rollingPair`: same operations in the same order. */
export class RollingPairStream {
  private readonly ba: Float64Array;
  private readonly bb: Float64Array;
  private i = 0;
  private ka = Number.NaN;
  private kb = Number.NaN;
  private sa = 0;
  private sb = 0;
  private saa = 0;
  private sbb = 0;
  private sab = 0;
  private nan = 0;
  private until: number;
  constructor(
    readonly mode: PairRollingName,
    readonly w: number,
  ) {
    checkWindow(mode, w, 2);
    this.ba = new Float64Array(w);
    this.bb = new Float64Array(w);
    this.until = w;
  }
  update(x: number, y: number): number {
    const w = this.w;
    const slot = this.i % w;
    if (Number.isNaN(this.ka) && !Number.isNaN(x) && !Number.isNaN(y)) {
      this.ka = x;
      this.kb = y;
    }
    const ka = this.ka;
    const kb = this.kb;
    if (Number.isNaN(x) || Number.isNaN(y)) this.nan++;
    else {
      const dx = x - ka;
      const dy = y - kb;
      this.sa += dx;
      this.sb += dy;
      this.saa += dx * dx;
      this.sbb += dy * dy;
      this.sab += dx * dy;
    }
    if (this.i >= w) {
      const u = this.ba[slot];
      const v = this.bb[slot];
      if (Number.isNaN(u) || Number.isNaN(v)) this.nan--;
      else {
        const dx = u - ka;
        const dy = v - kb;
        this.sa -= dx;
        this.sb -= dy;
        this.saa -= dx * dx;
        this.sbb -= dy * dy;
        this.sab -= dx * dy;
      }
    }
    this.ba[slot] = x;
    this.bb[slot] = y;
    const i = this.i++;
    if (--this.until === 0) {
      this.until = w;
      let sa = 0;
      let sb = 0;
      let saa = 0;
      let sbb = 0;
      let sab = 0;
      for (let j = 1; j <= w; j++) {
        const p = (slot + j) % w;
        const u = this.ba[p];
        const v = this.bb[p];
        if (!Number.isNaN(u) && !Number.isNaN(v)) {
          const dx = u - ka;
          const dy = v - kb;
          sa += dx;
          sb += dy;
          saa += dx * dx;
          sbb += dy * dy;
          sab += dx * dy;
        }
      }
      this.sa = sa;
      this.sb = sb;
      this.saa = saa;
      this.sbb = sbb;
      this.sab = sab;
    }
    return i >= w - 1 && this.nan <= maxMissing(w)
      ? finishPair(this.mode, w - this.nan, this.sa, this.sb, this.saa, this.sbb, this.sab)
      : Number.NaN;
  }
}

/** Pair rolling operator: `Corr($close,$volume,20)`, `Beta($ret,$btc_ret,60)`. */
export class PairRollingExpr extends Expr {
  readonly children: readonly Expr[];
  constructor(
    readonly op: PairRollingName,
    a: Expr,
    b: Expr,
    readonly w: number,
  ) {
    super();
    checkWindow(op, w, 2);
    this.children = [a, b];
  }
  protected override args(): number[] {
    return [this.w];
  }
  lookback(): number {
    return Math.max(this.children[0].lookback(), this.children[1].lookback()) + this.w - 1;
  }
  protected compute(env: EvalEnv): Float64Array {
    const a = this.children[0].evaluate(env);
    const b = this.children[1].evaluate(env);
    return rollingPair(this.op, a, b, this.w, new Float64Array(env.n));
  }
  stream(ctx: StreamContext): StreamNode {
    const a = this.children[0].stream(ctx);
    const b = this.children[1].stream(ctx);
    const s = new RollingPairStream(this.op, this.w);
    return { step: (row) => s.update(a.step(row), b.step(row)) };
  }
}
