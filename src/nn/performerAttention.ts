import * as tf from '@tensorflow/tfjs';
import { Rng } from '../math/rng.js';
import { splitHeads } from './attentionCore.js';
import { favorFeatures, orthogonalGaussian } from './favor.js';
import { type CallKwargs, type CwmLayerArgs, first } from './layer.js';
import { prefixSumTime } from './linear.js';
import { SelfAttentionLayer } from './selfAttentionLayer.js';

/** Arguments of `PerformerAttention`. */
export interface PerformerAttentionArgs extends CwmLayerArgs {
  numHeads: number;
  /** Random features m per head. Default 64. */
  numFeatures?: number;
  /** Redraw the random projection every this many training calls (0 = never). Default 100. */
  redrawEvery?: number;
  causal?: boolean;
}

/**
 * Performer self-attention with FAVOR+ (Choromanski et al., 2021, ICLR, arXiv:2009.14794): the softmax
 * kernel `exp(q . k / sqrt(d))` is replaced by positive orthogonal random features `phi(q) . phi(k)`, so
 * attention costs O(time * m * d) instead of O(time^2 * d). Causal mode uses prefix sums over time.
 * The projection is a non-trainable weight redrawn from a seeded stream every `redrawEvery` training calls.
 * `[batch, time, feature]` -> same shape.
 */
export class PerformerAttention extends SelfAttentionLayer {
  static className = 'CwmPerformerAttention';
  readonly numHeads: number;
  readonly numFeatures: number;
  readonly redrawEvery: number;
  readonly causal: boolean;
  private proj!: tf.LayerVariable;
  private rng: Rng;
  private calls = 0;
  private headDim = 0;

  constructor(args: PerformerAttentionArgs) {
    super(args);
    this.numHeads = this.checkInt('numHeads', args.numHeads);
    this.numFeatures = this.checkInt('numFeatures', args.numFeatures ?? 64);
    this.redrawEvery = this.checkInt('redrawEvery', args.redrawEvery ?? 100, 0);
    this.causal = args.causal ?? false;
    this.rng = new Rng(this.seed).fork('favor');
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const d = this.buildProjections('PerformerAttention', inputShape);
    this.headDim = d / this.numHeads;
    this.proj = this.addSeededWeight('proj', [this.numFeatures, this.headDim], 'zeros', false);
    this.redraw();
  }

  /** Draws a fresh orthogonal random projection (next draw of the seeded stream). */
  redraw(): void {
    const w = orthogonalGaussian(this.numFeatures, this.headDim, this.rng);
    const t = tf.tensor2d(w, [this.numFeatures, this.headDim]);
    this.proj.write(t);
    t.dispose();
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: CallKwargs = {}): tf.Tensor {
    if (kwargs.training && this.redrawEvery > 0 && this.calls > 0 && this.calls % this.redrawEvery === 0)
      this.redraw();
    if (kwargs.training) this.calls++;
    const x = first(inputs);
    const [b, t, d] = x.shape as number[];
    return tf.tidy(() => {
      const h = this.numHeads;
      const scale = this.headDim ** -0.25;
      const [qx, kx, vx] = this.projectQkv(x);
      const q = tf.mul(qx, scale);
      const k = tf.mul(splitHeads(kx, h), scale);
      const v = splitHeads(vx, h);
      const w = this.proj.read();
      const pq = favorFeatures(q, w, 'row');
      const pk = favorFeatures(k, w, 'global');
      let o: tf.Tensor;
      if (!this.causal) {
        const kv = tf.matMul(pk, v, true, false);
        const num = tf.matMul(pq, kv);
        const den = tf.matMul(pq, tf.sum(pk, 1, true), false, true);
        o = tf.div(num, tf.add(den, 1e-6));
      } else {
        const [bh, , m] = pk.shape as number[];
        const dh = this.headDim;
        const outer = tf.reshape(tf.mul(tf.expandDims(pk, 3), tf.expandDims(v, 2)), [bh, t, m * dh]);
        const kvc = tf.reshape(prefixSumTime(outer), [bh, t, m, dh]);
        const num = tf.sum(tf.mul(tf.expandDims(pq, 3), kvc), 2);
        const den = tf.sum(tf.mul(pq, prefixSumTime(pk)), 2, true);
        o = tf.div(num, tf.add(den, 1e-6));
      }
      return this.projectOutput(o, b).reshape([b, t, d]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      numFeatures: this.numFeatures,
      redrawEvery: this.redrawEvery,
      causal: this.causal,
    };
  }
}
tf.serialization.registerClass(PerformerAttention);
