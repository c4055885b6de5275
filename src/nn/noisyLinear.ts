import * as tf from '@tensorflow/tfjs';
import { Rng } from '../math/rng.js';
import { type CallKwargs, CwmLayer, type CwmLayerArgs, first } from './layer.js';
import { dense } from './linear.js';

/** Arguments of `NoisyLinear`. */
export interface NoisyLinearArgs extends CwmLayerArgs {
  units: number;
  /** Initial noise scale sigma0 (sigma = sigma0 / sqrt(fanIn)). Default 0.5. */
  sigma0?: number;
}

/** Keyword arguments of `NoisyLinear.call`. */
export interface NoisyKwargs extends CallKwargs {
  /** Use the noisy weights (default true); false gives the mean weights (greedy evaluation). */
  noise?: boolean;
}

/**
 * Noisy linear layer with factorised Gaussian noise (Fortunato et al., 2018, "Noisy networks for
 * exploration", section 3): `y = x (mu_W + sigma_W * eps_W) + mu_b + sigma_b * eps_b` with
 * `eps_W = f(eps_in) f(eps_out)^T`, `eps_b = f(eps_out)`, `f(e) = sign(e) sqrt(|e|)`. Noise is redrawn by
 * `resetNoise()` from a seeded stream (once per step in Rainbow). `[..., in]` -> `[..., units]`.
 */
export class NoisyLinear extends CwmLayer {
  static className = 'CwmNoisyLinear';
  readonly units: number;
  readonly sigma0: number;
  private muW!: tf.LayerVariable;
  private sigmaW!: tf.LayerVariable;
  private muB!: tf.LayerVariable;
  private sigmaB!: tf.LayerVariable;
  private epsIn!: tf.LayerVariable;
  private epsOut!: tf.LayerVariable;
  private rng: Rng;
  private inDim = 0;

  constructor(args: NoisyLinearArgs) {
    super(args);
    this.units = this.checkInt('units', args.units);
    this.sigma0 = this.checkRange('sigma0', args.sigma0 ?? 0.5, 0, 10, true);
    this.rng = new Rng(this.seed).fork('noise');
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const p = shape[shape.length - 1] as number;
    this.inDim = p;
    const bound = 1 / Math.sqrt(p);
    this.muW = this.addSeededWeight('muW', [p, this.units], 'glorotUniform');
    this.sigmaW = this.addSeededWeight('sigmaW', [p, this.units], { constant: this.sigma0 * bound });
    this.muB = this.addSeededWeight('muB', [this.units], 'zeros');
    this.sigmaB = this.addSeededWeight('sigmaB', [this.units], { constant: this.sigma0 * bound });
    this.epsIn = this.addSeededWeight('epsIn', [p, 1], 'zeros', false);
    this.epsOut = this.addSeededWeight('epsOut', [1, this.units], 'zeros', false);
    this.resetNoise();
  }

  /** Draws new factorised noise from the seeded stream. */
  resetNoise(): void {
    const f = (n: number) => {
      const a = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const e = this.rng.normal();
        a[i] = Math.sign(e) * Math.sqrt(Math.abs(e));
      }
      return a;
    };
    const ei = tf.tensor2d(f(this.inDim), [this.inDim, 1]);
    const eo = tf.tensor2d(f(this.units), [1, this.units]);
    this.epsIn.write(ei);
    this.epsOut.write(eo);
    ei.dispose();
    eo.dispose();
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: NoisyKwargs = {}): tf.Tensor {
    return tf.tidy(() => {
      const x = first(inputs);
      if (kwargs.noise === false) return dense(x, this.muW.read(), this.muB.read());
      const epsOut = this.epsOut.read();
      const w = tf.add(this.muW.read(), tf.mul(this.sigmaW.read(), tf.mul(this.epsIn.read(), epsOut)));
      const b = tf.add(this.muB.read(), tf.mul(this.sigmaB.read(), tf.reshape(epsOut, [this.units])));
      return dense(x, w, b);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return [...(inputShape as tf.Shape).slice(0, -1), this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, sigma0: this.sigma0 };
  }
}
tf.serialization.registerClass(NoisyLinear);
