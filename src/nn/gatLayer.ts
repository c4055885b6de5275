import * as tf from '@tensorflow/tfjs';
import { MASK_LOGIT, mergeHeads } from './attentionCore.js';
import { checkAdj } from './graphConv.js';
import { type CallKwargs, CwmLayer, type CwmLayerArgs } from './layer.js';
import { type Activation, activate, dense } from './linear.js';

/** Arguments of `GatLayer`. */
export interface GatLayerArgs extends CwmLayerArgs {
  /** Output width per head. */
  units: number;
  /** Attention heads, concatenated. Default 1. */
  numHeads?: number;
  /** Default `elu` (as in the paper). */
  activation?: Activation;
  /** LeakyReLU slope of the attention logits. Default 0.2. */
  negativeSlope?: number;
}

/**
 * Graph attention (Velickovic et al., 2018, ICLR): `e_ij = LeakyReLU(a^T [W h_i || W h_j])` over edges
 * (with self-loops), `alpha = softmax_j(e_ij)`, `h_i' = act(sum_j alpha_ij W h_j)`, heads concatenated.
 * Inputs `[x, adj]`: x `[batch, nodes, feature]`, adj `[nodes, nodes]` 0/1 (self-loops are added).
 * Output `[batch, nodes, numHeads * units]`.
 */
export class GatLayer extends CwmLayer {
  static className = 'CwmGatLayer';
  readonly units: number;
  readonly numHeads: number;
  readonly activation: Activation;
  readonly negativeSlope: number;
  private kernel!: tf.LayerVariable;
  private attnSrc!: tf.LayerVariable;
  private attnDst!: tf.LayerVariable;

  constructor(args: GatLayerArgs) {
    super(args);
    this.units = this.checkInt('units', args.units);
    this.numHeads = this.checkInt('numHeads', args.numHeads ?? 1);
    this.activation = args.activation ?? 'elu';
    this.negativeSlope = this.checkRange('negativeSlope', args.negativeSlope ?? 0.2, 0, 1, true);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const [xs] = inputShape as tf.Shape[];
    this.checkShape('x', xs, 3);
    const hu = this.numHeads * this.units;
    this.kernel = this.addSeededWeight('kernel', [xs[2] as number, hu], 'glorotUniform');
    this.attnSrc = this.addSeededWeight('attnSrc', [this.numHeads, this.units], 'glorotUniform');
    this.attnDst = this.addSeededWeight('attnDst', [this.numHeads, this.units], 'glorotUniform');
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs = {}): tf.Tensor {
    const [x, adj] = inputs as tf.Tensor[];
    checkAdj('GatLayer', x, adj);
    const [b, n] = x.shape as number[];
    const h = this.numHeads;
    const u = this.units;
    return tf.tidy(() => {
      const wh = tf.transpose(tf.reshape(dense(x, this.kernel.read()), [b, n, h, u]), [0, 2, 1, 3]);
      const src = tf.sum(tf.mul(wh, tf.reshape(this.attnSrc.read(), [1, h, 1, u])), -1, true);
      const dst = tf.sum(tf.mul(wh, tf.reshape(this.attnDst.read(), [1, h, 1, u])), -1, true);
      const e = tf.leakyRelu(tf.add(src, tf.transpose(dst, [0, 1, 3, 2])), this.negativeSlope);
      const edge = tf.greater(tf.add(adj, tf.eye(n)), 0);
      const masked = tf.add(e, tf.mul(tf.sub(1, tf.cast(edge, 'float32')), MASK_LOGIT));
      const alpha = tf.softmax(masked);
      const out = tf.matMul(tf.reshape(alpha, [b * h, n, n]), tf.reshape(wh, [b * h, n, u]));
      return activate(mergeHeads(out, b, h), this.activation);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [xs] = inputShape as tf.Shape[];
    return [xs[0], xs[1], this.numHeads * this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      numHeads: this.numHeads,
      activation: this.activation,
      negativeSlope: this.negativeSlope,
    };
  }
}
tf.serialization.registerClass(GatLayer);
