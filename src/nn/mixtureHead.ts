import * as tf from '@tensorflow/tfjs';
import type { HeadArgs } from './parametricHead.js';
import { type CallKwargs, CwmLayer, first } from './layer.js';
import { dense } from './linear.js';

/** Arguments of `MixtureHead`. */
export interface MixtureHeadArgs extends HeadArgs {
  /** Mixture components per target. */
  components: number;
}

/**
 * Gaussian mixture density head (Bishop, 1994, "Mixture density networks"): `[..., feature]` ->
 * `[logits, means, scales]`, each `[..., targets, components]`; weights = softmax(logits).
 * Trained with `mixtureNll`.
 */
export class MixtureHead extends CwmLayer {
  static className = 'CwmMixtureHead';
  readonly targets: number;
  readonly components: number;
  readonly minScale: number;
  private kernel!: tf.LayerVariable;
  private bias!: tf.LayerVariable;

  constructor(args: MixtureHeadArgs) {
    super(args);
    this.targets = this.checkInt('targets', args.targets);
    this.components = this.checkInt('components', args.components);
    this.minScale = this.checkRange('minScale', args.minScale ?? 1e-4, 0, 1);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = inputShape as tf.Shape;
    const out = 3 * this.targets * this.components;
    this.kernel = this.addSeededWeight('kernel', [s[s.length - 1] as number, out], 'glorotUniform');
    // Spread the initial means so components do not start identical.
    this.bias = this.addSeededWeight('bias', [out], { normal: 0.5 });
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs = {}): tf.Tensor[] {
    return tf.tidy(() => {
      const x = first(inputs);
      const p = dense(x, this.kernel.read(), this.bias.read());
      const shaped = tf.reshape(p, [...x.shape.slice(0, -1), this.targets, 3, this.components]);
      const [logits, means, raw] = tf.unstack(shaped, x.rank);
      return [logits, means, tf.add(tf.softplus(raw), this.minScale)];
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape[] {
    const s = [...(inputShape as tf.Shape).slice(0, -1), this.targets, this.components];
    return [s, s, s];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      targets: this.targets,
      components: this.components,
      minScale: this.minScale,
    };
  }
}
tf.serialization.registerClass(MixtureHead);

/**
 * Mean negative log-likelihood of a Gaussian mixture in nats: `-log sum_k pi_k N(y; mu_k, s_k)`, computed
 * with log-softmax and log-sum-exp. `y` `[..., targets]`; the others `[..., targets, components]`.
 */
export function mixtureNll(y: tf.Tensor, logits: tf.Tensor, means: tf.Tensor, scales: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const z = tf.div(tf.sub(tf.expandDims(y, -1), means), scales);
    const logN = tf.sub(
      tf.neg(tf.add(tf.log(scales), tf.mul(tf.square(z), 0.5))),
      0.5 * Math.log(2 * Math.PI),
    );
    return tf.neg(tf.mean(tf.logSumExp(tf.add(tf.logSoftmax(logits), logN), -1))) as tf.Scalar;
  });
}
