import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { NnConfigError, TrainingDataError } from '../errors/nn.js';
import { Rng } from '../math/rng.js';
import type { Optimizer } from './optimizer.js';

/** Samples stored row-major in typed arrays: `x` is `[n, ...xShape]`, `y` is `[n, ...yShape]`. */
export interface TensorDataset {
  x: Float32Array;
  xShape: number[];
  y: Float32Array;
  yShape: number[];
}

/** Progress report after each step (hook a CLI progress bar here). */
export interface TrainLoopProgress {
  epoch: number;
  step: number;
  totalSteps: number;
  loss: number;
}

/** One epoch's figures, also written as a JSONL line to `metricsPath`. */
export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  valLoss: number | null;
  lr: number;
  steps: number;
}

/** Arguments of `trainLoop`. */
export interface TrainLoopArgs {
  /** Scalar loss of a batch; `training` is true for gradient steps and false for validation. */
  loss: (x: tf.Tensor, y: tf.Tensor, training: boolean) => tf.Scalar;
  /** Variables to train (e.g. `block.variables()` after the block is built). */
  variables: tf.Variable[];
  optimizer: Optimizer;
  train: TensorDataset;
  val?: TensorDataset;
  epochs: number;
  batchSize: number;
  /** Seed of the per-epoch shuffles. */
  seed: number;
  /** Stop after this many epochs without a validation improvement (needs `val`). Default: never. */
  patience?: number;
  /** Smallest decrease that counts as an improvement. Default 0. */
  minDelta?: number;
  /** Restore the weights of the best validation epoch at the end. Default true (with `val`). */
  restoreBest?: boolean;
  /** Append one JSON line per epoch here (file is truncated first). */
  metricsPath?: string;
  onProgress?: (p: TrainLoopProgress) => void;
}

/** What `trainLoop` did. */
export interface TrainLoopResult {
  history: EpochMetrics[];
  bestEpoch: number;
  bestValLoss: number | null;
  stoppedEarly: boolean;
}

function countOf(ds: TensorDataset, name: string): number {
  const xs = ds.xShape.reduce((a, b) => a * b, 1);
  const ys = ds.yShape.reduce((a, b) => a * b, 1);
  const n = ds.x.length / xs;
  if (!Number.isInteger(n) || n < 1)
    throw new TrainingDataError(`${name}.x: length ${ds.x.length} is not a multiple of sample size ${xs}`);
  if (ds.y.length !== n * ys)
    throw new TrainingDataError(`${name}.y: length ${ds.y.length}, expected ${n} samples x ${ys}`);
  return n;
}

/** Copies rows `idx[from..to)` of `src` (rows of `size`) into `dst` and returns the filled view. */
function gather(
  src: Float32Array,
  size: number,
  idx: Int32Array,
  from: number,
  to: number,
  dst: Float32Array,
): Float32Array {
  for (let i = from; i < to; i++) {
    const r = idx[i];
    dst.set(src.subarray(r * size, (r + 1) * size), (i - from) * size);
  }
  return dst.subarray(0, (to - from) * size);
}

/** Mean loss over a dataset in batches (no gradients). */
export function evaluateLoss(loss: TrainLoopArgs['loss'], ds: TensorDataset, batchSize: number): number {
  const n = countOf(ds, 'dataset');
  const xs = ds.xShape.reduce((a, b) => a * b, 1);
  const ys = ds.yShape.reduce((a, b) => a * b, 1);
  let total = 0;
  for (let s = 0; s < n; s += batchSize) {
    const m = Math.min(batchSize, n - s);
    const v = tf.tidy(() => {
      const x = tf.tensor(ds.x.subarray(s * xs, (s + m) * xs), [m, ...ds.xShape]);
      const y = tf.tensor(ds.y.subarray(s * ys, (s + m) * ys), [m, ...ds.yShape]);
      return loss(x, y, false);
    });
    total += v.dataSync()[0] * m;
    v.dispose();
  }
  return total / n;
}

/**
 * Mini-batch training loop (CleanRL-style, top to bottom): seeded shuffle each epoch, one optimizer step per
 * batch, validation loss per epoch, early stopping with patience (Prechelt, 1998) restoring the best
 * weights, a JSONL metrics log and a progress callback. Same seed and data give bit-identical weights.
 * @throws NnConfigError for bad sizes; TrainingDataError for inconsistent data or a non-finite loss.
 */
export function trainLoop(args: TrainLoopArgs): TrainLoopResult {
  // ---- setup (TRY NOT TO MODIFY) ----
  if (!Number.isInteger(args.epochs) || args.epochs < 1)
    throw new NnConfigError('trainLoop', 'epochs', `must be an integer >= 1, got ${args.epochs}`);
  if (!Number.isInteger(args.batchSize) || args.batchSize < 1)
    throw new NnConfigError('trainLoop', 'batchSize', `must be an integer >= 1, got ${args.batchSize}`);
  const n = countOf(args.train, 'train');
  if (args.val) countOf(args.val, 'val');
  const xs = args.train.xShape.reduce((a, b) => a * b, 1);
  const ys = args.train.yShape.reduce((a, b) => a * b, 1);
  const bx = new Float32Array(args.batchSize * xs);
  const by = new Float32Array(args.batchSize * ys);
  const idx = new Int32Array(n);
  const rng = new Rng(args.seed).fork('shuffle');
  const stepsPerEpoch = Math.ceil(n / args.batchSize);
  const totalSteps = stepsPerEpoch * args.epochs;
  if (args.metricsPath) {
    mkdirSync(dirname(args.metricsPath), { recursive: true });
    writeFileSync(args.metricsPath, '');
  }
  const history: EpochMetrics[] = [];
  let best = Number.POSITIVE_INFINITY;
  let bestEpoch = -1;
  let bestWeights: tf.Tensor[] | undefined;
  let sinceBest = 0;
  let stoppedEarly = false;
  let step = 0;

  for (let epoch = 0; epoch < args.epochs; epoch++) {
    // ---- ALGO LOGIC: one epoch of shuffled mini-batches ----
    for (let i = 0; i < n; i++) idx[i] = i;
    rng.shuffle(idx);
    const lr = args.optimizer.currentLr();
    let sum = 0;
    for (let s = 0; s < n; s += args.batchSize) {
      const e = Math.min(n, s + args.batchSize);
      const m = e - s;
      const x = tf.tensor(gather(args.train.x, xs, idx, s, e, bx), [m, ...args.train.xShape]);
      const y = tf.tensor(gather(args.train.y, ys, idx, s, e, by), [m, ...args.train.yShape]);
      const l = args.optimizer.minimize(() => args.loss(x, y, true), args.variables);
      x.dispose();
      y.dispose();
      if (!Number.isFinite(l))
        throw new TrainingDataError(`trainLoop: loss is ${l} at epoch ${epoch}, step ${step}`);
      sum += l * m;
      step++;
      args.onProgress?.({ epoch, step, totalSteps, loss: l });
    }
    const trainLoss = sum / n;
    const valLoss = args.val ? evaluateLoss(args.loss, args.val, args.batchSize) : null;
    const rec: EpochMetrics = { epoch, trainLoss, valLoss, lr, steps: step };
    history.push(rec);
    if (args.metricsPath) appendFileSync(args.metricsPath, `${JSON.stringify(rec)}\n`);

    // ---- early stopping on validation loss ----
    if (valLoss !== null) {
      if (valLoss < best - (args.minDelta ?? 0)) {
        best = valLoss;
        bestEpoch = epoch;
        sinceBest = 0;
        if (args.restoreBest !== false) {
          for (const t of bestWeights ?? []) t.dispose();
          bestWeights = args.variables.map((v) => tf.clone(v));
        }
      } else if (args.patience !== undefined && ++sinceBest >= args.patience) {
        stoppedEarly = true;
        break;
      }
    }
  }
  if (bestWeights) {
    for (let i = 0; i < args.variables.length; i++) args.variables[i].assign(bestWeights[i]);
    for (const t of bestWeights) t.dispose();
  }
  return { history, bestEpoch, bestValLoss: args.val ? best : null, stoppedEarly };
}
