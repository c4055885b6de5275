import * as tf from '@tensorflow/tfjs';
import { type CallKwargs, CwmLayer, type CwmLayerArgs } from './layer.js';
import { LayerNorm } from './layerNorm.js';
import type { Activation } from './linear.js';
import { McDropout } from './mcDropout.js';
import { Mlp } from './mlp.js';
import { type AttentionKwargs, MultiHeadAttention } from './multiHeadAttention.js';

/** Arguments of `TransformerBlock`. */
export interface TransformerBlockArgs extends CwmLayerArgs {
  numHeads: number;
  /** Hidden width of the feed-forward part. */
  ffDim: number;
  /** Dropout rate after attention and feed-forward. Default 0. */
  dropout?: number;
  /** Keep dropout at inference (MC dropout). Default false. */
  mcDropout?: boolean;
  causal?: boolean;
  /** Feed-forward activation. Default `gelu`. */
  activation?: Activation;
}

/**
 * Pre-norm transformer encoder block (Xiong et al., 2020, "On layer normalization in the transformer
 * architecture"): `h = x + Drop(MHA(LN(x)))`, `y = h + Drop(FF(LN(h)))`.
 * `[batch, time, feature]` -> `[batch, time, feature]`. Accepts `paddingMask` like `MultiHeadAttention`.
 */
export class TransformerBlock extends CwmLayer {
  static className = 'CwmTransformerBlock';
  readonly numHeads: number;
  readonly ffDim: number;
  readonly dropout: number;
  readonly mcDropout: boolean;
  readonly causal: boolean;
  readonly activation: Activation;
  private norm1: LayerNorm;
  private norm2: LayerNorm;
  private attn: MultiHeadAttention;
  private ff!: Mlp;
  private drop1: McDropout;
  private drop2: McDropout;

  constructor(args: TransformerBlockArgs) {
    super(args);
    this.numHeads = this.checkInt('numHeads', args.numHeads);
    this.ffDim = this.checkInt('ffDim', args.ffDim);
    this.dropout = this.checkRange('dropout', args.dropout ?? 0, 0, 1);
    this.mcDropout = args.mcDropout ?? false;
    this.causal = args.causal ?? false;
    this.activation = args.activation ?? 'gelu';
    const s = this.seed;
    this.norm1 = this.track('norm1', new LayerNorm({ seed: s }));
    this.norm2 = this.track('norm2', new LayerNorm({ seed: s }));
    this.attn = this.track(
      'attn',
      new MultiHeadAttention({ numHeads: this.numHeads, causal: this.causal, seed: s + 1 }),
    );
    this.drop1 = this.track(
      'drop1',
      new McDropout({ rate: this.dropout, mcDropout: this.mcDropout, seed: s + 2 }),
    );
    this.drop2 = this.track(
      'drop2',
      new McDropout({ rate: this.dropout, mcDropout: this.mcDropout, seed: s + 3 }),
    );
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    this.checkShape('x', shape, 3);
    const d = shape[2] as number;
    this.ff = this.track(
      'ff',
      new Mlp({ units: [this.ffDim, d], activation: this.activation, seed: this.seed + 4 }),
    );
    for (const l of [this.norm1, this.norm2, this.attn, this.ff]) this.buildChild(l, shape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: AttentionKwargs = {}): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const k: CallKwargs = { training: kwargs.training };
      const a = this.attn.call(this.norm1.call(x, k), kwargs);
      const h = tf.add(x, this.drop1.call(a, k));
      return tf.add(h, this.drop2.call(this.ff.call(this.norm2.call(h, k), k), k));
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      ffDim: this.ffDim,
      dropout: this.dropout,
      mcDropout: this.mcDropout,
      causal: this.causal,
      activation: this.activation,
    };
  }
}
tf.serialization.registerClass(TransformerBlock);
