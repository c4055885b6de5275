import { Rng } from '../../math/rng.js';

/** Element type of a space's values. */
export type SpaceDtype = 'float32' | 'int32' | 'dict';

/**
 * A set of valid observations or actions (Gymnasium `Space`): a shape, a dtype, its own seeded RNG,
 * `sample()` and `contains()`.
 *
 * Reference: Gymnasium 1.x, `gymnasium/spaces/space.py`.
 */
export interface Space<T> {
  /** Kind of space, for descriptions and batching. */
  readonly kind: 'box' | 'discrete' | 'multiDiscrete' | 'dict';
  /** Shape of one element (`[]` for a scalar). */
  readonly shape: readonly number[];
  readonly dtype: SpaceDtype;
  /** Re-seeds the space's own RNG (the stream `sample()` draws from). */
  seed(seed: number): void;
  /** A fresh random element of the space (a new array, never shared). */
  sample(): T;
  /** True when `x` is an element of the space (type, shape, range, no NaN). */
  contains(x: unknown): boolean;
  /** A JSON description (kind, shape, bounds). */
  describe(): Record<string, unknown>;
}

/** Shared seeding logic: every space starts from seed 0 so `sample()` is deterministic by default. */
export abstract class SeededSpace {
  protected rng = new Rng(0);
  seed(seed: number): void {
    this.rng = new Rng(seed);
  }
}

/** Number of elements of a shape (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
