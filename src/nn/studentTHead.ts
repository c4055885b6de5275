import * as tf from '@tensorflow/tfjs';
import { type HeadArgs, ParametricHead } from './parametricHead.js';
import { lgamma } from './specialFunctions.js';

/**
 * Student-t head for fat-tailed returns: `[..., feature]` -> `[loc, scale, df]`, each `[..., targets]`, with
 * scale = softplus + minScale and df = 2 + softplus (finite variance). Trained with `studentTNll`.
 */
export class StudentTHead extends ParametricHead {
  static className = 'CwmStudentTHead';

  constructor(args: HeadArgs) {
    super(args, 3);
  }

  protected override link([loc, rawScale, rawDf]: tf.Tensor[]): tf.Tensor[] {
    return [
      loc as tf.Tensor,
      tf.add(tf.softplus(rawScale as tf.Tensor), this.minScale),
      tf.add(tf.softplus(rawDf as tf.Tensor), 2),
    ];
  }
}
tf.serialization.registerClass(StudentTHead);

/**
 * Mean Student-t negative log-likelihood in nats:
 * `-[lgamma((df+1)/2) - lgamma(df/2) - log(df pi)/2 - log(scale) - (df+1)/2 log(1 + z^2/df)]`, z = (y-loc)/scale.
 */
export function studentTNll(y: tf.Tensor, loc: tf.Tensor, scale: tf.Tensor, df: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const z = tf.div(tf.sub(y, loc), scale);
    const half = tf.mul(tf.add(df, 1), 0.5);
    const logp = tf.sub(
      tf.sub(
        tf.sub(tf.sub(lgamma(half), lgamma(tf.mul(df, 0.5))), tf.mul(tf.log(tf.mul(df, Math.PI)), 0.5)),
        tf.log(scale),
      ),
      tf.mul(half, tf.log1p(tf.div(tf.square(z), df))),
    );
    return tf.neg(tf.mean(logp)) as tf.Scalar;
  });
}
