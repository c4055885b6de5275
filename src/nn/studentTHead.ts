import * as tf from '@tensorflow/tfjs';
import type { HeadArgs } from './gaussianHead.js';
import { type CallKwargs, CwmLayer, first } from './layer.js';
import { dense } from './linear.js';
import { lgamma } from './specialFunctions.js';

/**
 * Student-t head for fat-tailed returns: `[..., feature]` -> `[loc, scale, df]`, each `[..., targets]`, with
 * scale = softplus + minScale and df = 2 + softplus (finite variance). Trained with `studentTNll`.
 */
export class StudentTHead extends CwmLayer {
  static className = 'CwmStudentTHead';
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
      [s[s.length - 1] as number, 3 * this.targets],
      'glorotUniform',
    );
    this.bias = this.addSeededWeight('bias', [3 * this.targets], 'zeros');
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs = {}): tf.Tensor[] {
    return tf.tidy(() => {
      const p = dense(first(inputs), this.kernel.read(), this.bias.read());
      const [loc, rawScale, rawDf] = tf.split(p, 3, -1);
      return [loc, tf.add(tf.softplus(rawScale), this.minScale), tf.add(tf.softplus(rawDf), 2)];
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape[] {
    const s = [...(inputShape as tf.Shape).slice(0, -1), this.targets];
    return [s, s, s];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), targets: this.targets, minScale: this.minScale };
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
