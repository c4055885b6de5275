import * as tf from '@tensorflow/tfjs';
import { Rng } from '../math/rng.js';
import { type CallKwargs, CwmLayer, type CwmLayerArgs, first } from './layer.js';
import { dense } from './linear.js';

/** Arguments of `BayesianLinear`. */
export interface BayesianLinearArgs extends CwmLayerArgs {
  units: number;
  /** Standard deviation of the N(0, s^2) prior on every weight. Default 1. */
  priorSigma?: number;
  /** Initial posterior standard deviation. Default 0.01. */
  initSigma?: number;
}

/** Keyword arguments of `BayesianLinear.call`. */
export interface BayesianKwargs extends CallKwargs {
  /** Sample the output (default true); false returns the mean `x mu_W + mu_b`. */
  sample?: boolean;
  /** Fixed noise seed for this call (e.g. gradient checks); default: next draw of the layer's stream. */
  seed?: number;
}

/**
 * Mean-field Gaussian Bayesian linear layer (Blundell et al., 2015, "Weight uncertainty in neural
 * networks") sampled with the local reparameterisation trick (Kingma, Salimans and Welling, 2015): the
 * pre-activation is drawn directly, `y ~ N(x mu_W + mu_b, x^2 sigma_W^2 + sigma_b^2)`, with
 * `sigma = softplus(rho)`. `kl()` is the closed-form KL(q || N(0, priorSigma^2)) summed over weights; add
 * `kl() / datasetSize` to the NLL for the ELBO. `[..., in]` -> `[..., units]`.
 */
export class BayesianLinear extends CwmLayer {
  static className = 'CwmBayesianLinear';
  readonly units: number;
  readonly priorSigma: number;
  readonly initSigma: number;
  private muW!: tf.LayerVariable;
  private rhoW!: tf.LayerVariable;
  private muB!: tf.LayerVariable;
  private rhoB!: tf.LayerVariable;
  private rng: Rng;

  constructor(args: BayesianLinearArgs) {
    super(args);
    this.units = this.checkInt('units', args.units);
    this.priorSigma = this.checkRange('priorSigma', args.priorSigma ?? 1, 1e-6, 1e6);
    this.initSigma = this.checkRange('initSigma', args.initSigma ?? 0.01, 1e-8, 10);
    this.rng = new Rng(this.seed).fork('reparam');
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const p = shape[shape.length - 1] as number;
    const rho0 = Math.log(Math.expm1(this.initSigma));
    this.muW = this.addSeededWeight('muW', [p, this.units], 'glorotUniform');
    this.rhoW = this.addSeededWeight('rhoW', [p, this.units], { constant: rho0 });
    this.muB = this.addSeededWeight('muB', [this.units], 'zeros');
    this.rhoB = this.addSeededWeight('rhoB', [this.units], { constant: rho0 });
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: BayesianKwargs = {}): tf.Tensor {
    const x = first(inputs);
    if (kwargs.sample === false) return tf.tidy(() => dense(x, this.muW.read(), this.muB.read()));
    const seed = kwargs.seed ?? this.rng.nextUint32();
    return tf.tidy(() => {
      const mean = dense(x, this.muW.read(), this.muB.read());
      const sw = tf.softplus(this.rhoW.read());
      const sb = tf.softplus(this.rhoB.read());
      const variance = tf.add(dense(tf.square(x), tf.square(sw)), tf.square(sb));
      const eps = tf.randomNormal(mean.shape, 0, 1, 'float32', seed);
      return tf.add(mean, tf.mul(tf.sqrt(tf.add(variance, 1e-12)), eps));
    });
  }

  /** KL(q(W, b) || p(W, b)) in nats: sum of `log(s_p / s) + (s^2 + mu^2) / (2 s_p^2) - 1/2`. */
  kl(): tf.Scalar {
    return tf.tidy(() => {
      const p2 = this.priorSigma ** 2;
      const term = (mu: tf.Tensor, rho: tf.Tensor) => {
        const s = tf.softplus(rho);
        return tf.sum(
          tf.sub(
            tf.add(
              tf.sub(Math.log(this.priorSigma), tf.log(s)),
              tf.div(tf.add(tf.square(s), tf.square(mu)), 2 * p2),
            ),
            0.5,
          ),
        );
      };
      return tf.add(
        term(this.muW.read(), this.rhoW.read()),
        term(this.muB.read(), this.rhoB.read()),
      ) as tf.Scalar;
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return [...(inputShape as tf.Shape).slice(0, -1), this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      priorSigma: this.priorSigma,
      initSigma: this.initSigma,
    };
  }
}
tf.serialization.registerClass(BayesianLinear);
