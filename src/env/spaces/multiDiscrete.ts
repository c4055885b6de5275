import { SpaceError } from '../../errors/env.js';
import { SeededSpace, type Space } from './space.js';

/**
 * A product of discrete spaces: element i lies in {0, ..., nvec[i] - 1} (Gymnasium `MultiDiscrete`).
 * Elements are `Int32Array`s of length `nvec.length`.
 *
 * Reference: Gymnasium 1.x, `gymnasium/spaces/multi_discrete.py`.
 */
export class MultiDiscrete extends SeededSpace implements Space<Int32Array> {
  readonly kind = 'multiDiscrete' as const;
  readonly dtype = 'int32' as const;
  readonly shape: readonly number[];
  readonly nvec: Int32Array;

  /** @throws {SpaceError} when any count is not a positive integer */
  constructor(nvec: ArrayLike<number>) {
    super();
    this.nvec = Int32Array.from(nvec);
    for (let i = 0; i < nvec.length; i++) {
      if (!Number.isInteger(nvec[i]) || nvec[i] < 1) {
        throw new SpaceError(`MultiDiscrete: nvec[${i}] must be a positive integer, got ${nvec[i]}`);
      }
    }
    this.shape = [this.nvec.length];
  }

  sample(): Int32Array {
    const out = new Int32Array(this.nvec.length);
    for (let i = 0; i < out.length; i++) out[i] = this.rng.int(this.nvec[i]);
    return out;
  }

  contains(x: unknown): boolean {
    if (!(x instanceof Int32Array) || x.length !== this.nvec.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] < 0 || x[i] >= this.nvec[i]) return false;
    return true;
  }

  describe(): Record<string, unknown> {
    return { kind: 'MultiDiscrete', nvec: Array.from(this.nvec) };
  }
}
