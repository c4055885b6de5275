import { SpaceError } from '../../errors/env.js';
import { deriveSeed } from '../../math/rng.js';
import type { Space } from './space.js';

/** The element type of a `Dict` space built from `S`. */
export type DictValue<S extends Record<string, Space<unknown>>> = {
  [K in keyof S]: S[K] extends Space<infer T> ? T : never;
};

/**
 * A named product of spaces (Gymnasium `Dict`). Each sub-space gets a seed derived from the parent seed
 * and its key, so adding a key never changes another key's samples.
 *
 * Reference: Gymnasium 1.x, `gymnasium/spaces/dict.py`.
 */
export class Dict<S extends Record<string, Space<unknown>>> implements Space<DictValue<S>> {
  readonly kind = 'dict' as const;
  readonly dtype = 'dict' as const;
  readonly shape: readonly number[] = [];
  readonly keys: readonly string[];

  /** @throws {SpaceError} when there are no sub-spaces */
  constructor(readonly spaces: S) {
    this.keys = Object.keys(spaces).sort();
    if (this.keys.length === 0) throw new SpaceError('Dict: needs at least one sub-space');
    this.seed(0);
  }

  seed(seed: number): void {
    for (const k of this.keys) this.spaces[k].seed(deriveSeed(seed, k));
  }

  sample(): DictValue<S> {
    const out: Record<string, unknown> = {};
    for (const k of this.keys) out[k] = this.spaces[k].sample();
    return out as DictValue<S>;
  }

  contains(x: unknown): boolean {
    if (typeof x !== 'object' || x === null) return false;
    const rec = x as Record<string, unknown>;
    if (Object.keys(rec).length !== this.keys.length) return false;
    for (const k of this.keys) if (!this.spaces[k].contains(rec[k])) return false;
    return true;
  }

  describe(): Record<string, unknown> {
    const spaces: Record<string, unknown> = {};
    for (const k of this.keys) spaces[k] = this.spaces[k].describe();
    return { kind: 'Dict', spaces };
  }
}
