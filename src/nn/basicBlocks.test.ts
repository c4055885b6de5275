import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NnConfigError } from '../errors/nn.js';
import { initBackend } from './backend.js';
import { LayerNorm } from './layerNorm.js';
import { matMul2d } from './linear.js';
import { McDropout } from './mcDropout.js';
import { Mlp } from './mlp.js';
import { checkGradients, checkRoundTrip, randn, trainSteps } from './testHelpers.js';

beforeAll(async () => {
  await initBackend();
});

describe('matMul2d', () => {
  it('matches tf.matMul and its gradients', () => {
    const a = randn([5, 3], 1);
    const b = randn([3, 4], 2);
    expect(Array.from(matMul2d(a as tf.Tensor2D, b as tf.Tensor2D).dataSync())).toEqual(
      Array.from(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D).dataSync()),
    );
    const g1 = tf.grads((x, y) => tf.sum(tf.square(matMul2d(x as tf.Tensor2D, y as tf.Tensor2D))))([a, b]);
    const g2 = tf.grads((x, y) => tf.sum(tf.square(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D))))([a, b]);
    for (let i = 0; i < 2; i++) {
      const d = tf.max(tf.abs(tf.sub(g1[i], g2[i]))).dataSync()[0];
      expect(d).toBeLessThan(1e-4);
    }
  });
});

describe('Mlp', () => {
  it('rejects bad args with a typed error', () => {
    expect(() => new Mlp({ units: [] })).toThrow(NnConfigError);
    expect(() => new Mlp({ units: [4, 0] })).toThrow(/units\[1\]/);
  });

  it('round-trips its config, computes shapes, passes the gradient check', () => {
    const m = new Mlp({ units: [8, 3], activation: 'tanh', seed: 3 });
    const x = randn([4, 5, 6], 1);
    checkRoundTrip(m, x);
    expect(m.computeOutputShape([4, 5, 6])).toEqual([4, 5, 3]);
    checkGradients(m, x);
  });

  it('fits y = sin(x0) + x1^2 to MSE < 0.01 in 400 Adam steps without leaking tensors', () => {
    const x = randn([256, 2], 5);
    const xs = x.arraySync() as number[][];
    const y = tf.tensor2d(xs.map(([a, b]) => [Math.sin(a) + b * b]));
    const m = new Mlp({ units: [32, 32, 1], seed: 1 });
    m.apply(x);
    const loss = () => tf.losses.meanSquaredError(y, m.apply(x) as tf.Tensor) as tf.Scalar;
    expect(trainSteps(loss, m.variables(), 400, 1e-2)).toBeLessThan(0.01);
  });

  it('is seed-deterministic: same seed, bit-identical weights and outputs', () => {
    const x = randn([3, 4], 2);
    const a = new Mlp({ units: [5, 2], seed: 11 }).apply(x) as tf.Tensor;
    const b = new Mlp({ units: [5, 2], seed: 11 }).apply(x) as tf.Tensor;
    const c = new Mlp({ units: [5, 2], seed: 12 }).apply(x) as tf.Tensor;
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(a.dataSync())).not.toEqual(Array.from(c.dataSync()));
  });
});

describe('LayerNorm', () => {
  it('normalises the last axis (mean 0, variance 1 at init)', () => {
    const ln = new LayerNorm();
    const y = ln.apply(randn([2, 3, 16], 4, 5)) as tf.Tensor;
    const { mean, variance } = tf.moments(y, -1);
    expect(tf.max(tf.abs(mean)).dataSync()[0]).toBeLessThan(1e-5);
    expect(tf.max(tf.abs(tf.sub(variance, 1))).dataSync()[0]).toBeLessThan(1e-3);
  });

  it('round-trips, passes the gradient check, learns an affine map to MSE < 1e-4', () => {
    const ln = new LayerNorm({ epsilon: 1e-5 });
    const x = randn([4, 3, 8], 1);
    checkRoundTrip(ln, x);
    checkGradients(ln, x, {}, { tol: 3e-2 });
    const ref = new LayerNorm();
    const y = tf.add(tf.mul(ref.apply(x) as tf.Tensor, 2), 1);
    const loss = () => tf.losses.meanSquaredError(y, ln.apply(x) as tf.Tensor) as tf.Scalar;
    expect(trainSteps(loss, ln.variables(), 300, 5e-2)).toBeLessThan(1e-4);
  });
});

describe('McDropout', () => {
  it('is identity at inference, active in training, and stays active with mcDropout', () => {
    const x = tf.ones([1000]);
    const d = new McDropout({ rate: 0.5, seed: 1 });
    expect(Array.from((d.apply(x) as tf.Tensor).dataSync())).toEqual(Array.from(x.dataSync()));
    const t = (d.apply(x, { training: true }) as tf.Tensor).dataSync();
    const zeros = t.filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(400);
    expect(zeros).toBeLessThan(600);
    expect(t.every((v) => v === 0 || Math.abs(v - 2) < 1e-6)).toBe(true);
    const mc = new McDropout({ rate: 0.5, mcDropout: true, seed: 1 });
    const a = (mc.apply(x) as tf.Tensor).dataSync();
    const b = (mc.apply(x) as tf.Tensor).dataSync();
    expect(Array.from(a)).not.toEqual(Array.from(b));
    mc.resetSeed();
    expect(Array.from((mc.apply(x) as tf.Tensor).dataSync())).toEqual(Array.from(a));
  });

  it('round-trips, gradient-checks with a fixed mask, and an MLP with MC dropout trains to MSE < 0.05', () => {
    const d = new McDropout({ rate: 0.3, mcDropout: true, seed: 2 });
    const x = randn([4, 6], 3);
    checkRoundTrip(d, x, { seed: 5 });
    const m = new Mlp({ units: [16], seed: 2 });
    const head = new Mlp({ units: [1], seed: 3 });
    const xs = randn([128, 2], 6);
    const y = tf.sum(xs, 1, true);
    m.apply(xs);
    head.apply(tf.zeros([1, 16]));
    checkGradients(m, xs.slice([0, 0], [4, 2]));
    const drop = new McDropout({ rate: 0.1, mcDropout: true, seed: 4 });
    const loss = () =>
      tf.losses.meanSquaredError(
        y,
        head.apply(drop.apply(m.apply(xs), { training: true })) as tf.Tensor,
      ) as tf.Scalar;
    expect(trainSteps(loss, [...m.variables(), ...head.variables()], 300, 1e-2)).toBeLessThan(0.05);
    // MC predictions spread: two inference passes differ.
    const p1 = (head.apply(drop.apply(m.apply(xs))) as tf.Tensor).dataSync();
    const p2 = (head.apply(drop.apply(m.apply(xs))) as tf.Tensor).dataSync();
    expect(Array.from(p1)).not.toEqual(Array.from(p2));
  });
});
