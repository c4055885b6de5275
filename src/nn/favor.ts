import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../math/rng.js';

/**
 * Random projection `[m, d]` for FAVOR+ with orthogonal blocks (Choromanski et al., 2021, "Rethinking
 * attention with Performers", section 2.4): each block of d rows is an orthonormalised Gaussian matrix
 * (Gram-Schmidt), each row rescaled by the norm of an independent Gaussian d-vector so rows keep the
 * marginal law of N(0, I_d). With `orthogonal = false`, rows are i.i.d. Gaussian.
 */
export function orthogonalGaussian(m: number, d: number, rng: Rng, orthogonal = true): Float32Array {
  const out = new Float32Array(m * d);
  const row = new Float64Array(d);
  const block = new Float64Array(d * d);
  for (let start = 0; start < m; start += d) {
    const rows = Math.min(d, m - start);
    for (let i = 0; i < d * d; i++) block[i] = rng.normal();
    if (orthogonal)
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < i; j++) {
          let dot = 0;
          for (let c = 0; c < d; c++) dot += block[i * d + c] * block[j * d + c];
          for (let c = 0; c < d; c++) block[i * d + c] -= dot * block[j * d + c];
        }
        let n = 0;
        for (let c = 0; c < d; c++) n += block[i * d + c] ** 2;
        n = Math.sqrt(n);
        for (let c = 0; c < d; c++) block[i * d + c] /= n;
      }
    for (let i = 0; i < rows; i++) {
      let scale = 1;
      if (orthogonal) {
        let s = 0;
        for (let c = 0; c < d; c++) {
          row[c] = rng.normal();
          s += row[c] * row[c];
        }
        scale = Math.sqrt(s);
      }
      for (let c = 0; c < d; c++) out[(start + i) * d + c] = block[i * d + c] * scale;
    }
  }
  return out;
}

/**
 * Positive random features of the softmax kernel (FAVOR+, Choromanski et al., 2021, eq. 7):
 * `phi(x) = exp(W x - |x|^2 / 2 - c) / sqrt(m)`, so `E[phi(x) . phi(y)] = exp(x . y - cx - cy)`.
 * The stabiliser `c` is 0 (`none`), the max over features per row (`row`, used for queries) or the max over
 * the whole tensor (`global`, used for keys); both cancel in attention's normalisation.
 * @param x [..., d]
 * @param w [m, d]
 * @returns [..., m]
 */
export function favorFeatures(
  x: tf.Tensor,
  w: tf.Tensor,
  stabilizer: 'none' | 'row' | 'global' = 'none',
): tf.Tensor {
  return tf.tidy(() => {
    const d = x.shape[x.rank - 1] as number;
    const m = w.shape[0] as number;
    const proj = tf.reshape(tf.matMul(tf.reshape(x, [-1, d]), w, false, true), [...x.shape.slice(0, -1), m]);
    let logits = tf.sub(proj, tf.mul(tf.sum(tf.square(x), -1, true), 0.5));
    if (stabilizer === 'row') logits = tf.sub(logits, tf.max(logits, -1, true));
    else if (stabilizer === 'global') logits = tf.sub(logits, tf.max(logits));
    return tf.mul(tf.exp(logits), 1 / Math.sqrt(m));
  });
}
