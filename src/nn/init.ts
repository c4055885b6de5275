import * as tf from '@tensorflow/tfjs';
import { deriveSeed, Rng } from '../math/rng.js';

/** Initial-value schemes for weights; all draw from a seeded `Rng`, so a seed gives bit-identical weights. */
export type InitKind =
  | 'glorotUniform'
  | 'heNormal'
  | 'zeros'
  | 'ones'
  | { normal: number }
  | { constant: number };

type Shape = readonly (number | null)[];

function fans(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
}

/**
 * Fills a `Float32Array` of `shape` from `kind`, drawing from `new Rng(seed)`.
 * Glorot uniform: U(-l, l), l = sqrt(6 / (fanIn + fanOut)) (Glorot and Bengio, 2010); He normal:
 * N(0, 2 / fanIn) (He et al., 2015).
 */
export function initValues(shape: readonly number[], kind: InitKind, seed: number): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  const rng = new Rng(seed);
  const [fanIn, fanOut] = fans(shape);
  if (kind === 'zeros') return out;
  if (kind === 'ones') return out.fill(1);
  if (kind === 'glorotUniform') {
    const lim = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < n; i++) out[i] = (2 * rng.uniform() - 1) * lim;
  } else if (kind === 'heNormal') {
    const sd = Math.sqrt(2 / fanIn);
    for (let i = 0; i < n; i++) out[i] = rng.normal() * sd;
  } else if ('normal' in kind) {
    for (let i = 0; i < n; i++) out[i] = rng.normal() * kind.normal;
  } else out.fill(kind.constant);
  return out;
}

/** A TF.js initializer drawing from cwm's seeded `Rng` (no global random state). */
export class SeededInitializer extends tf.serialization.Serializable {
  static className = 'CwmSeededInitializer';
  constructor(
    readonly kind: InitKind,
    readonly seed: number,
  ) {
    super();
  }
  apply(shape: Shape): tf.Tensor {
    const s = shape.map((d) => d ?? 1);
    return tf.tensor(initValues(s, this.kind, this.seed), s, 'float32');
  }
  getConfig(): tf.serialization.ConfigDict {
    return { kind: this.kind as unknown as tf.serialization.ConfigDictValue, seed: this.seed };
  }
}

/** Seed of weight `name` of a block seeded with `seed` (stable under adding other weights). */
export function weightSeed(seed: number, name: string): number {
  return deriveSeed(seed, name);
}
