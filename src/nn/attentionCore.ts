import * as tf from '@tensorflow/tfjs';
import { fusedAttention } from './fusedAttention.js';

/** Large negative logit used to mask a key out of a softmax. */
export const MASK_LOGIT = -1e9;

/**
 * Additive causal bias `[time, keyTime]`: 0 where key s <= query t, `MASK_LOGIT` after it (Vaswani et al.,
 * 2017, decoder masking). The caller owns the returned tensor.
 */
export function causalBias(time: number, keyTime: number): tf.Tensor2D {
  const b = new Float32Array(time * keyTime);
  for (let t = 0; t < time; t++) for (let s = t + 1; s < keyTime; s++) b[t * keyTime + s] = MASK_LOGIT;
  return tf.tensor2d(b, [time, keyTime]);
}

/**
 * Splits heads: `[batch, time, heads * headDim]` -> `[batch * heads, time, headDim]` with one 4-D transpose
 * (the 5-D transposes a fused QKV split needs are slow on wasm).
 */
export function splitHeads(x: tf.Tensor, heads: number): tf.Tensor3D {
  const [b, t, d] = x.shape as number[];
  const dh = d / heads;
  return tf.reshape(tf.transpose(tf.reshape(x, [b, t, heads, dh]), [0, 2, 1, 3]), [b * heads, t, dh]);
}

/** Inverse of `splitHeads`: `[batch * heads, time, headDim]` -> `[batch, time, heads * headDim]`. */
export function mergeHeads(x: tf.Tensor, batch: number, heads: number): tf.Tensor3D {
  const [, t, dh] = x.shape as number[];
  return tf.reshape(tf.transpose(tf.reshape(x, [batch, heads, t, dh]), [0, 2, 1, 3]), [batch, t, heads * dh]);
}

/**
 * Scaled dot-product attention per head (Vaswani et al., 2017): `softmax(q k^T / sqrt(d) + bias) v`.
 * Without a padding bias it runs on cwm's fused WebAssembly SIMD kernels (`fusedAttention`, causal
 * entries skipped); with one, or when the kernels cannot run, on TF.js ops.
 * @param q [batch * heads, time, headDim]
 * @param k [batch * heads, keyTime, headDim]
 * @param v [batch * heads, keyTime, headDim]
 * @param causal mask keys after the query position
 * @param padBias additive logits broadcastable to [batch, heads, time, keyTime] (padding), optional
 * @returns [batch * heads, time, headDim]
 */
export function scaledDotAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  batch: number,
  causal = false,
  padBias?: tf.Tensor,
): tf.Tensor3D {
  if (!padBias && useFusedAttention()) {
    const out = fusedAttention(q, k, v, causal);
    if (out) return out;
  }
  const [bh, t, dh] = q.shape;
  const s = k.shape[1];
  let bias = padBias;
  if (causal) {
    const cb = causalBias(t, s);
    bias = bias ? tf.add(bias, cb) : cb;
  }
  let scores: tf.Tensor = tf.matMul(tf.mul(q, 1 / Math.sqrt(dh)), k, false, true);
  if (bias) scores = tf.reshape(tf.add(tf.reshape(scores, [batch, bh / batch, t, s]), bias), [bh, t, s]);
  return tf.matMul(tf.softmax(scores), v);
}

let fusedSetting: boolean | undefined;

/**
 * Whether attention uses the fused kernels: on the wasm and cpu backends (not on tfjs-node, whose native
 * kernels are faster), unless `CWM_FUSED_ATTENTION=0` or `setFusedAttention(false)`.
 */
export function useFusedAttention(): boolean {
  if (fusedSetting !== undefined) return fusedSetting;
  if (process.env.CWM_FUSED_ATTENTION === '0') return false;
  const b = tf.getBackend();
  return b === 'wasm' || b === 'cpu';
}

/** Forces the fused attention kernels on or off (undefined restores the default). */
export function setFusedAttention(on: boolean | undefined): void {
  fusedSetting = on;
}

/**
 * Additive bias `[batch, 1, 1, keyTime]` from a padding mask `[batch, keyTime]` (1 = real token, 0 = padding).
 */
export function paddingBias(mask: tf.Tensor): tf.Tensor {
  const [b, s] = mask.shape as number[];
  return tf.reshape(tf.mul(tf.sub(1, tf.cast(mask, 'float32')), MASK_LOGIT), [b, 1, 1, s]);
}
