import * as tf from '@tensorflow/tfjs';
import { type CallKwargs, CwmLayer, type CwmLayerArgs, first } from './layer.js';
import { dense } from './linear.js';

/** Arguments of the distributional heads. */
export interface HeadArgs extends CwmLayerArgs {
  /** Number of target variables predicted per row. */
  targets: number;
  /** Smallest scale (added after softplus). Default 1e-4. */
  minScale?: number;
}

/**
 * Gaussian head: `[..., feature]` -> `[mean, scale]`, each `[..., targets]`, scale = softplus + minScale.
 * Trained with `gaussianNll` (heteroscedastic regression, Nix and Weigend, 1994).
 */
export class GaussianHead extends CwmLayer {
  static className = 'CwmGaussianHead';
  readonly targets: number;
  readonly minScale: number;
  private kernel!: tf.LayerVariable;
  private bias!: tf.LayerVariable;

  constructor(args: HeadArgs) {
    super(args);
    this.targets = this.checkInt('targets', args.targets);
    this.minScale = this.checkRange('minScale', args.minScale ?? 1e-4, 0, 1);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = inputShape as tf.Shape;
    this.kernel = this.addSeededWeight(
      'kernel',
      [s[s.length - 1] as number, 2 * this.targets],
      'glorotUniform',
    );
    this.bias = this.addSeededWeight('bias', [2 * this.targets], 'zeros');
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs = {}): tf.Tensor[] {
    return tf.tidy(() => {
      const p = dense(first(inputs), this.kernel.read(), this.bias.read());
      const [mean, raw] = tf.split(p, 2, -1);
      return [mean, tf.add(tf.softplus(raw), this.minScale)];
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape[] {
    const s = [...(inputShape as tf.Shape).slice(0, -1), this.targets];
    return [s, s];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), targets: this.targets, minScale: this.minScale };
  }
}
tf.serialization.registerClass(GaussianHead);

/** Mean Gaussian negative log-likelihood in nats: `log(scale) + (y - mean)^2 / (2 scale^2) + log(2 pi) / 2`. */
export function gaussianNll(y: tf.Tensor, mean: tf.Tensor, scale: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const z = tf.div(tf.sub(y, mean), scale);
    return tf.mean(
      tf.add(tf.add(tf.log(scale), tf.mul(tf.square(z), 0.5)), 0.5 * Math.log(2 * Math.PI)),
    ) as tf.Scalar;
  });
}
