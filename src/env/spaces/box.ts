import { SpaceError } from '../../errors/env.js';
import { SeededSpace, type Space, shapeSize } from './space.js';

const F32_MAX = 3.4028234663852886e38;

/**
 * A (possibly unbounded) box in R^n, stored row-major in a `Float32Array` (Gymnasium `Box`, dtype float32).
 *
 * `sample()` follows Gymnasium: uniform on bounded dimensions, standard normal on unbounded ones,
 * shifted exponential on half-bounded ones.
 *
 * Reference: Gymnasium 1.x, `gymnasium/spaces/box.py`.
 *
 * @example
 * const s = new Box(-1, 1, [3]);
 * s.seed(7);
 * s.contains(s.sample()); // true
 */
export class Box extends SeededSpace implements Space<Float32Array> {
  readonly kind = 'box' as const;
  readonly dtype = 'float32' as const;
  readonly shape: readonly number[];
  /** Number of elements. */
  readonly size: number;
  readonly low: Float32Array;
  readonly high: Float32Array;

  /**
   * @param low lower bound per element, or one number for all (`-Infinity` for unbounded)
   * @param high upper bound per element, or one number for all (`Infinity` for unbounded)
   * @param shape element shape, e.g. `[history, features]`
   * @throws {SpaceError} on a bad shape, mismatched bound lengths, NaN bounds or low > high
   */
  constructor(low: number | ArrayLike<number>, high: number | ArrayLike<number>, shape: readonly number[]) {
    super();
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) throw new SpaceError(`Box: bad shape [${shape.join(', ')}]`);
    }
    this.shape = [...shape];
    this.size = shapeSize(shape);
    this.low = fill(low, this.size, 'low');
    this.high = fill(high, this.size, 'high');
    for (let i = 0; i < this.size; i++) {
      if (Number.isNaN(this.low[i]) || Number.isNaN(this.high[i]) || this.low[i] > this.high[i]) {
        throw new SpaceError(`Box: element ${i} has low ${this.low[i]} > high ${this.high[i]} (or NaN)`);
      }
    }
  }

  sample(): Float32Array {
    const out = new Float32Array(this.size);
    const rng = this.rng;
    for (let i = 0; i < this.size; i++) {
      const lo = this.low[i];
      const hi = this.high[i];
      const bl = Number.isFinite(lo) && lo > -F32_MAX;
      const bh = Number.isFinite(hi) && hi < F32_MAX;
      let v: number;
      if (bl && bh) v = lo + (hi - lo) * rng.uniform();
      else if (bl) v = lo + rng.exponential(1);
      else if (bh) v = hi - rng.exponential(1);
      else v = rng.normal();
      out[i] = Math.min(hi, Math.max(lo, Math.fround(v)));
    }
    return out;
  }

  /** True when `x` is a Float32Array of the right length (shape check only, no bounds). */
  hasShape(x: unknown): x is Float32Array {
    return x instanceof Float32Array && x.length === this.size;
  }

  contains(x: unknown): boolean {
    if (!this.hasShape(x)) return false;
    for (let i = 0; i < this.size; i++) {
      const v = x[i];
      if (!(v >= this.low[i] && v <= this.high[i])) return false;
    }
    return true;
  }

  /** Index of the first element outside the box (or NaN), -1 when all are inside. */
  firstViolation(x: Float32Array): number {
    for (let i = 0; i < this.size; i++) {
      const v = x[i];
      if (!(v >= this.low[i] && v <= this.high[i])) return i;
    }
    return -1;
  }

  describe(): Record<string, unknown> {
    return {
      kind: 'Box',
      shape: this.shape,
      dtype: this.dtype,
      low: summarize(this.low),
      high: summarize(this.high),
    };
  }
}

function fill(v: number | ArrayLike<number>, n: number, name: string): Float32Array {
  if (typeof v === 'number') return new Float32Array(n).fill(v);
  if (v.length !== n) throw new SpaceError(`Box: ${name} has ${v.length} values, shape needs ${n}`);
  return Float32Array.from(v);
}

function summarize(a: Float32Array): number | string {
  if (a.length === 0) return 'empty';
  const first = a[0];
  for (let i = 1; i < a.length; i++) if (a[i] !== first) return 'per-element';
  return first;
}
