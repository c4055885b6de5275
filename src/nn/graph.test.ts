import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NnShapeError } from '../errors/nn.js';
import { initBackend } from './backend.js';
import { GatLayer } from './gatLayer.js';
import { GcnLayer, normalizeAdjacency } from './graphConv.js';
import { GraphSageLayer, meanAdjacency } from './graphSage.js';
import { checkGradients, checkRoundTrip, randn, trainSteps } from './testHelpers.js';

beforeAll(async () => {
  await initBackend();
});

// Star graph 0-{1,2,3} plus a chain 3-4-5 so the graph is not symmetric in every node.
const N = 6;
const ADJ = new Float32Array(N * N);
for (const [a, b] of [
  [0, 1],
  [0, 2],
  [0, 3],
  [3, 4],
  [4, 5],
]) {
  ADJ[a * N + b] = 1;
  ADJ[b * N + a] = 1;
}

describe('normalizeAdjacency', () => {
  it('star graph 0-{1,2,3} with self-loops: A_hat[0][0] = 1/4, A_hat[i][i] = 1/2, A_hat[0][i] = 0.35355', () => {
    const star = new Float32Array(16);
    for (const i of [1, 2, 3]) {
      star[i] = 1;
      star[i * 4] = 1;
    }
    const a = normalizeAdjacency(star, 4);
    expect(a[0]).toBeCloseTo(0.25, 6);
    for (const i of [1, 2, 3]) {
      expect(a[i * 4 + i]).toBeCloseTo(0.5, 6);
      expect(a[i]).toBeCloseTo(0.35355, 5);
      expect(a[i * 4]).toBeCloseTo(0.35355, 5);
    }
    expect(a[1 * 4 + 2]).toBe(0);
  });

  it('rejects a wrong-size matrix', () => {
    expect(() => normalizeAdjacency(new Float32Array(5), 2)).toThrow(NnShapeError);
  });
});

describe('graph layers', () => {
  let x: tf.Tensor;
  let aHat: tf.Tensor;
  let mean: tf.Tensor;
  let adj: tf.Tensor;
  let wTrue: tf.Tensor;
  beforeAll(() => {
    x = randn([4, N, 3], 1);
    aHat = tf.tensor2d(normalizeAdjacency(ADJ, N), [N, N]);
    mean = tf.tensor2d(meanAdjacency(ADJ, N), [N, N]);
    adj = tf.tensor2d(ADJ, [N, N]);
    wTrue = randn([3, 2], 2);
  });

  it('GCN: shape check, round trip, gradient check, fits A_hat X W to MSE < 1e-4', () => {
    const g = new GcnLayer({ units: 2, activation: 'linear', seed: 1 });
    expect(() => g.apply([x, tf.zeros([N, N + 1])])).toThrow(NnShapeError);
    checkRoundTrip(g, [x, aHat]);
    checkGradients(g, [x, aHat]);
    const y = tf
      .matMul(tf.reshape(tf.matMul(tf.broadcastTo(aHat, [4, N, N]), x), [4 * N, 3]), wTrue)
      .reshape([4, N, 2]);
    const loss = () => tf.losses.meanSquaredError(y, g.apply([x, aHat]) as tf.Tensor) as tf.Scalar;
    expect(trainSteps(loss, g.variables(), 400, 5e-2)).toBeLessThan(1e-4);
  });

  it('GraphSAGE-mean: mean adjacency rows sum to 1, round trip, gradient check, fits neighbour means to MSE < 1e-4', () => {
    const rows = tf.sum(mean, 1).dataSync();
    for (const r of rows) expect(r).toBeCloseTo(1, 6);
    const s = new GraphSageLayer({ units: 2, activation: 'linear', seed: 2 });
    checkRoundTrip(s, [x, mean]);
    checkGradients(s, [x, mean]);
    const neigh = tf.matMul(tf.broadcastTo(mean, [4, N, N]), x);
    const y = tf.reshape(tf.matMul(tf.reshape(tf.sub(x, neigh), [4 * N, 3]), wTrue), [4, N, 2]);
    const loss = () => tf.losses.meanSquaredError(y, s.apply([x, mean]) as tf.Tensor) as tf.Scalar;
    expect(trainSteps(loss, s.variables(), 400, 5e-2)).toBeLessThan(1e-4);
  });

  it('GAT: attention only over edges, round trip, gradient check, fits neighbourhood means to MSE < 1e-3', () => {
    const g = new GatLayer({ units: 3, numHeads: 2, activation: 'linear', seed: 3 });
    checkRoundTrip(g, [x, adj]);
    checkGradients(g, [x, adj]);
    // Node 5 only sees {4, 5}: changing node 0 must not change node 5's output.
    const x2 = tf.concat([randn([4, 1, 3], 8), tf.slice(x, [0, 1, 0], [4, N - 1, 3])], 1);
    const d = tf.max(
      tf.abs(
        tf.sub(
          tf.slice(g.apply([x, adj]) as tf.Tensor, [0, 5, 0], [4, 1, 6]),
          tf.slice(g.apply([x2, adj]) as tf.Tensor, [0, 5, 0], [4, 1, 6]),
        ),
      ),
    );
    expect(d.dataSync()[0]).toBe(0);
    const selfAdj = tf.add(adj, tf.eye(N));
    const rowMean = tf.div(selfAdj, tf.sum(selfAdj, 1, true));
    const target = tf.concat(
      [tf.matMul(tf.broadcastTo(rowMean, [4, N, N]), x), tf.matMul(tf.broadcastTo(rowMean, [4, N, N]), x)],
      2,
    );
    const loss = () => tf.losses.meanSquaredError(target, g.apply([x, adj]) as tf.Tensor) as tf.Scalar;
    expect(trainSteps(loss, g.variables(), 400, 2e-2)).toBeLessThan(1e-3);
  });
});
