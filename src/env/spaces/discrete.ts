import { SpaceError } from '../../errors/env.js';
import { SeededSpace, type Space } from './space.js';

/**
 * The integers {start, ..., start + n - 1} (Gymnasium `Discrete`). Elements are plain JS integers.
 *
 * Reference: Gymnasium 1.x, `gymnasium/spaces/discrete.py`.
 */
export class Discrete extends SeededSpace implements Space<number> {
  readonly kind = 'discrete' as const;
  readonly dtype = 'int32' as const;
  readonly shape: readonly number[] = [];

  /**
   * @param n number of elements (>= 1)
   * @param start smallest element
   * @throws {SpaceError} when n is not a positive integer or start is not an integer
   */
  constructor(
    readonly n: number,
    readonly start = 0,
  ) {
    super();
    if (!Number.isInteger(n) || n < 1)
      throw new SpaceError(`Discrete: n must be a positive integer, got ${n}`);
    if (!Number.isInteger(start)) throw new SpaceError(`Discrete: start must be an integer, got ${start}`);
  }

  sample(): number {
    return this.start + this.rng.int(this.n);
  }

  contains(x: unknown): boolean {
    return typeof x === 'number' && Number.isInteger(x) && x >= this.start && x < this.start + this.n;
  }

  describe(): Record<string, unknown> {
    return { kind: 'Discrete', n: this.n, start: this.start };
  }
}
