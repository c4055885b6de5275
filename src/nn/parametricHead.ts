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
 * Base of the parametric distribution heads: one dense projection `[..., feature]` -> `[..., params * targets]`
 * (weights `kernel`, `bias`), split into `params` raw tensors of `[..., targets]` that the subclass maps to
 * distribution parameters in `link` (e.g. softplus for a scale; Nix and Weigend, 1994).
 */
export abstract class ParametricHead extends CwmLayer {
  readonly targets: number;
  readonly minScale: number;
  private readonly params: number;
  private kernel!: tf.LayerVariable;
  private bias!: tf.LayerVariable;

  /** `params`: distribution parameters per target (2 for Gaussian mean/scale, 3 for Student-t loc/scale/df). */
  constructor(args: HeadArgs, params: number) {
    super(args);
    this.targets = this.checkInt('targets', args.targets);
    this.minScale = this.checkRange('minScale', args.minScale ?? 1e-4, 0, 1);
    this.params = params;
  }

  /** Maps the raw split projections (one `[..., targets]` tensor per parameter) to the head's outputs. */
  protected abstract link(raw: tf.Tensor[]): tf.Tensor[];

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = inputShape as tf.Shape;
    this.kernel = this.addSeededWeight(
      'kernel',
      [s[s.length - 1] as number, this.params * this.targets],
      'glorotUniform',
    );
    this.bias = this.addSeededWeight('bias', [this.params * this.targets], 'zeros');
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs = {}): tf.Tensor[] {
    return tf.tidy(() => {
      const p = dense(first(inputs), this.kernel.read(), this.bias.read());
      return this.link(tf.split(p, this.params, -1));
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape[] {
    const s = [...(inputShape as tf.Shape).slice(0, -1), this.targets];
    return Array.from({ length: this.params }, () => s);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), targets: this.targets, minScale: this.minScale };
  }
}
