import {
  ADD,
  CONVERT,
  F32,
  F32_ADD,
  I32,
  I32X4_ADD,
  I32X4_SHL,
  MUL,
  SELECT,
  SPLAT,
  TRUNC_SAT,
  V128,
  VADD,
  VMAX,
  VMUL,
  VSUB,
  ZERO,
  f32Const,
  f32Load,
  f32Store,
  forRange,
  get,
  hsum,
  i32,
  lane,
  load,
  set,
  store,
  uleb,
  v128Zero,
  vConstF32,
  vConstI32,
  vec,
} from './wasmEncoding.js';

/**
 * Row softmax and its backward pass as WebAssembly SIMD function bodies (see `wasmKernels.ts`).
 */

// softmax params: 0 p, 1 rows, 2 T, 3 S, 4 causal (i32), 5 scale (f32).
// Locals: 6 r, 7 j, 8 end, 9 row, 10 end4 (i32); 11 mx, 12 sum, 13 inv (f32); 14 vx, 15 vacc, 16 vmx, 17 vscale, 18 vn (v128).
export const [
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
export const vexp = [
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

/**
 * Row bounds of a (possibly causal) score row, into i32 locals: `end = causal ? r % T + 1 : S` (keys
 * visible to query row r of a `[batch * heads * T, S]` matrix) and `end4 = end & ~3` (the SIMD part).
 */
const rowEnd = (r: number, t: number, s: number, causal: number, end: number, end4: number): number[] => [
  ...get(r),
  ...get(t),
  0x70,
  ...i32(1),
  ...ADD,
  ...get(s),
  ...get(causal),
  ...SELECT,
  ...set(end),
  ...get(end),
  ...i32(-4),
  0x71,
  ...set(end4),
];

/** Byte address of row r of the f32 matrix at `base` with row length `s`, into local `dst`: `base + r * s * 4`. */
const rowStart = (base: number, r: number, s: number, dst: number): number[] => [
  ...get(base),
  ...get(r),
  ...get(s),
  ...MUL,
  ...i32(4),
  ...MUL,
  ...ADD,
  ...set(dst),
];

const at = (j: number) => [...get(SROW), ...get(j), ...i32(4), ...MUL, ...ADD];
export const softmaxBody = forRange(SR, ZERO, get(SROWS), 1, [
  ...rowEnd(SR, ST, SS, SCAUSAL, SEND, SEND4),
  ...rowStart(SP, SR, SS, SROW),
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
  ...hsum(VACC),
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

export function softmaxCode(): number[] {
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
export const [
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
export const gAt = (row: number) => [...get(row), ...get(GJ), ...i32(4), ...MUL, ...ADD];
export const softmaxGradBody = forRange(GR, ZERO, get(GROWS), 1, [
  ...rowEnd(GR, GT, GS, GCAUSAL, GEND, GEND4),
  ...rowStart(GP, GR, GS, GPROW),
  ...rowStart(GDP, GR, GS, GDROW),
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
  ...hsum(GVACC),
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

export function softmaxGradCode(): number[] {
  const locals = vec([
    [6, I32],
    [2, F32],
    [3, V128],
  ]);
  const fn = [...locals, ...softmaxGradBody, 0x0b];
  return [...uleb(fn.length), ...fn];
}
