import * as tf from '@tensorflow/tfjs';
import { attentionKernels } from './wasmKernels.js';

/**
 * Scaled dot-product attention per head with an optional causal mask, forward and backward computed by the
 * WebAssembly SIMD kernels of `wasmKernels.ts` (masked entries are skipped, not computed then zeroed).
 * Same maths as `softmax(q k^T / sqrt(d) + causalBias) v` (Vaswani et al., 2017); gradients follow the
 * softmax Jacobian `dS = P * (dP - rowsum(dP * P))`.
 *
 * @param q [heads, time, headDim]
 * @param k [heads, keyTime, headDim]
 * @param v [heads, keyTime, headDim]
 * @returns [heads, time, headDim], or undefined when the kernels cannot run here (no SIMD, headDim not a
 *   multiple of 4, causal with keyTime != time).
 */
export function fusedAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  causal: boolean,
): tf.Tensor3D | undefined {
  const kern = attentionKernels();
  const [bh, t, dh] = q.shape;
  const s = k.shape[1];
  if (!kern || dh % 4 !== 0 || (causal && s !== t)) return undefined;
  const scale = 1 / Math.sqrt(dh);
  const qn = bh * t * dh;
  const kn = bh * s * dh;
  const pn = bh * t * s;
  // Float offsets of the regions in kernel memory.
  const oQ = 0;
  const oK = oQ + qn;
  const oV = oK + kn;
  const oO = oV + kn;
  const oP = oO + qn;
  const oDP = oP + pn;
  const oDK = oDP + pn;
  const oDV = oDK + kn;
  const total = oDV + kn;
  const c = causal ? 1 : 0;
  const rowBytes = dh * 4;

  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const qa = (args[0] as tf.Tensor).dataSync() as Float32Array;
    const ka = (args[1] as tf.Tensor).dataSync() as Float32Array;
    const va = (args[2] as tf.Tensor).dataSync() as Float32Array;
    kern.ensureBytes(total * 4);
    let m = kern.f32;
    m.set(qa, oQ);
    m.set(ka, oK);
    m.set(va, oV);
    m.fill(0, oO, oO + qn);
    for (let h = 0; h < bh; h++)
      kern.dots(4 * (oQ + h * t * dh), 4 * (oK + h * s * dh), 4 * (oP + h * t * s), t, s, rowBytes, c);
    // Row softmax of the scaled scores over the unmasked keys; masked entries set to 0.
    for (let r = 0; r < bh * t; r++) {
      const i = r % t;
      const end = causal ? i + 1 : s;
      const base = oP + r * s;
      let mx = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < end; j++) if (m[base + j] > mx) mx = m[base + j];
      let sum = 0;
      for (let j = 0; j < end; j++) {
        const e = Math.exp((m[base + j] - mx) * scale);
        m[base + j] = e;
        sum += e;
      }
      const inv = 1 / sum;
      for (let j = 0; j < end; j++) m[base + j] *= inv;
      for (let j = end; j < s; j++) m[base + j] = 0;
    }
    for (let h = 0; h < bh; h++)
      kern.rowsAxpy(4 * (oP + h * t * s), 4 * (oV + h * s * dh), 4 * (oO + h * t * dh), t, s, rowBytes, c);
    const p = m.slice(oP, oP + pn);
    const value = tf.tensor3d(m.subarray(oO, oO + qn), [bh, t, dh]);
    const gradFunc = (dy: tf.Tensor) => {
      const da = dy.dataSync() as Float32Array;
      kern.ensureBytes(total * 4);
      m = kern.f32;
      m.set(qa, oQ);
      m.set(ka, oK);
      m.set(va, oV);
      m.set(da, oO);
      m.set(p, oP);
      for (let h = 0; h < bh; h++)
        kern.dots(4 * (oO + h * t * dh), 4 * (oV + h * s * dh), 4 * (oDP + h * t * s), t, s, rowBytes, c);
      // dS = P * (dP - rowsum(dP * P)) * scale, written over dP.
      for (let r = 0; r < bh * t; r++) {
        const end = causal ? (r % t) + 1 : s;
        const bp = oP + r * s;
        const bd = oDP + r * s;
        let dot = 0;
        for (let j = 0; j < end; j++) dot += m[bp + j] * m[bd + j];
        for (let j = 0; j < end; j++) m[bd + j] = m[bp + j] * (m[bd + j] - dot) * scale;
      }
      // dQ reuses the output region's slot after dO is consumed: compute dV first (needs dO), then dQ, dK.
      m.fill(0, oDK, total);
      for (let h = 0; h < bh; h++) {
        kern.colsAxpy(4 * (oP + h * t * s), 4 * (oO + h * t * dh), 4 * (oDV + h * s * dh), t, s, rowBytes, c);
        kern.colsAxpy(
          4 * (oDP + h * t * s),
          4 * (oQ + h * t * dh),
          4 * (oDK + h * s * dh),
          t,
          s,
          rowBytes,
          c,
        );
      }
      m.fill(0, oO, oO + qn);
      for (let h = 0; h < bh; h++)
        kern.rowsAxpy(4 * (oDP + h * t * s), 4 * (oK + h * s * dh), 4 * (oO + h * t * dh), t, s, rowBytes, c);
      return [
        tf.tensor3d(m.subarray(oO, oO + qn), [bh, t, dh]),
        tf.tensor3d(m.subarray(oDK, oDK + kn), [bh, s, dh]),
        tf.tensor3d(m.subarray(oDV, oDV + kn), [bh, s, dh]),
      ];
    };
    return { value, gradFunc };
  });
  return op(q, k, v) as tf.Tensor3D;
}
