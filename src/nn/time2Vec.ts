import * as tf from '@tensorflow/tfjs';
import { type CallKwargs, CwmLayer, type CwmLayerArgs, first } from './layer.js';

/** Arguments of `Time2Vec`. */
export interface Time2VecArgs extends CwmLayerArgs {
  /** Output width k: one linear term and k - 1 periodic terms. */
  dim: number;
}

/**
 * Continuous-time encoding of irregular timestamps, Time2Vec (Kazemi et al., 2019, arXiv:1907.05321):
 * `t2v(tau)[0] = w0 * tau + b0`, `t2v(tau)[i] = sin(wi * tau + bi)` for i >= 1, with learned w, b.
 * Input `[batch, time]` of timestamps in any consistent unit (e.g. hours since the window start; scale
 * epoch milliseconds first), output `[batch, time, dim]`. Gaps between events need not be equal.
 */
export class Time2Vec extends CwmLayer {
  static className = 'CwmTime2Vec';
  readonly dim: number;
  private w!: tf.LayerVariable;
  private b!: tf.LayerVariable;

  constructor(args: Time2VecArgs) {
    super(args);
    this.dim = this.checkInt('dim', args.dim, 2);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    this.checkShape('timestamps', inputShape as tf.Shape, 2);
    this.w = this.addSeededWeight('w', [this.dim], { normal: 1 });
    this.b = this.addSeededWeight('b', [this.dim], { normal: 1 });
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs = {}): tf.Tensor {
    return tf.tidy(() => {
      const tau = tf.expandDims(first(inputs), 2);
      const z = tf.add(tf.mul(tau, this.w.read()), this.b.read());
      const [lin, per] = tf.split(z, [1, this.dim - 1], 2);
      return tf.concat([lin, tf.sin(per)], 2);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return [...(inputShape as tf.Shape), this.dim];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), dim: this.dim };
  }
}
tf.serialization.registerClass(Time2Vec);
