import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainingDataError } from '../errors/nn.js';
import { Rng } from '../math/rng.js';
import { initBackend } from './backend.js';
import { trainLoop, type TensorDataset } from './trainLoop.js';
import { Mlp } from './mlp.js';
import { Adam } from './optimizer.js';

beforeAll(async () => {
  await initBackend();
});

function dataset(n: number, seed: number): TensorDataset {
  const rng = new Rng(seed);
  const x = new Float32Array(n * 3);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) x[i * 3 + j] = rng.normal();
    y[i] = x[i * 3] - 2 * x[i * 3 + 1] + 0.5 * x[i * 3 + 2] + 0.05 * rng.normal();
  }
  return { x, xShape: [3], y, yShape: [1] };
}

function run(seed: number, metricsPath?: string, patience?: number) {
  const m = new Mlp({ units: [16, 1], activation: 'linear', seed: 1 });
  m.apply(tf.zeros([1, 3]));
  const progress: number[] = [];
  const res = trainLoop({
    loss: (x, y) => tf.losses.meanSquaredError(y, m.apply(x) as tf.Tensor) as tf.Scalar,
    variables: m.variables(),
    optimizer: new Adam({ lr: 3e-2, schedule: { kind: 'cosine', totalSteps: 140 } }),
    train: dataset(200, 1),
    val: dataset(100, 2),
    epochs: 20,
    batchSize: 32,
    seed,
    patience,
    metricsPath,
    onProgress: (p) => progress.push(p.step),
  });
  const w = m.variables().map((v) => Array.from(v.dataSync()));
  return { res, w, progress };
}

describe('trainLoop', () => {
  it('trains a linear target to validation MSE < 0.01, logs JSONL per epoch, reports progress', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwm-fit-'));
    const path = join(dir, 'metrics.jsonl');
    const { res, progress } = run(7, path);
    expect(res.bestValLoss).toBeLessThan(0.01);
    const lines = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(res.history.length);
    expect(lines[0]).toMatchObject({ epoch: 0, steps: 7 });
    expect(progress.length).toBe(7 * res.history.length);
  });

  it('same seed gives bit-identical weights; another shuffle seed differs', () => {
    const a = run(3);
    const b = run(3);
    const c = run(4);
    expect(b.w).toEqual(a.w);
    expect(c.w).not.toEqual(a.w);
  });

  it('stops early when validation stops improving and restores the best weights', () => {
    const m = new Mlp({ units: [1], seed: 2 });
    m.apply(tf.zeros([1, 3]));
    const train = dataset(64, 5);
    // Validation targets unrelated to train: validation loss rises as training fits train.
    const val = { ...dataset(64, 6), y: new Float32Array(64).fill(5) };
    const res = trainLoop({
      loss: (x, y) => tf.losses.meanSquaredError(y, m.apply(x) as tf.Tensor) as tf.Scalar,
      variables: m.variables(),
      optimizer: new Adam({ lr: 1e-2 }),
      train,
      val,
      epochs: 50,
      batchSize: 16,
      seed: 1,
      patience: 3,
    });
    expect(res.stoppedEarly).toBe(true);
    expect(res.history.length).toBe(res.bestEpoch + 4);
    const vals = res.history.map((h) => h.valLoss as number);
    expect(res.bestValLoss).toBe(Math.min(...vals));
  });

  it('rejects inconsistent data with a typed error', () => {
    const m = new Mlp({ units: [1] });
    m.apply(tf.zeros([1, 3]));
    const bad = { x: new Float32Array(10), xShape: [3], y: new Float32Array(3), yShape: [1] };
    expect(() =>
      trainLoop({
        loss: () => tf.scalar(0),
        variables: m.variables(),
        optimizer: new Adam({ lr: 1 }),
        train: bad,
        epochs: 1,
        batchSize: 2,
        seed: 0,
      }),
    ).toThrow(TrainingDataError);
  });
});
