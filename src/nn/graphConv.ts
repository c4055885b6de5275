import * as tf from '@tensorflow/tfjs';
import { NnShapeError } from '../errors/nn.js';
import { type CallKwargs, CwmLayer, type CwmLayerArgs } from './layer.js';
import { type Activation, activate, dense, matMul2d } from './linear.js';

/**
 * Symmetric GCN normalisation `A_hat = D^-1/2 (A + I) D^-1/2` with D the degree matrix of `A + I`
 * (Kipf and Welling, 2017, eq. 2). `adj` is a dense row-major `[n, n]` 0/1 (or weighted) matrix.
 * @param selfLoops add I first (default true)
 */
export function normalizeAdjacency(adj: ArrayLike<number>, n: number, selfLoops = true): Float32Array {
  if (adj.length !== n * n)
    throw new NnShapeError('normalizeAdjacency', 'adj', `${n} x ${n} entries`, [adj.length]);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) a[i] = adj[i];
  if (selfLoops) for (let i = 0; i < n; i++) a[i * n + i] += 1;
  const dinv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let deg = 0;
    for (let j = 0; j < n; j++) deg += a[i * n + j];
    dinv[i] = deg > 0 ? 1 / Math.sqrt(deg) : 0;
  }
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = dinv[i] * a[i * n + j] * dinv[j];
  return out;
}

/**
 * Multiplies every graph in the batch by one `[nodes, nodes]` matrix: `[batch, nodes, f]` -> same shape,
 * as a single 2-D product on the node axis.
 */
export function propagate(adj: tf.Tensor, h: tf.Tensor): tf.Tensor {
  const [b, n, f] = h.shape as number[];
  const hn = tf.reshape(tf.transpose(h, [1, 0, 2]), [n, b * f]);
  return tf.transpose(tf.reshape(matMul2d(adj as tf.Tensor2D, hn as tf.Tensor2D), [n, b, f]), [1, 0, 2]);
}

/** Arguments of `GcnLayer` and `GraphSageLayer`. */
export interface GraphLayerArgs extends CwmLayerArgs {
  units: number;
  /** Default `relu`. */
  activation?: Activation;
}

/**
 * Base of the message-passing layers with inputs `[x, adjacency]` (x `[batch, nodes, feature]`, adjacency
 * `[nodes, nodes]`) and output `[batch, nodes, units]`: `GcnLayer`, `GraphSageLayer`.
 */
export abstract class GraphLayer extends CwmLayer {
  readonly units: number;
  readonly activation: Activation;

  constructor(args: GraphLayerArgs) {
    super(args);
    this.units = this.checkInt('units', args.units);
    this.activation = args.activation ?? 'relu';
  }

  /** Splits `[x, adjacency]` and checks their shapes (errors name `block`). */
  protected graphInputs(block: string, inputs: tf.Tensor | tf.Tensor[]): [x: tf.Tensor, adj: tf.Tensor] {
    const [x, adj] = inputs as tf.Tensor[];
    checkAdj(block, x, adj);
    return [x, adj];
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [xs] = inputShape as tf.Shape[];
    return [xs[0], xs[1], this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, activation: this.activation };
  }
}

/**
 * Graph convolution (Kipf and Welling, 2017, ICLR): `H' = act(A_hat H W + b)`.
 * Inputs `[x, aHat]`: x `[batch, nodes, feature]`, aHat `[nodes, nodes]` from `normalizeAdjacency`.
 * Output `[batch, nodes, units]`.
 */
export class GcnLayer extends GraphLayer {
  static className = 'CwmGcnLayer';
  private kernel!: tf.LayerVariable;
  private bias!: tf.LayerVariable;

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const [xs] = inputShape as tf.Shape[];
    this.checkShape('x', xs, 3);
    this.kernel = this.addSeededWeight('kernel', [xs[2] as number, this.units], 'glorotUniform');
    this.bias = this.addSeededWeight('bias', [this.units], 'zeros');
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs = {}): tf.Tensor {
    const [x, adj] = this.graphInputs('GcnLayer', inputs);
    return tf.tidy(() =>
      activate(tf.add(propagate(adj, dense(x, this.kernel.read())), this.bias.read()), this.activation),
    );
  }
}
tf.serialization.registerClass(GcnLayer);

/** Throws NnShapeError unless `adj` is `[nodes, nodes]` for `x` `[batch, nodes, f]`. */
export function checkAdj(block: string, x: tf.Tensor, adj: tf.Tensor | undefined): void {
  if (x.rank !== 3) throw new NnShapeError(block, 'x', '[batch, nodes, feature]', x.shape);
  const n = x.shape[1];
  if (adj?.rank !== 2 || adj.shape[0] !== n || adj.shape[1] !== n)
    throw new NnShapeError(block, 'adjacency', `[${n}, ${n}]`, adj?.shape ?? []);
}
