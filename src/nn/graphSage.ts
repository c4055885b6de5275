import * as tf from '@tensorflow/tfjs';
import { NnShapeError } from '../errors/nn.js';
import { GraphLayer, propagate } from './graphConv.js';
import type { CallKwargs } from './layer.js';
import { activate, dense } from './linear.js';

/**
 * Row-normalised adjacency for mean aggregation: `M[i][j] = A[i][j] / deg(i)` without self-loops
 * (rows of isolated nodes stay 0).
 */
export function meanAdjacency(adj: ArrayLike<number>, n: number): Float32Array {
  if (adj.length !== n * n)
    throw new NnShapeError('meanAdjacency', 'adj', `${n} x ${n} entries`, [adj.length]);
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    let deg = 0;
    for (let j = 0; j < n; j++) if (j !== i) deg += adj[i * n + j];
    if (deg > 0) for (let j = 0; j < n; j++) if (j !== i) out[i * n + j] = adj[i * n + j] / deg;
  }
  return out;
}

/**
 * GraphSAGE with the mean aggregator (Hamilton, Ying and Leskovec, 2017, NeurIPS, Algorithm 1):
 * `h_i' = act(W_self h_i + W_neigh mean_{j in N(i)} h_j + b)`.
 * Inputs `[x, meanAdj]` with meanAdj from `meanAdjacency`; output `[batch, nodes, units]`.
 */
export class GraphSageLayer extends GraphLayer {
  static className = 'CwmGraphSageLayer';
  private selfKernel!: tf.LayerVariable;
  private neighKernel!: tf.LayerVariable;
  private bias!: tf.LayerVariable;

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const [xs] = inputShape as tf.Shape[];
    this.checkShape('x', xs, 3);
    const f = xs[2] as number;
    this.selfKernel = this.addSeededWeight('selfKernel', [f, this.units], 'glorotUniform');
    this.neighKernel = this.addSeededWeight('neighKernel', [f, this.units], 'glorotUniform');
    this.bias = this.addSeededWeight('bias', [this.units], 'zeros');
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs = {}): tf.Tensor {
    const [x, adj] = this.graphInputs('GraphSageLayer', inputs);
    return tf.tidy(() => {
      const self = dense(x, this.selfKernel.read());
      const neigh = dense(propagate(adj, x), this.neighKernel.read());
      return activate(tf.add(tf.add(self, neigh), this.bias.read()), this.activation);
    });
  }
}
tf.serialization.registerClass(GraphSageLayer);
