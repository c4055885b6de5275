import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NnConfigError } from '../errors/nn.js';
import { Rng } from '../math/rng.js';
import { initBackend } from './backend.js';
import { scaledDotAttention, setFusedAttention } from './attentionCore.js';
import { favorFeatures, orthogonalGaussian } from './favor.js';
import { fusedAttention } from './fusedAttention.js';
import { LinformerAttention } from './linformerAttention.js';
import { MultiHeadAttention } from './multiHeadAttention.js';
import { PerformerAttention } from './performerAttention.js';
import { checkGradients, checkRoundTrip, randn, trainSteps } from './testHelpers.js';
import { TransformerBlock } from './transformerBlock.js';

beforeAll(async () => {
  await initBackend();
});

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];

/** Target of the pooling task: every position gets the mean over time (or the running mean when causal). */
function poolTarget(x: tf.Tensor, causal: boolean): tf.Tensor {
  const t = x.shape[1] as number;
  if (!causal) return tf.tile(tf.mean(x, 1, true), [1, t, 1]);
  const counts = tf.reshape(tf.range(1, t + 1), [1, t, 1]);
  return tf.div(tf.cumsum(x, 1), counts);
}

/** Changes inputs at positions > t and returns the largest output change at positions <= t. */
function causalLeak(layer: tf.layers.Layer, x: tf.Tensor, t: number): number {
  const [b, time, d] = x.shape as number[];
  const noise = randn([b, time - t - 1, d], 77);
  const x2 = tf.concat([tf.slice(x, [0, 0, 0], [b, t + 1, d]), noise], 1);
  const y1 = tf.slice(layer.apply(x) as tf.Tensor, [0, 0, 0], [b, t + 1, d]);
  const y2 = tf.slice(layer.apply(x2) as tf.Tensor, [0, 0, 0], [b, t + 1, d]);
  return maxDiff(y1, y2);
}

describe('fused attention kernels (WebAssembly SIMD)', () => {
  it('match TF.js ops in value and gradients, causal and not, including keyTime != time', () => {
    for (const [causal, t, s] of [
      [true, 7, 7],
      [false, 5, 9],
    ] as const) {
      const q = randn([3, t, 8], 1) as tf.Tensor3D;
      const k = randn([3, s, 8], 2) as tf.Tensor3D;
      const v = randn([3, s, 8], 3) as tf.Tensor3D;
      const w = randn([3, t, 8], 4);
      const lossOf = (fused: boolean) => {
        setFusedAttention(fused);
        const g = tf.grads((a, b, c) =>
          tf.sum(
            tf.mul(scaledDotAttention(a as tf.Tensor3D, b as tf.Tensor3D, c as tf.Tensor3D, 1, causal), w),
          ),
        );
        const out = [scaledDotAttention(q, k, v, 1, causal), ...g([q, k, v])];
        setFusedAttention(undefined);
        return out;
      };
      const a = lossOf(true);
      const b = lossOf(false);
      for (let i = 0; i < 4; i++) expect(maxDiff(a[i], b[i])).toBeLessThan(1e-5);
    }
    expect(
      fusedAttention(
        randn([1, 3, 6], 1) as tf.Tensor3D,
        randn([1, 3, 6], 1) as tf.Tensor3D,
        randn([1, 3, 6], 1) as tf.Tensor3D,
        false,
      ),
    ).toBeUndefined();
  });

  it('packed self-attention in MultiHeadAttention matches the TF.js path (output and weight gradients)', () => {
    for (const causal of [true, false]) {
      const m = new MultiHeadAttention({ numHeads: 2, causal, seed: 9 });
      const x = randn([3, 6, 8], 10);
      m.apply(x);
      const run = (fused: boolean) => {
        setFusedAttention(fused);
        const { value, grads } = tf.variableGrads(
          () => tf.sum(tf.square(m.apply(x) as tf.Tensor)) as tf.Scalar,
          m.variables(),
        );
        setFusedAttention(undefined);
        return [value, ...m.variables().map((v) => grads[v.name])];
      };
      const a = run(true);
      const b = run(false);
      for (let i = 0; i < a.length; i++) expect(maxDiff(a[i], b[i])).toBeLessThan(1e-4);
    }
  });
  it('two stacked fused layers (forward state spilled and restored) match the TF.js path', () => {
    const m1 = new MultiHeadAttention({ numHeads: 2, causal: true, seed: 21 });
    const m2 = new MultiHeadAttention({ numHeads: 2, causal: true, seed: 22 });
    const x = randn([2, 5, 8], 23);
    m2.apply(m1.apply(x));
    const vars = [...m1.variables(), ...m2.variables()];
    const run = (fused: boolean) => {
      setFusedAttention(fused);
      const { value, grads } = tf.variableGrads(
        () => tf.sum(tf.square(m2.apply(m1.apply(x)) as tf.Tensor)) as tf.Scalar,
        vars,
      );
      setFusedAttention(undefined);
      return [value, ...vars.map((v) => grads[v.name])];
    };
    const a = run(true);
    const b = run(false);
    for (let i = 0; i < a.length; i++) expect(maxDiff(a[i], b[i])).toBeLessThan(1e-4);
  });
});

describe('MultiHeadAttention', () => {
  it('rejects a head count that does not divide the width', () => {
    const m = new MultiHeadAttention({ numHeads: 3 });
    expect(() => m.apply(tf.zeros([1, 2, 8]))).toThrow(NnConfigError);
  });

  it('causal mask: output at t is unchanged when inputs after t change', () => {
    const m = new MultiHeadAttention({ numHeads: 2, causal: true, seed: 1 });
    const x = randn([2, 10, 8], 1);
    for (const t of [0, 4, 8]) expect(causalLeak(m, x, t)).toBe(0);
    const open = new MultiHeadAttention({ numHeads: 2, seed: 1 });
    expect(causalLeak(open, x, 4)).toBeGreaterThan(1e-3);
  });

  it('padding mask: padded keys have no influence', () => {
    const m = new MultiHeadAttention({ numHeads: 2, seed: 2 });
    const x = randn([2, 6, 8], 2);
    const mask = tf.tensor2d([
      [1, 1, 1, 1, 0, 0],
      [1, 1, 1, 1, 1, 1],
    ]);
    const changed = tf.concat([tf.slice(x, [0, 0, 0], [1, 4, 8]), randn([1, 2, 8], 9)], 1);
    const x2 = tf.concat([changed, tf.slice(x, [1, 0, 0], [1, 6, 8])], 0);
    const y1 = tf.slice(m.apply(x, { paddingMask: mask }) as tf.Tensor, [0, 0, 0], [1, 4, 8]);
    const y2 = tf.slice(m.apply(x2, { paddingMask: mask }) as tf.Tensor, [0, 0, 0], [1, 4, 8]);
    expect(maxDiff(y1, y2)).toBe(0);
  });

  it('round-trips, passes the gradient check (causal + padding), supports cross-attention', () => {
    const m = new MultiHeadAttention({ numHeads: 2, causal: true, seed: 3 });
    const x = randn([2, 5, 8], 3);
    checkRoundTrip(m, x);
    checkGradients(m, x, {
      paddingMask: tf.tensor2d([
        [1, 1, 1, 1, 0],
        [1, 1, 1, 1, 1],
      ]),
    });
    const cross = new MultiHeadAttention({ numHeads: 2, seed: 4 });
    const y = cross.apply([x, randn([2, 7, 8], 4)]) as tf.Tensor;
    expect(y.shape).toEqual([2, 5, 8]);
  });

  it('learns the causal running mean to MSE < 0.01 (400 steps, no tensor leak)', () => {
    const m = new MultiHeadAttention({ numHeads: 2, causal: true, seed: 5 });
    const x = randn([16, 8, 8], 5);
    const y = poolTarget(x, true);
    m.apply(x);
    const loss = () => tf.losses.meanSquaredError(y, m.apply(x) as tf.Tensor) as tf.Scalar;
    expect(trainSteps(loss, m.variables(), 400, 1e-2)).toBeLessThan(0.01);
  });
});

describe('TransformerBlock (pre-norm)', () => {
  it('is causal, round-trips, gradient-checks and learns the running mean to MSE < 0.05 (from ~1.4)', () => {
    const blk = new TransformerBlock({ numHeads: 2, ffDim: 16, causal: true, seed: 1 });
    const x = randn([16, 8, 8], 6);
    blk.apply(x);
    expect(causalLeak(blk, x, 3)).toBe(0);
    checkRoundTrip(blk, x);
    checkGradients(blk, tf.slice(x, [0, 0, 0], [2, 8, 8]), {}, { tol: 3e-2 });
    expect(blk.weights.length).toBe(14);
    const y = poolTarget(x, true);
    const loss = () =>
      tf.losses.meanSquaredError(y, blk.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
    const initial = tf.tidy(() => loss().dataSync()[0]);
    expect(initial).toBeGreaterThan(0.5);
    const final = trainSteps(loss, blk.variables(), 600, 1e-2);
    expect(final).toBeLessThan(0.05);
  });
});

describe('LinformerAttention', () => {
  it('rejects causal use and too-long sequences', () => {
    expect(() => new LinformerAttention({ numHeads: 2, maxLen: 8, k: 4, causal: true })).toThrow(
      NnConfigError,
    );
    const l = new LinformerAttention({ numHeads: 2, maxLen: 8, k: 4 });
    expect(() => l.apply(tf.zeros([1, 9, 8]))).toThrow(/<= 8/);
  });

  it('round-trips, gradient-checks, handles time < maxLen, learns the mean to MSE < 0.01', () => {
    const l = new LinformerAttention({ numHeads: 2, maxLen: 16, k: 4, seed: 2 });
    const x = randn([16, 16, 8], 7);
    checkRoundTrip(l, x);
    checkGradients(l, tf.slice(x, [0, 0, 0], [2, 16, 8]));
    expect((l.apply(tf.slice(x, [0, 0, 0], [2, 10, 8])) as tf.Tensor).shape).toEqual([2, 10, 8]);
    const y = poolTarget(x, false);
    const loss = () => tf.losses.meanSquaredError(y, l.apply(x) as tf.Tensor) as tf.Scalar;
    expect(trainSteps(loss, l.variables(), 400, 1e-2)).toBeLessThan(0.01);
  });
});

describe('FAVOR+ random features', () => {
  it('estimate of exp(x . y) is unbiased: mean over 400 draws within 2% of the exact value', () => {
    const rng = new Rng(3);
    const x = tf.tensor2d([[0.3, -0.2, 0.5, 0.1]]);
    const y = tf.tensor2d([[0.4, 0.1, -0.3, 0.6]]);
    const exact = Math.exp(tf.sum(tf.mul(x, y)).dataSync()[0]);
    let sum = 0;
    const draws = 400;
    for (let i = 0; i < draws; i++) {
      const w = tf.tensor2d(orthogonalGaussian(16, 4, rng), [16, 4]);
      sum += tf.sum(tf.mul(favorFeatures(x, w), favorFeatures(y, w))).dataSync()[0];
      w.dispose();
    }
    expect(Math.abs(sum / draws - exact) / exact).toBeLessThan(0.02);
  });

  it('orthogonal blocks have orthogonal rows', () => {
    const w = orthogonalGaussian(8, 8, new Rng(1));
    for (let i = 0; i < 8; i++)
      for (let j = 0; j < i; j++) {
        let dot = 0;
        for (let c = 0; c < 8; c++) dot += w[i * 8 + c] * w[j * 8 + c];
        expect(Math.abs(dot)).toBeLessThan(1e-4);
      }
  });

  it('attention-output error falls as features grow 16 -> 64 -> 256 -> 1024', () => {
    const d = 8;
    const q = tf.mul(randn([1, 32, d], 11, 0.5), d ** -0.25);
    const k = tf.mul(randn([1, 32, d], 12, 0.5), d ** -0.25);
    const v = randn([1, 32, d], 13);
    const exact = tf.matMul(tf.softmax(tf.matMul(q, k, false, true)), v);
    const errs: number[] = [];
    for (const m of [16, 64, 256, 1024]) {
      let e = 0;
      for (let s = 0; s < 4; s++) {
        const w = tf.tensor2d(orthogonalGaussian(m, d, new Rng(100 * m + s)), [m, d]);
        const pq = favorFeatures(q, w, 'row');
        const pk = favorFeatures(k, w, 'global');
        const num = tf.matMul(pq, tf.matMul(pk, v, true, false));
        const den = tf.matMul(pq, tf.sum(pk, 1, true), false, true);
        e += tf.norm(tf.sub(tf.div(num, den), exact)).dataSync()[0] / tf.norm(exact).dataSync()[0];
      }
      errs.push(e / 4);
    }
    for (let i = 1; i < errs.length; i++) expect(errs[i]).toBeLessThan(errs[i - 1]);
    expect(errs[3]).toBeLessThan(errs[0] / 4);
  });
});

describe('PerformerAttention', () => {
  it('causal mode does not look ahead; redraws its projection every redrawEvery training calls', () => {
    const p = new PerformerAttention({ numHeads: 2, numFeatures: 16, causal: true, redrawEvery: 2, seed: 1 });
    const x = randn([2, 8, 8], 8);
    expect(causalLeak(p, x, 3)).toBeLessThan(1e-5);
    const proj = () => Array.from(p.nonTrainableWeights[0].read().dataSync());
    const w0 = proj();
    p.apply(x, { training: true });
    p.apply(x, { training: true });
    expect(proj()).toEqual(w0);
    p.apply(x, { training: true });
    expect(proj()).not.toEqual(w0);
  });

  it('round-trips, gradient-checks and learns the mean to MSE < 0.02', () => {
    const p = new PerformerAttention({ numHeads: 2, numFeatures: 32, seed: 3, redrawEvery: 50 });
    const x = randn([16, 8, 8], 9);
    checkRoundTrip(p, x);
    checkGradients(p, tf.slice(x, [0, 0, 0], [2, 8, 8]));
    const pc = new PerformerAttention({ numHeads: 2, numFeatures: 16, causal: true, seed: 4 });
    checkGradients(pc, tf.slice(x, [0, 0, 0], [2, 6, 8]));
    const y = poolTarget(x, false);
    const loss = () =>
      tf.losses.meanSquaredError(y, p.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
    expect(trainSteps(loss, p.variables(), 400, 1e-2)).toBeLessThan(0.02);
  });
});
