import * as tf from '@tensorflow/tfjs';
import { NnConfigError, NnShapeError } from '../errors/nn.js';
import { mergeHeads, scaledDotAttention, splitHeads } from './attentionCore.js';
import { type CallKwargs, CwmLayer, type CwmLayerArgs, first } from './layer.js';
import { dense, matMul2d } from './linear.js';

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
export class LinformerAttention extends CwmLayer {
  static className = 'CwmLinformerAttention';
  readonly numHeads: number;
  readonly maxLen: number;
  readonly k: number;
  private qKernel!: tf.LayerVariable;
  private kvKernel!: tf.LayerVariable;
  private oKernel!: tf.LayerVariable;
  private oBias!: tf.LayerVariable;
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
    const shape = inputShape as tf.Shape;
    this.checkShape('x', shape, 3);
    const d = shape[2] as number;
    if (d % this.numHeads !== 0)
      throw new NnConfigError(
        'LinformerAttention',
        'numHeads',
        `${this.numHeads} does not divide width ${d}`,
      );
    this.qKernel = this.addSeededWeight('qKernel', [d, d], 'glorotUniform');
    this.kvKernel = this.addSeededWeight('kvKernel', [d, 2 * d], 'glorotUniform');
    this.oKernel = this.addSeededWeight('oKernel', [d, d], 'glorotUniform');
    this.oBias = this.addSeededWeight('oBias', [d], 'zeros');
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
      const q = splitHeads(dense(x, this.qKernel.read()), h);
      const [kx, vx] = tf.split(dense(x, this.kvKernel.read()), 2, 2);
      const k = splitHeads(this.project(kx, this.projE.read()), h);
      const v = splitHeads(this.project(vx, this.projF.read()), h);
      return dense(mergeHeads(scaledDotAttention(q, k, v, b), b, h), this.oKernel.read(), this.oBias.read());
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), numHeads: this.numHeads, maxLen: this.maxLen, k: this.k };
  }
}
tf.serialization.registerClass(LinformerAttention);
