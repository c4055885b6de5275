import * as tf from '@tensorflow/tfjs';
import { Rng } from '../math/rng.js';
import { type CallKwargs, CwmLayer, type CwmLayerArgs, first } from './layer.js';

/** Arguments of `McDropout`. */
export interface McDropoutArgs extends CwmLayerArgs {
  /** Probability of zeroing a unit, in [0, 1). */
  rate: number;
  /** Keep dropout on at inference (Monte Carlo dropout). Default false. */
  mcDropout?: boolean;
}

/**
 * Inverted dropout (Srivastava et al., 2014) that can stay active at inference for Monte Carlo dropout
 * (Gal and Ghahramani, 2016): each pass with `mcDropout` samples a different thinned network, and the spread
 * of predictions approximates model uncertainty. Masks come from a seeded stream (`seed`), so a seed gives
 * the same sequence of masks. Any shape -> same shape.
 */
export class McDropout extends CwmLayer {
  static className = 'CwmMcDropout';
  readonly rate: number;
  readonly mcDropout: boolean;
  private rng: Rng;

  constructor(args: McDropoutArgs) {
    super(args);
    this.rate = this.checkRange('rate', args.rate, 0, 1);
    this.mcDropout = args.mcDropout ?? false;
    this.rng = new Rng(this.seed).fork('dropout');
  }

  /** Restarts the mask stream from the seed (reproduces the same masks again). */
  resetSeed(): void {
    this.rng = new Rng(this.seed).fork('dropout');
  }

  /** `kwargs.seed` fixes this call's mask (e.g. for gradient checks). */
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: CallKwargs = {}): tf.Tensor {
    const x = first(inputs);
    const active = this.rate > 0 && (kwargs.training === true || this.mcDropout);
    if (!active) return tf.clone(x);
    const seed = typeof kwargs.seed === 'number' ? kwargs.seed : this.rng.nextUint32();
    return tf.tidy(() => {
      const keep = tf.cast(
        tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', seed), this.rate),
        'float32',
      );
      return tf.mul(x, tf.mul(keep, 1 / (1 - this.rate)));
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, mcDropout: this.mcDropout };
  }
}
tf.serialization.registerClass(McDropout);
