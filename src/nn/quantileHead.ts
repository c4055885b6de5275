import * as tf from '@tensorflow/tfjs';
import { NnConfigError } from '../errors/nn.js';
import type { CwmLayerArgs } from './layer.js';
import { type CallKwargs, CwmLayer, first } from './layer.js';
import { dense } from './linear.js';

/** Arguments of `QuantileHead`. */
export interface QuantileHeadArgs extends CwmLayerArgs {
  targets: number;
  /** Quantile levels, strictly increasing in (0, 1), e.g. `[0.05, 0.5, 0.95]`. */
  quantiles: number[];
  /** Build quantiles as a base plus cumulative softplus steps so they never cross. Default true. */
  monotone?: boolean;
}

/**
 * Quantile regression head (Koenker and Bassett, 1978): `[..., feature]` -> `[..., targets, quantiles]`.
 * With `monotone`, q_1 = a_1 and q_j = q_{j-1} + softplus(a_j), so predicted quantiles never cross.
 * Trained with `pinballLoss`.
 */
export class QuantileHead extends CwmLayer {
  static className = 'CwmQuantileHead';
  readonly targets: number;
  readonly quantiles: number[];
  readonly monotone: boolean;
  private kernel!: tf.LayerVariable;
  private bias!: tf.LayerVariable;

  constructor(args: QuantileHeadArgs) {
    super(args);
    this.targets = this.checkInt('targets', args.targets);
    if (!Array.isArray(args.quantiles) || args.quantiles.length === 0)
      throw new NnConfigError('QuantileHead', 'quantiles', 'must be a non-empty array');
    args.quantiles.forEach((q, i) => {
      if (!(q > 0 && q < 1) || (i > 0 && !(q > args.quantiles[i - 1])))
        throw new NnConfigError(
          'QuantileHead',
          `quantiles[${i}]`,
          `must be in (0, 1) and increasing, got ${q}`,
        );
    });
    this.quantiles = [...args.quantiles];
    this.monotone = args.monotone ?? true;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = inputShape as tf.Shape;
    const out = this.targets * this.quantiles.length;
    this.kernel = this.addSeededWeight('kernel', [s[s.length - 1] as number, out], 'glorotUniform');
    this.bias = this.addSeededWeight('bias', [out], 'zeros');
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs = {}): tf.Tensor {
    return tf.tidy(() => {
      const x = first(inputs);
      const nq = this.quantiles.length;
      const p = tf.reshape(dense(x, this.kernel.read(), this.bias.read()), [
        ...x.shape.slice(0, -1),
        this.targets,
        nq,
      ]);
      if (!this.monotone || nq === 1) return p;
      const [base, steps] = tf.split(p, [1, nq - 1], -1);
      const upper = tf.linalg.bandPart(tf.ones([nq - 1, nq - 1]), 0, -1);
      return tf.concat([base, tf.add(base, dense(tf.softplus(steps), upper))], -1);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return [...(inputShape as tf.Shape).slice(0, -1), this.targets, this.quantiles.length];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      targets: this.targets,
      quantiles: this.quantiles,
      monotone: this.monotone,
    };
  }
}
tf.serialization.registerClass(QuantileHead);

/**
 * Mean pinball (quantile) loss (Koenker and Bassett, 1978): `max(tau u, (tau - 1) u)`, u = y - q.
 * `y` `[..., targets]`, `q` `[..., targets, quantiles]`.
 */
export function pinballLoss(y: tf.Tensor, q: tf.Tensor, quantiles: number[]): tf.Scalar {
  return tf.tidy(() => {
    const u = tf.sub(tf.expandDims(y, -1), q);
    const tau = tf.tensor1d(quantiles);
    return tf.mean(tf.maximum(tf.mul(u, tau), tf.mul(u, tf.sub(tau, 1)))) as tf.Scalar;
  });
}
