import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NnConfigError } from '../errors/nn.js';
import { initBackend } from './backend.js';
import { Adam, AdamW, clipByGlobalNorm, globalNorm, Sgd } from './optimizer.js';
import { scheduleFactor, validateSchedule } from './schedules.js';

beforeAll(async () => {
  await initBackend();
});

describe('schedules', () => {
  it('warmup, cosine and step factors match their formulas', () => {
    expect(scheduleFactor({ kind: 'warmup', warmupSteps: 4 }, 0)).toBe(0.25);
    expect(scheduleFactor({ kind: 'warmup', warmupSteps: 4 }, 3)).toBe(1);
    expect(scheduleFactor({ kind: 'warmup', warmupSteps: 4 }, 10)).toBe(1);
    const cos = { kind: 'cosine', totalSteps: 110, warmupSteps: 10, minFactor: 0.1 } as const;
    expect(scheduleFactor(cos, 4)).toBeCloseTo(0.5, 12);
    expect(scheduleFactor(cos, 10)).toBeCloseTo(1, 12);
    expect(scheduleFactor(cos, 60)).toBeCloseTo(0.1 + 0.9 * 0.5, 12);
    expect(scheduleFactor(cos, 110)).toBeCloseTo(0.1, 12);
    expect(scheduleFactor({ kind: 'step', stepSize: 10, gamma: 0.5 }, 25)).toBe(0.25);
  });

  it('rejects bad fields by name', () => {
    expect(() => validateSchedule({ kind: 'cosine', totalSteps: 0 })).toThrow(/totalSteps/);
    expect(() => validateSchedule({ kind: 'step', stepSize: 5, gamma: 2 })).toThrow(/gamma/);
    expect(() => new Adam({ lr: -1 })).toThrow(NnConfigError);
  });
});

describe('gradient clipping by global norm', () => {
  it('scales all gradients by clip / norm when the norm exceeds clip, leaves them otherwise', () => {
    const g = [tf.tensor1d([3, 0]), tf.tensor1d([0, 4])];
    expect(globalNorm(g)).toBeCloseTo(5, 5);
    const c = clipByGlobalNorm(g, 1);
    expect(Array.from(c[0].dataSync())).toEqual([expect.closeTo(0.6, 6), 0]);
    expect(Array.from(c[1].dataSync())).toEqual([0, expect.closeTo(0.8, 6)]);
    expect(globalNorm(clipByGlobalNorm(g, 10))).toBeCloseTo(5, 5);
  });
});

describe('optimizers', () => {
  const target = () => tf.tensor1d([1, -2, 3]);

  it('Adam first step moves each weight by lr against the gradient sign (bias-corrected)', () => {
    const v = tf.variable(tf.zeros([3]));
    const opt = new Adam({ lr: 0.1 });
    const t = target();
    opt.minimize(() => tf.sum(tf.square(tf.sub(v, t))) as tf.Scalar, [v]);
    const got = v.dataSync();
    expect(got[0]).toBeCloseTo(0.1, 5);
    expect(got[1]).toBeCloseTo(-0.1, 5);
    expect(got[2]).toBeCloseTo(0.1, 5);
  });

  it('Adam, AdamW and SGD-momentum (with a cosine schedule and clipping) reach the quadratic minimum without leaks', () => {
    const t = target();
    for (const opt of [
      new Adam({ lr: 0.1, schedule: { kind: 'cosine', totalSteps: 300, warmupSteps: 10 } }),
      new AdamW({ lr: 0.1, weightDecay: 0 }),
      new Sgd({ lr: 0.05, momentum: 0.9, clipNorm: 1 }),
      new Sgd({ lr: 0.05, momentum: 0.9, nesterov: true }),
    ]) {
      const v = tf.variable(tf.zeros([3]));
      let mark = 0;
      for (let i = 0; i < 300; i++) {
        opt.minimize(() => tf.sum(tf.square(tf.sub(v, t))) as tf.Scalar, [v]);
        if (i === 2) mark = tf.memory().numTensors;
      }
      expect(tf.memory().numTensors).toBe(mark);
      const d = tf.max(tf.abs(tf.sub(v, t))).dataSync()[0];
      expect(d).toBeLessThan(1e-2);
      expect(opt.iterations).toBe(300);
      opt.dispose();
      v.dispose();
    }
  });

  it('AdamW decays weights toward zero (decoupled): with zero gradient w shrinks by (1 - lr * wd) per step', () => {
    const v = tf.variable(tf.ones([2]));
    const opt = new AdamW({ lr: 0.1, weightDecay: 0.5 });
    for (let i = 0; i < 3; i++) opt.minimize(() => tf.mul(tf.sum(v), 0) as tf.Scalar, [v]);
    expect(v.dataSync()[0]).toBeCloseTo(0.95 ** 3, 5);
  });
});
