import * as tf from '@tensorflow/tfjs';
import { attentionKernels, type KernelSet, kernelMemory } from './wasmKernels.js';

const pool: Float32Array[] = [];

/** A scratch array of `n` floats from the pool (avoids a fresh 2 MB allocation per step). */
function acquire(n: number): Float32Array {
  const i = pool.findIndex((a) => a.length === n);
  return i >= 0 ? (pool.splice(i, 1)[0] as Float32Array) : new Float32Array(n);
}

function release(a: Float32Array): void {
  if (pool.length < 8) pool.push(a);
}

/**
 * Forward state of one call that backward needs. While `resident`, its input and P still sit in kernel
 * memory at its offsets (no copy needed); any other call first spills P to `p` (the input is kept in JS).
 */
interface SavedState {
  resident: boolean;
  p: Float32Array | null;
  oP: number;
  pn: number;
}

let residentState: SavedState | undefined;

/** Spills the resident forward state (if any) so the memory can be reused. */
function claimMemory(m: Float32Array): void {
  const r = residentState;
  if (!r) return;
  r.p = acquire(r.pn);
  r.p.set(m.subarray(r.oP, r.oP + r.pn));
  r.resident = false;
  residentState = undefined;
}

/**
 * Values for a result tensor: the wasm backend copies them into its own heap, so a view of kernel memory
 * suffices; other backends (cpu) keep the array they are given, so they get a copy.
 */
function out(m: Float32Array, from: number, to: number): Float32Array {
  return tf.getBackend() === 'wasm' ? m.subarray(from, to) : m.slice(from, to);
}

/** Whether a gradient tape is recording (TF.js engine state): only then can a backward pass follow. */
function taping(): boolean {
  return (tf.engine().state as unknown as { gradientDepth: number }).gradientDepth > 0;
}

/**
 * Where each attention group's rows live, in floats: group g has query rows at `q(g) + i * qStride`, keys at
 * `k(g) + j * kvStride`, values at `v(g) + j * kvStride`, outputs at `o(g) + i * oStride`, all relative to
 * the input buffer (q, k, v) or the output buffer (o). Gradients use the same layout.
 */
interface Layout {
  groups: number;
  t: number;
  s: number;
  dh: number;
  q: (g: number) => number;
  k: (g: number) => number;
  v: (g: number) => number;
  o: (g: number) => number;
  qStride: number;
  kvStride: number;
  oStride: number;
  inSize: number;
  outSize: number;
}

/** Forward and backward of attention over `L` on the kernels; the inputs' data is read once. */
function run(
  kern: KernelSet,
  L: Layout,
  causal: boolean,
  input: tf.Tensor,
  outShape: number[],
  inShape: number[],
): tf.Tensor {
  const mem = kernelMemory();
  if (!mem) throw new Error('kernel memory unavailable');
  const { groups, t, s, dh } = L;
  const scale = 1 / Math.sqrt(dh);
  const pn = groups * t * s;
  // Float offsets: input (q, k, v), output / dO / dQ slot, P, dP, dInput.
  const oIn = 0;
  const oOut = oIn + L.inSize;
  const oP = oOut + Math.max(L.outSize, L.inSize);
  const oDP = oP + pn;
  const oDIn = oDP + pn;
  const total = oDIn + L.inSize;
  const c = causal ? 1 : 0;
  const [qs, kvs, os] = [4 * L.qStride, 4 * L.kvStride, 4 * L.oStride];
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const xin = (args[0] as tf.Tensor).dataSync() as Float32Array;
    mem.ensureBytes(total * 4);
    let m = mem.f32;
    claimMemory(m);
    m.set(xin, oIn);
    for (let g = 0; g < groups; g++)
      kern.dots(4 * (oIn + L.q(g)), 4 * (oIn + L.k(g)), 4 * (oP + g * t * s), t, s, c, qs, kvs);
    kern.softmax(4 * oP, groups * t, t, s, c, scale);
    for (let g = 0; g < groups; g++)
      kern.rowsAxpy(4 * (oP + g * t * s), 4 * (oIn + L.v(g)), 4 * (oOut + L.o(g)), t, s, c, kvs, os);
    const value = tf.tensor(out(m, oOut, oOut + L.outSize), outShape);
    const state: SavedState = { resident: false, p: null, oP, pn };
    if (taping()) {
      state.resident = true;
      residentState = state;
    }
    const gradFunc = (dy: tf.Tensor) => {
      const da = dy.dataSync() as Float32Array;
      mem.ensureBytes(total * 4);
      m = mem.f32;
      if (state.resident) {
        // Nothing ran since this forward: input and P are still in place.
        state.resident = false;
        residentState = undefined;
      } else {
        claimMemory(m);
        const p = state.p;
        if (!p)
          throw new Error(
            'fused attention: forward state was not saved (backward without a recorded forward)',
          );
        m.set(xin, oIn);
        m.set(p, oP);
        release(p);
        state.p = null;
      }
      m.set(da, oOut);
      for (let g = 0; g < groups; g++)
        kern.dots(4 * (oOut + L.o(g)), 4 * (oIn + L.v(g)), 4 * (oDP + g * t * s), t, s, c, os, kvs);
      // dS = P * (dP - rowsum(dP * P)) * scale, written over dP.
      kern.softmaxGrad(4 * oP, 4 * oDP, groups * t, t, s, c, scale);
      // Every q, k and v slot of dInput is written below (rows for dQ, columns for dK and dV).
      for (let g = 0; g < groups; g++) {
        kern.colsAxpy(4 * (oP + g * t * s), 4 * (oOut + L.o(g)), 4 * (oDIn + L.v(g)), t, s, c, os, kvs);
        kern.colsAxpy(4 * (oDP + g * t * s), 4 * (oIn + L.q(g)), 4 * (oDIn + L.k(g)), t, s, c, qs, kvs);
        kern.rowsAxpy(4 * (oDP + g * t * s), 4 * (oIn + L.k(g)), 4 * (oDIn + L.q(g)), t, s, c, kvs, qs);
      }
      return [tf.tensor(out(m, oDIn, oDIn + L.inSize), inShape)];
    };
    return { value, gradFunc };
  });
  return op(input);
}

/**
 * Causal or full self-attention read in place from the packed projection `[batch, time, 3 * heads * headDim]`
 * (queries, then keys, then values, heads side by side), written as `[batch, time, heads * headDim]`, so no
 * head split / merge transposes or slices are needed. Forward and backward run on the WebAssembly SIMD
 * kernels of `wasmKernels.ts`, skipping masked entries; same maths as `softmax(q k^T / sqrt(d) + mask) v`
 * (Vaswani et al., 2017), gradients through the softmax Jacobian `dS = P * (dP - rowsum(dP * P))`.
 * @returns undefined when the kernels cannot run here (no WebAssembly, headDim not a multiple of 4).
 */
export function fusedSelfAttention(
  qkv: tf.Tensor3D,
  heads: number,
  causal: boolean,
): tf.Tensor3D | undefined {
  const [b, t, w3] = qkv.shape;
  const dh = w3 / (3 * heads);
  const kern = attentionKernels(dh);
  if (!kern || !Number.isInteger(dh)) return undefined;
  const hd = heads * dh;
  const base = (g: number) => Math.floor(g / heads) * t * 3 * hd + (g % heads) * dh;
  const L: Layout = {
    groups: b * heads,
    t,
    s: t,
    dh,
    q: base,
    k: (g) => base(g) + hd,
    v: (g) => base(g) + 2 * hd,
    o: (g) => Math.floor(g / heads) * t * hd + (g % heads) * dh,
    qStride: 3 * hd,
    kvStride: 3 * hd,
    oStride: hd,
    inSize: b * t * 3 * hd,
    outSize: b * t * hd,
  };
  return run(kern, L, causal, qkv, [b, t, hd], [b, t, w3]) as tf.Tensor3D;
}

/**
 * Same as `fusedSelfAttention` for separate per-head tensors (cross-attention, Linformer's projected keys).
 * @param q [heads, time, headDim]
 * @param k [heads, keyTime, headDim]
 * @param v [heads, keyTime, headDim]
 * @returns [heads, time, headDim], or undefined when the kernels cannot run here or causal has keyTime != time.
 */
export function fusedAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  causal: boolean,
): tf.Tensor3D | undefined {
  const [g, t, dh] = q.shape;
  const s = k.shape[1];
  const kern = attentionKernels(dh);
  if (!kern || (causal && s !== t)) return undefined;
  const qn = g * t * dh;
  const kn = g * s * dh;
  const L: Layout = {
    groups: g,
    t,
    s,
    dh,
    q: (i) => i * t * dh,
    k: (i) => qn + i * s * dh,
    v: (i) => qn + kn + i * s * dh,
    o: (i) => i * t * dh,
    qStride: dh,
    kvStride: dh,
    oStride: dh,
    inSize: qn + 2 * kn,
    outSize: qn,
  };
  const packed = tf.concat([tf.reshape(q, [-1]), tf.reshape(k, [-1]), tf.reshape(v, [-1])]);
  return run(kern, L, causal, packed, [g, t, dh], [qn + 2 * kn]) as tf.Tensor3D;
}
