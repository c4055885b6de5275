import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NnShapeError } from '../errors/nn.js';
import { Rng } from '../math/rng.js';
import { AssetEmbedding } from './assetEmbedding.js';
import { initBackend } from './backend.js';
import { LearnedPositionalEmbedding } from './learnedPositionalEmbedding.js';
import { Mlp } from './mlp.js';
import { SinusoidalEncoding, sinusoidTable } from './sinusoidalEncoding.js';
import { checkGradients, checkRoundTrip, randn, trainSteps } from './testHelpers.js';
import { Time2Vec } from './time2Vec.js';

beforeAll(async () => {
  await initBackend();
});

describe('SinusoidalEncoding', () => {
  it('matches the Vaswani et al. table: PE[t,0] = sin t, PE[t,1] = cos t, PE[t,2] = sin(t / 10000^(2/d))', () => {
    const pe = sinusoidTable(5, 4);
    expect(pe[3 * 4 + 0]).toBeCloseTo(Math.sin(3), 6);
    expect(pe[3 * 4 + 1]).toBeCloseTo(Math.cos(3), 6);
    expect(pe[3 * 4 + 2]).toBeCloseTo(Math.sin(3 / 100), 6);
    expect(pe[3 * 4 + 3]).toBeCloseTo(Math.cos(3 / 100), 6);
  });

  it('round-trips; an MLP reads the position t/T back from it to MSE < 1e-3', () => {
    const enc = new SinusoidalEncoding({ base: 100 });
    checkRoundTrip(enc, randn([2, 4, 8], 1));
    const T = 16;
    const zeros = tf.zeros([1, T, 8]);
    const y = tf.reshape(tf.div(tf.range(0, T), T), [1, T, 1]);
    const m = new Mlp({ units: [32, 1], activation: 'tanh', seed: 1 });
    m.apply(zeros);
    const loss = () => tf.losses.meanSquaredError(y, m.apply(enc.apply(zeros)) as tf.Tensor) as tf.Scalar;
    expect(trainSteps(loss, m.variables(), 400, 1e-2)).toBeLessThan(1e-3);
  });
});

describe('LearnedPositionalEmbedding', () => {
  it('rejects sequences longer than maxLen, round-trips, gradient-checks, learns a per-position target to MSE < 1e-4', () => {
    const pos = new LearnedPositionalEmbedding({ maxLen: 8, seed: 2 });
    expect(() => pos.apply(tf.zeros([1, 9, 4]))).toThrow(NnShapeError);
    const x = randn([2, 6, 4], 2);
    checkRoundTrip(pos, x);
    checkGradients(pos, x);
    const target = tf.add(x, randn([1, 6, 4], 3));
    const loss = () => tf.losses.meanSquaredError(target, pos.apply(x) as tf.Tensor) as tf.Scalar;
    expect(trainSteps(loss, pos.variables(), 300, 5e-2)).toBeLessThan(1e-4);
  });
});

describe('Time2Vec', () => {
  it('round-trips, gradient-checks, and fits sin(0.8 tau) on irregular timestamps to MSE < 0.01', () => {
    const rng = new Rng(5);
    const n = 64;
    const tau = new Float32Array(n);
    let t = 0;
    for (let i = 0; i < n; i++) {
      t += rng.exponential(4); // irregular gaps, mean 0.25
      tau[i] = t;
    }
    const ts = tf.tensor2d(tau, [1, n]);
    const t2v = new Time2Vec({ dim: 16, seed: 3 });
    checkRoundTrip(t2v, ts);
    checkGradients(t2v, tf.slice(ts, [0, 0], [1, 8]), {}, { tol: 3e-2 });
    expect(t2v.computeOutputShape([1, n])).toEqual([1, n, 16]);
    const head = new Mlp({ units: [1], seed: 4 });
    head.apply(tf.zeros([1, 16]));
    const y = tf.reshape(tf.sin(tf.mul(ts, 0.8)), [1, n, 1]);
    const loss = () => tf.losses.meanSquaredError(y, head.apply(t2v.apply(ts)) as tf.Tensor) as tf.Scalar;
    expect(trainSteps(loss, [...t2v.variables(), ...head.variables()], 600, 2e-2)).toBeLessThan(0.01);
  });
});

describe('AssetEmbedding', () => {
  it('rejects out-of-range ids, round-trips, gradient-checks, learns per-asset values to MSE < 1e-4', () => {
    const emb = new AssetEmbedding({ numAssets: 5, dim: 3, seed: 1 });
    expect(() => emb.apply(tf.tensor2d([[0, 5]]))).toThrow(NnShapeError);
    const ids = tf.tensor2d([
      [0, 1, 2, 3, 4],
      [4, 3, 2, 1, 0],
    ]);
    checkRoundTrip(emb, ids);
    checkGradients(emb, ids, {}, { inputGrad: false });
    const table = randn([5, 3], 9);
    const y = tf.gather(table, tf.cast(ids, 'int32'));
    const loss = () => tf.losses.meanSquaredError(y, emb.apply(ids) as tf.Tensor) as tf.Scalar;
    expect(trainSteps(loss, emb.variables(), 300, 5e-2)).toBeLessThan(1e-4);
  });
});
