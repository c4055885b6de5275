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

const I32 = 0x7f;
const V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

// Instructions.
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32 = (n: number) => [0x41, ...sleb(n)];
const ADD = [0x6a];
const MUL = [0x6c];
const GE_S = [0x4e];
const SELECT = [0x1b];
const f32Load = [0x2a, 0x02, 0x00];
const f32Store = [0x38, 0x02, 0x00];
const F32_ADD = [0x92];
const v128Zero = [0xfd, 0x0c, ...new Array(16).fill(0)];
const SPLAT = [0xfd, 0x13];
const lane = (l: number) => [0xfd, 0x1f, l];
const VADD = [0xfd, 0xe4, 0x01];
const VMUL = [0xfd, 0xe6, 0x01];

/** `for (ctr = from; ctr < limit; ctr += step) body` (from and limit are instruction sequences). */
function forRange(ctr: number, from: number[], limit: number[], step: number, body: number[]): number[] {
  return [
    ...from,
    ...set(ctr),
    0x02,
    0x40,
    0x03,
    0x40,
    ...get(ctr),
    ...limit,
    ...GE_S,
    0x0d,
    0x01,
    ...body,
    ...get(ctr),
    ...i32(step),
    ...ADD,
    ...set(ctr),
    0x0c,
    0x00,
    0x0b,
    0x0b,
  ];
}

const ZERO = i32(0);
const load = (off: number) => [0xfd, 0x00, 0x00, ...uleb(off)];
const store = (off: number) => [0xfd, 0x0b, 0x00, ...uleb(off)];

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
      ...get(PV),
      ...lane(0),
      ...get(PV),
      ...lane(1),
      ...F32_ADD,
      ...get(PV),
      ...lane(2),
      ...get(PV),
      ...lane(3),
      ...F32_ADD,
      ...F32_ADD,
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
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec([type])),
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec([[0x00], [0x00], [0x00]])),
    ...section(
      7,
      vec([
        [...name('dots'), 0x00, 0x00],
        [...name('rowsAxpy'), 0x00, 0x01],
        [...name('colsAxpy'), 0x00, 0x02],
      ]),
    ),
    ...section(10, vec(kernelBodies(n).map((b) => code(b, n)))),
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
    const set: KernelSet = { dots: ex.dots, rowsAxpy: ex.rowsAxpy, colsAxpy: ex.colsAxpy };
    sets.set(n, set);
    return set;
  } catch {
    return undefined;
  }
}
