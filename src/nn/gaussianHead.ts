import * as tf from '@tensorflow/tfjs';
import { type HeadArgs, ParametricHead } from './parametricHead.js';

/**
 * Gaussian head: `[..., feature]` -> `[mean, scale]`, each `[..., targets]`, scale = softplus + minScale.
 * Trained with `gaussianNll` (heteroscedastic regression, Nix and Weigend, 1994).
 */
export class GaussianHead extends ParametricHead {
  static className = 'CwmGaussianHead';

  constructor(args: HeadArgs) {
    super(args, 2);
  }

  protected override link([mean, raw]: tf.Tensor[]): tf.Tensor[] {
    return [mean as tf.Tensor, tf.add(tf.softplus(raw as tf.Tensor), this.minScale)];
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
