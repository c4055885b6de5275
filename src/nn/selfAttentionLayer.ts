import * as tf from '@tensorflow/tfjs';
import { NnConfigError } from '../errors/nn.js';
import { mergeHeads, splitHeads } from './attentionCore.js';
import { CwmLayer } from './layer.js';
import { dense } from './linear.js';

/**
 * Base of the efficient self-attention layers (Linformer, Performer): the input, query/key/value and output
 * projections of multi-head attention (Vaswani et al., 2017) without q/kv biases, as weights `qKernel`
 * `[d, d]`, `kvKernel` `[d, 2d]`, `oKernel` `[d, d]`, `oBias` `[d]`. Subclasses supply the attention itself.
 */
export abstract class SelfAttentionLayer extends CwmLayer {
  abstract readonly numHeads: number;
  private qKernel!: tf.LayerVariable;
  private kvKernel!: tf.LayerVariable;
  private oKernel!: tf.LayerVariable;
  private oBias!: tf.LayerVariable;

  /**
   * Checks `[batch, time, feature]` with feature divisible by `numHeads` (errors name `layerName`), adds the
   * projection weights and returns the width d.
   */
  protected buildProjections(layerName: string, inputShape: tf.Shape | tf.Shape[]): number {
    const shape = inputShape as tf.Shape;
    this.checkShape('x', shape, 3);
    const d = shape[2] as number;
    if (d % this.numHeads !== 0)
      throw new NnConfigError(layerName, 'numHeads', `${this.numHeads} does not divide width ${d}`);
    this.qKernel = this.addSeededWeight('qKernel', [d, d], 'glorotUniform');
    this.kvKernel = this.addSeededWeight('kvKernel', [d, 2 * d], 'glorotUniform');
    this.oKernel = this.addSeededWeight('oKernel', [d, d], 'glorotUniform');
    this.oBias = this.addSeededWeight('oBias', [d], 'zeros');
    return d;
  }

  /** `[batch, time, d]` -> queries split into heads `[batch * heads, time, d / heads]`, keys and values `[batch, time, d]`. */
  protected projectQkv(x: tf.Tensor): [q: tf.Tensor3D, k: tf.Tensor, v: tf.Tensor] {
    const q = splitHeads(dense(x, this.qKernel.read()), this.numHeads);
    const [k, v] = tf.split(dense(x, this.kvKernel.read()), 2, 2) as [tf.Tensor, tf.Tensor];
    return [q, k, v];
  }

  /** Per-head outputs `[batch * heads, time, d / heads]` -> merged and projected `[batch, time, d]`. */
  protected projectOutput(o: tf.Tensor, batch: number): tf.Tensor {
    return dense(mergeHeads(o, batch, this.numHeads), this.oKernel.read(), this.oBias.read());
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }
}
