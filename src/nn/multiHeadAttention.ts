import * as tf from '@tensorflow/tfjs';
import { NnConfigError, NnShapeError } from '../errors/nn.js';
import {
  mergeHeads,
  paddingBias,
  scaledDotAttention,
  splitHeads,
  useFusedAttention,
} from './attentionCore.js';
import { fusedSelfAttention } from './fusedAttention.js';
import { type CallKwargs, CwmLayer, type CwmLayerArgs } from './layer.js';
import { dense } from './linear.js';

/** Arguments of `MultiHeadAttention`. */
export interface MultiHeadAttentionArgs extends CwmLayerArgs {
  /** Number of heads; must divide the model width. */
  numHeads: number;
  /** Mask keys after the query position (autoregressive). Default false. */
  causal?: boolean;
}

/** Keyword arguments of `MultiHeadAttention.call`. */
export interface AttentionKwargs extends CallKwargs {
  /** `[batch, keyTime]`, 1 for real positions and 0 for padding; padded keys get no attention. */
  paddingMask?: tf.Tensor;
}

/**
 * Multi-head attention (Vaswani et al., 2017, "Attention is all you need") with causal and padding masks.
 *
 * Input: `x` `[batch, time, feature]` (self-attention) or `[query, context]` with context
 * `[batch, keyTime, feature]` (cross-attention). Output `[batch, time, feature]`. Projections are
 * plain 2-D products (fast on wasm); heads are split with one 4-D transpose.
 */
export class MultiHeadAttention extends CwmLayer {
  static className = 'CwmMultiHeadAttention';
  readonly numHeads: number;
  readonly causal: boolean;
  private qKernel!: tf.LayerVariable;
  private qBias!: tf.LayerVariable;
  private kvKernel!: tf.LayerVariable;
  private kvBias!: tf.LayerVariable;
  private oKernel!: tf.LayerVariable;
  private oBias!: tf.LayerVariable;

  constructor(args: MultiHeadAttentionArgs) {
    super(args);
    this.numHeads = this.checkInt('numHeads', args.numHeads);
    this.causal = args.causal ?? false;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    this.checkShape('x', shape, 3);
    const d = shape[2] as number;
    if (d % this.numHeads !== 0)
      throw new NnConfigError(
        'MultiHeadAttention',
        'numHeads',
        `${this.numHeads} does not divide width ${d}`,
      );
    this.qKernel = this.addSeededWeight('qKernel', [d, d], 'glorotUniform');
    this.qBias = this.addSeededWeight('qBias', [d], 'zeros');
    this.kvKernel = this.addSeededWeight('kvKernel', [d, 2 * d], 'glorotUniform');
    this.kvBias = this.addSeededWeight('kvBias', [2 * d], 'zeros');
    this.oKernel = this.addSeededWeight('oKernel', [d, d], 'glorotUniform');
    this.oBias = this.addSeededWeight('oBias', [d], 'zeros');
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: AttentionKwargs = {}): tf.Tensor {
    const xq = Array.isArray(inputs) ? inputs[0] : inputs;
    const xc = Array.isArray(inputs) && inputs.length > 1 ? inputs[1] : xq;
    const [b, , d] = xq.shape as number[];
    const s = xc.shape[1] as number;
    if (xc.rank !== 3 || xc.shape[0] !== b || xc.shape[2] !== d)
      throw new NnShapeError('MultiHeadAttention', 'context', `[${b}, keyTime, ${d}]`, xc.shape);
    return tf.tidy(() => {
      const h = this.numHeads;
      const dh = d / h;
      let q: tf.Tensor3D;
      let kvh: tf.Tensor;
      if (xc === xq) {
        // Self-attention: one product with [qKernel | kvKernel]; the fused kernels read q, k, v in place.
        const w = tf.concat([this.qKernel.read(), this.kvKernel.read()], 1);
        const bias = tf.concat([this.qBias.read(), this.kvBias.read()], 0);
        const packed = dense(xq, w, bias) as tf.Tensor3D;
        if (!kwargs.paddingMask && useFusedAttention()) {
          const o = fusedSelfAttention(packed, h, this.causal);
          if (o) return dense(o, this.oKernel.read(), this.oBias.read());
        }
        const qkv = tf.transpose(tf.reshape(packed, [b, s, 3 * h, dh]), [0, 2, 1, 3]);
        q = tf.reshape(tf.slice(qkv, [0, 0, 0, 0], [b, h, s, dh]), [b * h, s, dh]) as tf.Tensor3D;
        kvh = tf.slice(qkv, [0, h, 0, 0], [b, 2 * h, s, dh]);
      } else {
        q = splitHeads(dense(xq, this.qKernel.read(), this.qBias.read()), h);
        const kv = dense(xc, this.kvKernel.read(), this.kvBias.read());
        kvh = tf.transpose(tf.reshape(kv, [b, s, 2 * h, dh]), [0, 2, 1, 3]);
      }
      const k = tf.reshape(tf.slice(kvh, [0, 0, 0, 0], [b, h, s, dh]), [b * h, s, dh]) as tf.Tensor3D;
      const v = tf.reshape(tf.slice(kvh, [0, h, 0, 0], [b, h, s, dh]), [b * h, s, dh]) as tf.Tensor3D;
      let pad: tf.Tensor | undefined;
      if (kwargs.paddingMask) {
        const pm = kwargs.paddingMask;
        if (pm.rank !== 2 || pm.shape[0] !== b || pm.shape[1] !== s)
          throw new NnShapeError('MultiHeadAttention', 'paddingMask', `[${b}, ${s}]`, pm.shape);
        pad = paddingBias(pm);
      }
      const o = mergeHeads(scaledDotAttention(q, k, v, b, this.causal, pad), b, h);
      return dense(o, this.oKernel.read(), this.oBias.read());
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), numHeads: this.numHeads, causal: this.causal };
  }
}
tf.serialization.registerClass(MultiHeadAttention);
