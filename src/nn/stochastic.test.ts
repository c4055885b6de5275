import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.js';
import { BayesianLinear } from './bayesianLinear.js';
import { NoisyLinear } from './noisyLinear.js';
import { Adam } from './optimizer.js';
import { checkGradients, checkRoundTrip, randn, trainSteps } from './testHelpers.js';

beforeAll(async () => {
  await initBackend();
});

describe('NoisyLinear', () => {
  it('noise is factorised and seeded; noise=false gives the mean weights', () => {
    const a = new NoisyLinear({ units: 3, seed: 4 });
    const b = new NoisyLinear({ units: 3, seed: 4 });
    const x = randn([5, 4], 1);
    const ya = a.apply(x) as tf.Tensor;
    expect(Array.from(ya.dataSync())).toEqual(Array.from((b.apply(x) as tf.Tensor).dataSync()));
    const mean = a.apply(x, { noise: false }) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(ya, mean))).dataSync()[0]).toBeGreaterThan(1e-4);
    // eps_W = f(eps_in) f(eps_out)^T has rank 1.
    const [epsIn, epsOut] = a.nonTrainableWeights.map((w) => w.read());
    expect(epsIn.shape).toEqual([4, 1]);
    expect(epsOut.shape).toEqual([1, 3]);
    a.resetNoise();
    expect(Array.from((a.apply(x) as tf.Tensor).dataSync())).not.toEqual(Array.from(ya.dataSync()));
  });

  it('round-trips, gradient-checks, and regresses a linear map to MSE < 1e-3 (mean weights) under fresh noise each step', () => {
    const n = new NoisyLinear({ units: 2, seed: 1, sigma0: 0.5 });
    const x = randn([64, 4], 2);
    checkRoundTrip(n, x);
    checkGradients(n, tf.slice(x, [0, 0], [4, 4]));
    const y = tf.matMul(x, randn([4, 2], 3));
    const opt = new Adam({ lr: 2e-2 });
    for (let i = 0; i < 400; i++) {
      n.resetNoise();
      opt.minimize(() => tf.losses.meanSquaredError(y, n.apply(x) as tf.Tensor) as tf.Scalar, n.variables());
    }
    const mse = tf.losses.meanSquaredError(y, n.apply(x, { noise: false }) as tf.Tensor).dataSync()[0];
    expect(mse).toBeLessThan(1e-3);
    const leakBase = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      n.resetNoise();
      opt.minimize(() => tf.losses.meanSquaredError(y, n.apply(x) as tf.Tensor) as tf.Scalar, n.variables());
    }
    expect(tf.memory().numTensors).toBe(leakBase);
  });
});

describe('BayesianLinear', () => {
  it('KL matches the closed form; sampling is seeded; local reparameterisation has the right variance', () => {
    const b = new BayesianLinear({ units: 2, priorSigma: 1, initSigma: 0.5, seed: 1 });
    const x = tf.ones([20000, 1]);
    b.apply(x);
    const [muW, , muB] = b.trainableWeights.map((w) => w.read().dataSync());
    // Per weight: log(1/0.5) + (0.25 + mu^2) / 2 - 0.5.
    let kl = 0;
    for (const mu of [...muW, ...muB]) kl += Math.log(2) + (0.25 + mu * mu) / 2 - 0.5;
    expect(b.kl().dataSync()[0]).toBeCloseTo(kl, 4);
    const y = b.apply(x) as tf.Tensor;
    // Var(y) = x^2 s_W^2 + s_b^2 = 0.25 + 0.25.
    const v = tf.moments(y, 0).variance.dataSync();
    for (const vi of v) expect(vi).toBeCloseTo(0.5, 1);
    const a1 = (b.apply(x, { seed: 3 }) as tf.Tensor).dataSync();
    const a2 = (b.apply(x, { seed: 3 }) as tf.Tensor).dataSync();
    expect(Array.from(a1)).toEqual(Array.from(a2));
  });

  it('round-trips, gradient-checks (fixed noise), and trains with the ELBO to mean MSE < 0.01', () => {
    const b = new BayesianLinear({ units: 1, seed: 2, initSigma: 0.05 });
    const x = randn([128, 3], 4);
    checkRoundTrip(b, x, { seed: 7 });
    checkGradients(b, tf.slice(x, [0, 0], [4, 3]), { seed: 7 });
    const y = tf.add(tf.matMul(x, tf.tensor2d([[0.5], [-1], [0.25]])), tf.mul(randn([128, 1], 5), 0.05));
    const loss = () =>
      tf.add(tf.losses.meanSquaredError(y, b.apply(x) as tf.Tensor), tf.div(b.kl(), 128 * 100)) as tf.Scalar;
    trainSteps(loss, b.variables(), 400, 2e-2);
    const mse = tf.losses.meanSquaredError(y, b.apply(x, { sample: false }) as tf.Tensor).dataSync()[0];
    expect(mse).toBeLessThan(0.01);
  });
});
