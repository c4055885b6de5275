import * as tf from '@tensorflow/tfjs';
import { type CallKwargs, CwmLayer, type CwmLayerArgs, first } from './layer.js';

/** Arguments of `LayerNorm`. */
export interface LayerNormArgs extends CwmLayerArgs {
  /** Added to the variance. Default 1e-5. */
  epsilon?: number;
}

/**
 * Layer normalization over the last axis (Ba, Kiros and Hinton, 2016, arXiv:1607.06450):
 * `y = gamma * (x - mean) / sqrt(var + eps) + beta`. `[batch, time, feature]` -> same shape.
 */
export class LayerNorm extends CwmLayer {
  static className = 'CwmLayerNorm';
  readonly epsilon: number;
  private gamma!: tf.LayerVariable;
  private beta!: tf.LayerVariable;

  constructor(args: LayerNormArgs = {}) {
    super(args);
    this.epsilon = this.checkRange('epsilon', args.epsilon ?? 1e-5, 1e-12, 1, true);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const d = shape[shape.length - 1] as number;
    this.gamma = this.addSeededWeight('gamma', [d], 'ones');
    this.beta = this.addSeededWeight('beta', [d], 'zeros');
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs = {}): tf.Tensor {
    return tf.tidy(() => {
      const x = first(inputs);
      const axis = x.rank - 1;
      const mean = tf.mean(x, axis, true);
      const c = tf.sub(x, mean);
      const v = tf.mean(tf.square(c), axis, true);
      return tf.add(
        tf.mul(tf.mul(c, tf.rsqrt(tf.add(v, this.epsilon))), this.gamma.read()),
        this.beta.read(),
      );
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(LayerNorm);
