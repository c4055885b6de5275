import * as tf from '@tensorflow/tfjs';
import { NnConfigError, NnShapeError } from '../errors/nn.js';
import { scaledDotAttention, splitHeads } from './attentionCore.js';
import { type CallKwargs, type CwmLayerArgs, first } from './layer.js';
import { matMul2d } from './linear.js';
import { SelfAttentionLayer } from './selfAttentionLayer.js';

/** Arguments of `LinformerAttention`. */
export interface LinformerAttentionArgs extends CwmLayerArgs {
  numHeads: number;
  /** Longest sequence (rows of the projection). */
  maxLen: number;
  /** Projected length k of keys and values (k < maxLen gives the saving). */
  k: number;
}

/**
 * Linformer self-attention (Wang et al., 2020, arXiv:2006.04768): keys and values are projected along time
 * by learned `E, F` `[maxLen, k]` before attention, so cost is O(time * k) instead of O(time^2).
 * `[batch, time, feature]` -> same shape, time <= maxLen. Not causal (the projection mixes all steps).
 */
export class LinformerAttention extends SelfAttentionLayer {
  static className = 'CwmLinformerAttention';
  readonly numHeads: number;
  readonly maxLen: number;
  readonly k: number;
  private projE!: tf.LayerVariable;
  private projF!: tf.LayerVariable;

  constructor(args: LinformerAttentionArgs & { causal?: boolean }) {
    super(args);
    if (args.causal)
      throw new NnConfigError(
        'LinformerAttention',
        'causal',
        'Linformer projections mix future steps; use MultiHeadAttention or PerformerAttention',
      );
    this.numHeads = this.checkInt('numHeads', args.numHeads);
    this.maxLen = this.checkInt('maxLen', args.maxLen);
    this.k = this.checkInt('k', args.k);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    this.buildProjections('LinformerAttention', inputShape);
    this.projE = this.addSeededWeight('projE', [this.maxLen, this.k], { normal: 1 / Math.sqrt(this.k) });
    this.projF = this.addSeededWeight('projF', [this.maxLen, this.k], { normal: 1 / Math.sqrt(this.k) });
  }

  /** `[batch, time, feature]` -> `[batch, k, feature]` by `P^T` along time. */
  private project(x: tf.Tensor, p: tf.Tensor): tf.Tensor {
    const [b, t, d] = x.shape as number[];
    const pt = t === this.maxLen ? p : tf.slice(p, [0, 0], [t, this.k]);
    const xt = tf.reshape(tf.transpose(x, [0, 2, 1]), [b * d, t]);
    return tf.transpose(
      tf.reshape(matMul2d(xt as tf.Tensor2D, pt as tf.Tensor2D), [b, d, this.k]),
      [0, 2, 1],
    );
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs = {}): tf.Tensor {
    const x = first(inputs);
    const [b, t, d] = x.shape as number[];
    if (t > this.maxLen)
      throw new NnShapeError('LinformerAttention', 'x', `[batch, <= ${this.maxLen}, ${d}]`, x.shape);
    return tf.tidy(() => {
      const h = this.numHeads;
      const [q, kx, vx] = this.projectQkv(x);
      const k = splitHeads(this.project(kx, this.projE.read()), h);
      const v = splitHeads(this.project(vx, this.projF.read()), h);
      return this.projectOutput(scaledDotAttention(q, k, v, b), b);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), numHeads: this.numHeads, maxLen: this.maxLen, k: this.k };
  }
}
tf.serialization.registerClass(LinformerAttention);
