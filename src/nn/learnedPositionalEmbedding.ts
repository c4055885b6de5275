import * as tf from '@tensorflow/tfjs';
import { NnShapeError } from '../errors/nn.js';
import { type CallKwargs, CwmLayer, type CwmLayerArgs, first } from './layer.js';

/** Arguments of `LearnedPositionalEmbedding`. */
export interface LearnedPositionalEmbeddingArgs extends CwmLayerArgs {
  /** Longest sequence the table covers. */
  maxLen: number;
}

/**
 * Learned absolute position embeddings (Gehring et al., 2017; Devlin et al., 2019): adds row t of a trained
 * table `[maxLen, feature]` to step t. `[batch, time, feature]` -> same shape, time <= maxLen.
 */
export class LearnedPositionalEmbedding extends CwmLayer {
  static className = 'CwmLearnedPositionalEmbedding';
  readonly maxLen: number;
  private table!: tf.LayerVariable;

  constructor(args: LearnedPositionalEmbeddingArgs) {
    super(args);
    this.maxLen = this.checkInt('maxLen', args.maxLen);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    this.checkShape('x', shape, 3);
    this.table = this.addSeededWeight('table', [this.maxLen, shape[2] as number], { normal: 0.02 });
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs = {}): tf.Tensor {
    const x = first(inputs);
    const [, t, d] = x.shape as number[];
    if (t > this.maxLen)
      throw new NnShapeError('LearnedPositionalEmbedding', 'x', `[batch, <= ${this.maxLen}, ${d}]`, x.shape);
    return tf.tidy(() =>
      tf.add(x, t === this.maxLen ? this.table.read() : tf.slice(this.table.read(), [0, 0], [t, d])),
    );
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), maxLen: this.maxLen };
  }
}
tf.serialization.registerClass(LearnedPositionalEmbedding);
