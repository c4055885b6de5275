import * as tf from '@tensorflow/tfjs';
import { NnShapeError } from '../errors/nn.js';
import { type CallKwargs, CwmLayer, type CwmLayerArgs, first } from './layer.js';
import { matMul2d } from './linear.js';

/** Arguments of `AssetEmbedding`. */
export interface AssetEmbeddingArgs extends CwmLayerArgs {
  /** Number of distinct assets (ids 0..numAssets-1). */
  numAssets: number;
  /** Embedding width. */
  dim: number;
}

/**
 * Asset-identity embeddings for cross-asset attention: a trained vector per asset id, added to (or
 * concatenated with) that asset's features so attention can tell assets apart (like segment embeddings in
 * Devlin et al., 2019). Input `[batch, assets]` integer ids, output `[batch, assets, dim]`.
 * Lookup is a one-hot product so its gradient runs on every backend.
 */
export class AssetEmbedding extends CwmLayer {
  static className = 'CwmAssetEmbedding';
  readonly numAssets: number;
  readonly dim: number;
  private table!: tf.LayerVariable;

  constructor(args: AssetEmbeddingArgs) {
    super(args);
    this.numAssets = this.checkInt('numAssets', args.numAssets);
    this.dim = this.checkInt('dim', args.dim);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    this.checkShape('ids', inputShape as tf.Shape, 2);
    this.table = this.addSeededWeight('table', [this.numAssets, this.dim], { normal: 0.02 });
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs = {}): tf.Tensor {
    const ids = first(inputs);
    const [b, a] = ids.shape as number[];
    const v = ids.dataSync();
    for (let i = 0; i < v.length; i++)
      if (!(Number.isInteger(v[i]) && v[i] >= 0 && v[i] < this.numAssets))
        throw new NnShapeError(
          'AssetEmbedding',
          `ids[${i}]=${v[i]}`,
          `ids in [0, ${this.numAssets})`,
          ids.shape,
        );
    return tf.tidy(() => {
      const oh = tf.oneHot(tf.cast(tf.reshape(ids, [-1]), 'int32'), this.numAssets) as tf.Tensor2D;
      return tf.reshape(matMul2d(tf.cast(oh, 'float32') as tf.Tensor2D, this.table.read() as tf.Tensor2D), [
        b,
        a,
        this.dim,
      ]);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return [...(inputShape as tf.Shape), this.dim];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), numAssets: this.numAssets, dim: this.dim };
  }
}
tf.serialization.registerClass(AssetEmbedding);
