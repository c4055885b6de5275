/**
 * Small WebAssembly SIMD (f32x4) kernels for the attention core, assembled here byte by byte (no toolchain):
 * TF.js's wasm backend runs batched and transposed products on a scalar loop, and those dominate an
 * attention training step. Three kernels cover the forward and backward pass per head, each skipping the
 * masked upper triangle when causal:
 * - `dots(a, b, out, T, S, rowBytes, causal)`: `out[i, j] = a_i . b_j` (rows of `rowBytes` bytes).
 * - `rowsAxpy(p, x, y, T, S, rowBytes, causal)`: `y_i += sum_j p[i, j] x_j`.
 * - `colsAxpy(p, x, y, T, S, rowBytes, causal)`: `y_j += sum_i p[i, j] x_i`.
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
const v128Load = [0xfd, 0x00, 0x00, 0x00];
const v128Store = [0xfd, 0x0b, 0x00, 0x00];
const v128Zero = [0xfd, 0x0c, ...new Array(16).fill(0)];
const SPLAT = [0xfd, 0x13];
const lane = (l: number) => [0xfd, 0x1f, l];
const VADD = [0xfd, 0xe4, 0x01];
const VMUL = [0xfd, 0xe6, 0x01];

/** `for (ctr = 0; ctr < limit; ctr += step) body` (limit is an instruction sequence). */
function forRange(ctr: number, limit: number[], step: number, body: number[]): number[] {
  return [
    ...i32(0),
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

// Parameters (all i32): 0 a/p, 1 b/x, 2 out/y, 3 T, 4 S, 5 rowBytes, 6 causal.
// Locals: 7 i, 8 j, 9 c, 10 jEnd, 11 rowA, 12 rowB, 13 rowOut (i32); 14 acc, 15 pv (v128).
const [A, B, OUT, T, S, RB, CAUSAL, I, J, C, JEND, ROWA, ROWB, ROWO, ACC, PV] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
];
const addr = (base: number, row: number, width: number[]) => [
  ...get(base),
  ...get(row),
  ...width,
  ...MUL,
  ...ADD,
];
/** jEnd = causal ? i + 1 : S */
const jEnd = [...get(I), ...i32(1), ...ADD, ...get(S), ...get(CAUSAL), ...SELECT, ...set(JEND)];
/** byte address of p[i * S + j] */
const pAt = [...get(A), ...get(I), ...get(S), ...MUL, ...get(J), ...ADD, ...i32(4), ...MUL, ...ADD];

const dotsBody = forRange(I, get(T), 1, [
  ...jEnd,
  ...addr(A, I, get(RB)),
  ...set(ROWA),
  ...forRange(J, get(JEND), 1, [
    ...v128Zero,
    ...set(ACC),
    ...addr(B, J, get(RB)),
    ...set(ROWB),
    ...forRange(C, get(RB), 16, [
      ...get(ACC),
      ...get(ROWA),
      ...get(C),
      ...ADD,
      ...v128Load,
      ...get(ROWB),
      ...get(C),
      ...ADD,
      ...v128Load,
      ...VMUL,
      ...VADD,
      ...set(ACC),
    ]),
    // out[i * S + j] = sum of the four lanes
    ...get(OUT),
    ...get(I),
    ...get(S),
    ...MUL,
    ...get(J),
    ...ADD,
    ...i32(4),
    ...MUL,
    ...ADD,
    ...get(ACC),
    ...lane(0),
    ...get(ACC),
    ...lane(1),
    ...F32_ADD,
    ...get(ACC),
    ...lane(2),
    ...get(ACC),
    ...lane(3),
    ...F32_ADD,
    ...F32_ADD,
    ...f32Store,
  ]),
]);

/** y[dst + c] += pv * x[src + c] over a row. */
const axpyRow = (src: number, dst: number) =>
  forRange(C, get(RB), 16, [
    ...get(dst),
    ...get(C),
    ...ADD,
    ...get(dst),
    ...get(C),
    ...ADD,
    ...v128Load,
    ...get(PV),
    ...get(src),
    ...get(C),
    ...ADD,
    ...v128Load,
    ...VMUL,
    ...VADD,
    ...v128Store,
  ]);

const rowsBody = forRange(I, get(T), 1, [
  ...jEnd,
  ...addr(OUT, I, get(RB)),
  ...set(ROWO),
  ...forRange(J, get(JEND), 1, [
    ...pAt,
    ...f32Load,
    ...SPLAT,
    ...set(PV),
    ...addr(B, J, get(RB)),
    ...set(ROWB),
    ...axpyRow(ROWB, ROWO),
  ]),
]);

const colsBody = forRange(I, get(T), 1, [
  ...jEnd,
  ...addr(B, I, get(RB)),
  ...set(ROWB),
  ...forRange(J, get(JEND), 1, [
    ...pAt,
    ...f32Load,
    ...SPLAT,
    ...set(PV),
    ...addr(OUT, J, get(RB)),
    ...set(ROWO),
    ...axpyRow(ROWB, ROWO),
  ]),
]);

function code(body: number[]): number[] {
  const locals = vec([
    [7, I32],
    [2, V128],
  ]);
  const fn = [...locals, ...body, 0x0b];
  return [...uleb(fn.length), ...fn];
}

/** The kernel module's bytes. */
export function kernelModuleBytes(): Uint8Array {
  const type = [0x60, ...vec(new Array(7).fill([I32])), 0x00];
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
    ...section(3, vec([[0x00], [0x00], [0x00]])),
    ...section(5, vec([[0x00, ...uleb(64)]])),
    ...section(
      7,
      vec([
        [...name('dots'), 0x00, 0x00],
        [...name('rowsAxpy'), 0x00, 0x01],
        [...name('colsAxpy'), 0x00, 0x02],
        [...name('mem'), 0x02, 0x00],
      ]),
    ),
    ...section(10, vec([code(dotsBody), code(rowsBody), code(colsBody)])),
  ];
  return new Uint8Array(bytes);
}

/** Minimal typings of the WebAssembly JS API (the project's TS lib has no DOM / WebAssembly types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

type Kernel = (
  a: number,
  b: number,
  out: number,
  t: number,
  s: number,
  rowBytes: number,
  causal: number,
) => void;

/** Instantiated kernels plus their linear memory. */
export interface AttentionKernels {
  dots: Kernel;
  rowsAxpy: Kernel;
  colsAxpy: Kernel;
  memory: WasmMemory;
  /** Float32 view of the whole memory (refreshed by `ensureBytes`). */
  f32: Float32Array;
  /** Grows memory to at least `bytes`. */
  ensureBytes(bytes: number): void;
}

let cached: AttentionKernels | undefined | null;

/** The kernels, or undefined when this runtime has no WebAssembly SIMD. Compiled once per process. */
export function attentionKernels(): AttentionKernels | undefined {
  if (cached !== undefined) return cached ?? undefined;
  try {
    const wa = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
    if (!wa) throw new Error('no WebAssembly');
    const inst = new wa.Instance(new wa.Module(kernelModuleBytes()), {});
    const ex = inst.exports as unknown as {
      dots: Kernel;
      rowsAxpy: Kernel;
      colsAxpy: Kernel;
      mem: WasmMemory;
    };
    const k: AttentionKernels = {
      dots: ex.dots,
      rowsAxpy: ex.rowsAxpy,
      colsAxpy: ex.colsAxpy,
      memory: ex.mem,
      f32: new Float32Array(ex.mem.buffer),
      ensureBytes(bytes: number) {
        const have = this.memory.buffer.byteLength;
        if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
        if (this.f32.buffer !== this.memory.buffer) this.f32 = new Float32Array(this.memory.buffer);
      },
    };
    cached = k;
  } catch {
    cached = null;
  }
  return cached ?? undefined;
}
