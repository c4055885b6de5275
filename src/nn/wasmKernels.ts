/**
 * Small WebAssembly SIMD (f32x4) kernels for the attention core, assembled here byte by byte (no toolchain):
 * TF.js's wasm backend runs batched and transposed products on a scalar loop, and those dominate an
 * attention training step. Three kernels cover the forward and backward pass per head, each skipping the
 * masked upper triangle when causal:
 * - `dots(a, b, out, T, S, causal, strideA, strideB)`: `out[i, j] = a_i . b_j`.
 * - `rowsAxpy(p, x, y, T, S, causal, strideX, strideY)`: `y_i = sum_j p[i, j] x_j`.
 * - `colsAxpy(p, x, y, T, S, causal, strideX, strideY)`: `y_j = sum_i p[i, j] x_i`.
 * Rows may be strided, so q, k and v can be read in place from a packed `[batch, time, 3 * width]` tensor.
 * Row widths must be multiples of 4 floats. Binary format: WebAssembly Core Specification 2.0, section 5,
 * with the fixed-width SIMD opcodes.
 */

import {
  ADD,
  F32,
  I32,
  MUL,
  SELECT,
  SPLAT,
  V128,
  VADD,
  VMUL,
  ZERO,
  f32Load,
  f32Store,
  forRange,
  get,
  hsum,
  i32,
  load,
  name,
  section,
  set,
  store,
  uleb,
  v128Zero,
  vec,
} from './wasmEncoding.js';
import { softmaxCode, softmaxGradCode } from './wasmSoftmax.js';

// Parameters (i32): 0 a/p, 1 b/x, 2 out/y, 3 T, 4 S, 5 causal, 6 stride1, 7 stride2 (row strides in bytes).
// Locals: 8 i, 9 j, 10 end, 11 row, 12 ptr (i32); then v128: 13 pv, 14.. registers (headDim / 4 of them).
const [PA, PB, POUT, PT, PS, PCAUSAL, S1, S2, I, J, END, ROW, PV, R0] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14,
];

/** Kernel bodies for rows of `n` f32x4 vectors (headDim = 4n), inner loops fully unrolled. */
function kernelBodies(n: number): number[][] {
  const rowAddr = (base: number, idx: number, stride: number) => [
    ...get(base),
    ...get(idx),
    ...get(stride),
    ...MUL,
    ...ADD,
  ];
  const pAddr = [...get(PA), ...get(I), ...get(PS), ...MUL, ...get(J), ...ADD, ...i32(4), ...MUL, ...ADD];
  const zeroRegs = Array.from({ length: n }, (_, c) => [...v128Zero, ...set(R0 + c)]).flat();
  const storeRegs = (addr: number[]) =>
    Array.from({ length: n }, (_, c) => [...addr, ...get(R0 + c), ...store(16 * c)]).flat();
  // end = causal ? i + 1 : S
  const endRow = [...get(I), ...i32(1), ...ADD, ...get(PS), ...get(PCAUSAL), ...SELECT, ...set(END)];

  // dots: out[i, j] = a_i . b_j; a_i held in registers.
  const dotTerms: number[] = [];
  for (let c = 0; c < n; c++) {
    dotTerms.push(...get(R0 + c), ...get(ROW), ...load(16 * c), ...VMUL);
    if (c > 0) dotTerms.push(...VADD);
  }
  const dots = forRange(I, ZERO, get(PT), 1, [
    ...endRow,
    ...Array.from({ length: n }, (_, c) => [...rowAddr(PA, I, S1), ...load(16 * c), ...set(R0 + c)]).flat(),
    ...forRange(J, ZERO, get(END), 1, [
      ...rowAddr(PB, J, S2),
      ...set(ROW),
      ...get(POUT),
      ...get(I),
      ...get(PS),
      ...MUL,
      ...get(J),
      ...ADD,
      ...i32(4),
      ...MUL,
      ...ADD,
      ...dotTerms,
      ...set(PV),
      ...hsum(PV),
      ...f32Store,
    ]),
  ]);

  // acc += splat(p at PTR) * x_row (ROW), for every register.
  const fma = Array.from({ length: n }, (_, c) => [
    ...get(R0 + c),
    ...get(PV),
    ...get(ROW),
    ...load(16 * c),
    ...VMUL,
    ...VADD,
    ...set(R0 + c),
  ]).flat();

  // rowsAxpy: y_i = sum_{j < end} p[i, j] x_j.
  const rows = forRange(I, ZERO, get(PT), 1, [
    ...endRow,
    ...zeroRegs,
    ...forRange(J, ZERO, get(END), 1, [
      ...pAddr,
      ...f32Load,
      ...SPLAT,
      ...set(PV),
      ...rowAddr(PB, J, S1),
      ...set(ROW),
      ...fma,
    ]),
    ...storeRegs(rowAddr(POUT, I, S2)),
  ]);

  // colsAxpy: y_j = sum_{i >= start} p[i, j] x_i with start = causal ? j : 0 (loop counters swap roles).
  const cols = forRange(J, ZERO, get(PS), 1, [
    ...zeroRegs,
    ...forRange(I, [...get(J), ...ZERO, ...get(PCAUSAL), ...SELECT], get(PT), 1, [
      ...pAddr,
      ...f32Load,
      ...SPLAT,
      ...set(PV),
      ...rowAddr(PB, I, S1),
      ...set(ROW),
      ...fma,
    ]),
    ...storeRegs(rowAddr(POUT, J, S2)),
  ]);
  return [dots, rows, cols];
}

function code(body: number[], n: number): number[] {
  const locals = vec([
    [5, I32],
    [1 + n, V128],
  ]);
  const fn = [...locals, ...body, 0x0b];
  return [...uleb(fn.length), ...fn];
}

/** Bytes of the kernel module for head width `4 n`; it imports its memory as `env.mem`. */
export function kernelModuleBytes(n: number): Uint8Array {
  const type = [0x60, ...vec(new Array(8).fill([I32])), 0x00];
  const softmaxType = [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [F32]]), 0x00];
  const gradType = [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32], [F32]]), 0x00];
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec([type, softmaxType, gradType])),
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec([[0x00], [0x00], [0x00], [0x01], [0x02]])),
    ...section(
      7,
      vec([
        [...name('dots'), 0x00, 0x00],
        [...name('rowsAxpy'), 0x00, 0x01],
        [...name('colsAxpy'), 0x00, 0x02],
        [...name('softmax'), 0x00, 0x03],
        [...name('softmaxGrad'), 0x00, 0x04],
      ]),
    ),
    ...section(10, vec([...kernelBodies(n).map((b) => code(b, n)), softmaxCode(), softmaxGradCode()])),
  ];
  return new Uint8Array(bytes);
}

/** Minimal typings of the WebAssembly JS API (the project's TS lib has no DOM / WebAssembly types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (desc: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/**
 * A kernel: pointers are byte offsets into the shared memory, `t` query rows, `s` key rows, `causal` 0/1,
 * then two row strides in bytes (dots: rows of a, rows of b; axpy kernels: rows of x, rows of y). The
 * score matrix p/out is contiguous `[t, s]`. Row width is fixed by the module (headDim floats).
 */
export type Kernel = (
  a: number,
  b: number,
  out: number,
  t: number,
  s: number,
  causal: number,
  stride1: number,
  stride2: number,
) => void;

/** Kernels for one head width. */
export interface KernelSet {
  dots: Kernel;
  rowsAxpy: Kernel;
  colsAxpy: Kernel;
  /** Row softmax of `rows` rows of `s` scaled scores in place (`causal`: row r keeps r % t + 1 entries). */
  softmax: (p: number, rows: number, t: number, s: number, causal: number, scale: number) => void;
  /** In place over dp: `dS = P * (dP - rowsum(dP * P)) * scale` (softmax Jacobian-vector product). */
  softmaxGrad: (
    p: number,
    dp: number,
    rows: number,
    t: number,
    s: number,
    causal: number,
    scale: number,
  ) => void;
}

/** The kernel memory (shared by every head width) and its float view. */
export interface KernelMemory {
  /** Float32 view of the whole memory (refreshed by `ensureBytes`). */
  f32: Float32Array;
  /** Grows memory to at least `bytes`. */
  ensureBytes(bytes: number): void;
}

let api: WasmApi | null | undefined;
let memory: (KernelMemory & { raw: WasmMemory }) | undefined;
const sets = new Map<number, KernelSet>();

/** Shared kernel memory, or undefined when this runtime has no WebAssembly. */
export function kernelMemory(): KernelMemory | undefined {
  if (api === undefined) api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly ?? null;
  if (!api) return undefined;
  if (!memory) {
    const raw = new api.Memory({ initial: 1 });
    memory = {
      raw,
      f32: new Float32Array(raw.buffer),
      ensureBytes(bytes: number) {
        const have = raw.buffer.byteLength;
        if (bytes > have) raw.grow(Math.ceil((bytes - have) / 65536));
        if (this.f32.buffer !== raw.buffer) this.f32 = new Float32Array(raw.buffer);
      },
    };
  }
  return memory;
}

/**
 * Kernels for head width `headDim` (a multiple of 4, at most 128), compiled once per width; undefined when
 * WebAssembly SIMD is unavailable or the width does not fit.
 */
export function attentionKernels(headDim: number): KernelSet | undefined {
  if (headDim % 4 !== 0 || headDim < 4 || headDim > 128) return undefined;
  const n = headDim / 4;
  const hit = sets.get(n);
  if (hit) return hit;
  const mem = kernelMemory();
  if (!mem || !api || !memory) return undefined;
  try {
    const inst = new api.Instance(new api.Module(kernelModuleBytes(n)), { env: { mem: memory.raw } });
    const ex = inst.exports as unknown as KernelSet;
    const set: KernelSet = {
      dots: ex.dots,
      rowsAxpy: ex.rowsAxpy,
      colsAxpy: ex.colsAxpy,
      softmax: ex.softmax,
      softmaxGrad: ex.softmaxGrad,
    };
    sets.set(n, set);
    return set;
  } catch {
    return undefined;
  }
}
