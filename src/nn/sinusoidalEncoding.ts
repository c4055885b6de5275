import * as tf from '@tensorflow/tfjs';
import { type CallKwargs, CwmLayer, type CwmLayerArgs, first } from './layer.js';

/**
 * Sinusoidal position table `[time, dim]` (Vaswani et al., 2017, section 3.5):
 * `PE[t, 2i] = sin(t / base^(2i/dim))`, `PE[t, 2i+1] = cos(t / base^(2i/dim))`.
 */
export function sinusoidTable(time: number, dim: number, base = 10000): Float32Array {
  const out = new Float32Array(time * dim);
  for (let t = 0; t < time; t++)
    for (let j = 0; j < dim; j++) {
      const angle = t / base ** ((2 * Math.floor(j / 2)) / dim);
      out[t * dim + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  return out;
}

/** Arguments of `SinusoidalEncoding`. */
export interface SinusoidalEncodingArgs extends CwmLayerArgs {
  /** Wavelength base. Default 10000. */
  base?: number;
}

/** Adds fixed sinusoidal position encodings: `[batch, time, feature]` -> same shape. No weights. */
export class SinusoidalEncoding extends CwmLayer {
  static className = 'CwmSinusoidalEncoding';
  readonly base: number;
  private cache = new Map<string, tf.Tensor2D>();

  constructor(args: SinusoidalEncodingArgs = {}) {
    super(args);
    this.base = this.checkRange('base', args.base ?? 10000, 2, Number.MAX_VALUE);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs = {}): tf.Tensor {
    const x = first(inputs);
    this.checkShape('x', x.shape, 3);
    const [, t, d] = x.shape as number[];
    const key = `${t}x${d}`;
    let pe = this.cache.get(key);
    if (!pe) {
      pe = tf.keep(tf.tensor2d(sinusoidTable(t, d, this.base), [t, d]));
      this.cache.set(key, pe);
    }
    return tf.add(x, pe);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), base: this.base };
  }

  override dispose(): { refCountAfterDispose: number; numDisposedVariables: number } {
    for (const t of this.cache.values()) t.dispose();
    this.cache.clear();
    return super.dispose();
  }
}
tf.serialization.registerClass(SinusoidalEncoding);
