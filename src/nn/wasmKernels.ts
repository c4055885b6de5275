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

const F32 = 0x7d;
const f32Const = (v: number) => [0x43, ...new Uint8Array(new Float32Array([v]).buffer)];
const vConstF32 = (v: number) => [0xfd, 0x0c, ...new Uint8Array(new Float32Array([v, v, v, v]).buffer)];
const vConstI32 = (v: number) => [0xfd, 0x0c, ...new Uint8Array(new Int32Array([v, v, v, v]).buffer)];
const VSUB = [0xfd, 0xe5, 0x01];
const VMAX = [0xfd, 0xe9, 0x01];
const TRUNC_SAT = [0xfd, 0xf8, 0x01];
const CONVERT = [0xfd, 0xfa, 0x01];
const I32X4_ADD = [0xfd, 0xae, 0x01];
const I32X4_SHL = [0xfd, 0xab, 0x01];

// softmax params: 0 p, 1 rows, 2 T, 3 S, 4 causal (i32), 5 scale (f32).
// Locals: 6 r, 7 j, 8 end, 9 row, 10 end4 (i32); 11 mx, 12 sum, 13 inv (f32); 14 vx, 15 vacc, 16 vmx, 17 vscale, 18 vn (v128).
const [
  SP,
  SROWS,
  ST,
  SS,
  SCAUSAL,
  SSCALE,
  SR,
  SJ,
  SEND,
  SROW,
  SEND4,
  SMX,
  SSUM,
  SINV,
  VX,
  VACC,
  VMX,
  VSCALE,
  VN,
] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];

/**
 * exp of the four lanes of local VX (all <= 0 here), left on the stack: clamp at -87, split
 * x = n ln2 + r with |r| <= ln2 / 2, degree-6 Taylor polynomial for e^r, times 2^n built in the exponent bits.
 */
const vexp = [
  ...get(VX),
  ...vConstF32(-87),
  ...VMAX,
  ...set(VX),
  ...get(VX),
  ...vConstF32(Math.LOG2E),
  ...VMUL,
  ...vConstF32(0.5),
  ...VSUB,
  ...TRUNC_SAT,
  ...set(VN),
  ...get(VX),
  ...get(VN),
  ...CONVERT,
  ...vConstF32(Math.LN2),
  ...VMUL,
  ...VSUB,
  ...set(VX),
  // Horner: 1 + r (1 + r (1/2 + r (1/6 + r (1/24 + r (1/120 + r / 720)))))
  ...vConstF32(1 / 720),
  ...[1 / 120, 1 / 24, 1 / 6, 1 / 2, 1, 1].flatMap((c) => [...get(VX), ...VMUL, ...vConstF32(c), ...VADD]),
  ...get(VN),
  ...vConstI32(127),
  ...I32X4_ADD,
  ...i32(23),
  ...I32X4_SHL,
  ...VMUL,
];

const at = (j: number) => [...get(SROW), ...get(j), ...i32(4), ...MUL, ...ADD];
const softmaxBody = forRange(SR, ZERO, get(SROWS), 1, [
  // end = causal ? r % T + 1 : S; end4 = end & ~3; row = p + r * S * 4
  ...get(SR),
  ...get(ST),
  0x70,
  ...i32(1),
  ...ADD,
  ...get(SS),
  ...get(SCAUSAL),
  ...SELECT,
  ...set(SEND),
  ...get(SEND),
  ...i32(-4),
  0x71,
  ...set(SEND4),
  ...get(SP),
  ...get(SR),
  ...get(SS),
  ...MUL,
  ...i32(4),
  ...MUL,
  ...ADD,
  ...set(SROW),
  ...f32Const(Number.NEGATIVE_INFINITY),
  ...set(SMX),
  ...forRange(SJ, ZERO, get(SEND), 1, [...get(SMX), ...at(SJ), ...f32Load, 0x97, ...set(SMX)]),
  ...get(SMX),
  ...SPLAT,
  ...set(VMX),
  ...get(SSCALE),
  ...SPLAT,
  ...set(VSCALE),
  ...v128Zero,
  ...set(VACC),
  ...forRange(SJ, ZERO, get(SEND4), 4, [
    ...at(SJ),
    ...at(SJ),
    ...load(0),
    ...get(VMX),
    ...VSUB,
    ...get(VSCALE),
    ...VMUL,
    ...set(VX),
    ...vexp,
    ...set(VX),
    ...get(VX),
    ...store(0),
    ...get(VACC),
    ...get(VX),
    ...VADD,
    ...set(VACC),
  ]),
  ...get(VACC),
  ...lane(0),
  ...get(VACC),
  ...lane(1),
  ...F32_ADD,
  ...get(VACC),
  ...lane(2),
  ...get(VACC),
  ...lane(3),
  ...F32_ADD,
  ...F32_ADD,
  ...set(SSUM),
  ...forRange(SJ, get(SEND4), get(SEND), 1, [
    ...at(SJ),
    ...at(SJ),
    ...f32Load,
    ...get(SMX),
    0x93,
    ...get(SSCALE),
    0x94,
    ...SPLAT,
    ...set(VX),
    ...vexp,
    ...lane(0),
    ...set(SINV),
    ...get(SINV),
    ...f32Store,
    ...get(SSUM),
    ...get(SINV),
    ...F32_ADD,
    ...set(SSUM),
  ]),
  ...f32Const(1),
  ...get(SSUM),
  0x95,
  ...set(SINV),
  ...forRange(SJ, ZERO, get(SEND), 1, [...at(SJ), ...at(SJ), ...f32Load, ...get(SINV), 0x94, ...f32Store]),
  ...forRange(SJ, get(SEND), get(SS), 1, [...at(SJ), ...f32Const(0), ...f32Store]),
]);

function softmaxCode(): number[] {
  const locals = vec([
    [5, I32],
    [3, F32],
    [5, V128],
  ]);
  const fn = [...locals, ...softmaxBody, 0x0b];
  return [...uleb(fn.length), ...fn];
}

// softmaxGrad params: 0 p, 1 dp, 2 rows, 3 T, 4 S, 5 causal (i32), 6 scale (f32).
// Locals: 7 r, 8 j, 9 end, 10 prow, 11 drow, 12 end4 (i32); 13 dot, 14 tmp (f32); 15 vacc, 16 vdot, 17 vscale (v128).
const [
  GP,
  GDP,
  GROWS,
  GT,
  GS,
  GCAUSAL,
  GSCALE,
  GR,
  GJ,
  GEND,
  GPROW,
  GDROW,
  GEND4,
  GDOT,
  ,
  GVACC,
  GVDOT,
  GVSCALE,
] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
const gAt = (row: number) => [...get(row), ...get(GJ), ...i32(4), ...MUL, ...ADD];
const softmaxGradBody = forRange(GR, ZERO, get(GROWS), 1, [
  ...get(GR),
  ...get(GT),
  0x70,
  ...i32(1),
  ...ADD,
  ...get(GS),
  ...get(GCAUSAL),
  ...SELECT,
  ...set(GEND),
  ...get(GEND),
  ...i32(-4),
  0x71,
  ...set(GEND4),
  ...get(GP),
  ...get(GR),
  ...get(GS),
  ...MUL,
  ...i32(4),
  ...MUL,
  ...ADD,
  ...set(GPROW),
  ...get(GDP),
  ...get(GR),
  ...get(GS),
  ...MUL,
  ...i32(4),
  ...MUL,
  ...ADD,
  ...set(GDROW),
  ...v128Zero,
  ...set(GVACC),
  ...forRange(GJ, ZERO, get(GEND4), 4, [
    ...get(GVACC),
    ...gAt(GPROW),
    ...load(0),
    ...gAt(GDROW),
    ...load(0),
    ...VMUL,
    ...VADD,
    ...set(GVACC),
  ]),
  ...get(GVACC),
  ...lane(0),
  ...get(GVACC),
  ...lane(1),
  ...F32_ADD,
  ...get(GVACC),
  ...lane(2),
  ...get(GVACC),
  ...lane(3),
  ...F32_ADD,
  ...F32_ADD,
  ...set(GDOT),
  ...forRange(GJ, get(GEND4), get(GEND), 1, [
    ...get(GDOT),
    ...gAt(GPROW),
    ...f32Load,
    ...gAt(GDROW),
    ...f32Load,
    0x94,
    ...F32_ADD,
    ...set(GDOT),
  ]),
  ...get(GDOT),
  ...SPLAT,
  ...set(GVDOT),
  ...get(GSCALE),
  ...SPLAT,
  ...set(GVSCALE),
  // dS = P * (dP - dot) * scale
  ...forRange(GJ, ZERO, get(GEND4), 4, [
    ...gAt(GDROW),
    ...gAt(GPROW),
    ...load(0),
    ...gAt(GDROW),
    ...load(0),
    ...get(GVDOT),
    ...VSUB,
    ...VMUL,
    ...get(GVSCALE),
    ...VMUL,
    ...store(0),
  ]),
  ...forRange(GJ, get(GEND4), get(GEND), 1, [
    ...gAt(GDROW),
    ...gAt(GPROW),
    ...f32Load,
    ...gAt(GDROW),
    ...f32Load,
    ...get(GDOT),
    0x93,
    0x94,
    ...get(GSCALE),
    0x94,
    ...f32Store,
  ]),
]);

function softmaxGradCode(): number[] {
  const locals = vec([
    [6, I32],
    [2, F32],
    [3, V128],
  ]);
  const fn = [...locals, ...softmaxGradBody, 0x0b];
  return [...uleb(fn.length), ...fn];
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
