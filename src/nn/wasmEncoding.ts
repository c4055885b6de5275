/**
 * Minimal WebAssembly binary encoder for cwm's kernels: LEB128, sections, and the instructions they use
 * (WebAssembly Core Specification 2.0, section 5, with the fixed-width SIMD opcodes).
 */

export const I32 = 0x7f;
export const V128 = 0x7b;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): number[] {
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

export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
export const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

// Instructions.
export const get = (i: number) => [0x20, ...uleb(i)];
export const set = (i: number) => [0x21, ...uleb(i)];
export const i32 = (n: number) => [0x41, ...sleb(n)];
export const ADD = [0x6a];
export const MUL = [0x6c];
export const GE_S = [0x4e];
export const SELECT = [0x1b];
export const f32Load = [0x2a, 0x02, 0x00];
export const f32Store = [0x38, 0x02, 0x00];
export const F32_ADD = [0x92];
export const v128Zero = [0xfd, 0x0c, ...new Array(16).fill(0)];
export const SPLAT = [0xfd, 0x13];
export const lane = (l: number) => [0xfd, 0x1f, l];
export const VADD = [0xfd, 0xe4, 0x01];
export const VMUL = [0xfd, 0xe6, 0x01];

/** `for (ctr = from; ctr < limit; ctr += step) body` (from and limit are instruction sequences). */
export function forRange(
  ctr: number,
  from: number[],
  limit: number[],
  step: number,
  body: number[],
): number[] {
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

export const ZERO = i32(0);
export const load = (off: number) => [0xfd, 0x00, 0x00, ...uleb(off)];
export const store = (off: number) => [0xfd, 0x0b, 0x00, ...uleb(off)];

export const F32 = 0x7d;
export const f32Const = (v: number) => [0x43, ...new Uint8Array(new Float32Array([v]).buffer)];
export const vConstF32 = (v: number) => [
  0xfd,
  0x0c,
  ...new Uint8Array(new Float32Array([v, v, v, v]).buffer),
];
export const vConstI32 = (v: number) => [0xfd, 0x0c, ...new Uint8Array(new Int32Array([v, v, v, v]).buffer)];
export const VSUB = [0xfd, 0xe5, 0x01];
export const VMAX = [0xfd, 0xe9, 0x01];
export const TRUNC_SAT = [0xfd, 0xf8, 0x01];
export const CONVERT = [0xfd, 0xfa, 0x01];
export const I32X4_ADD = [0xfd, 0xae, 0x01];
export const I32X4_SHL = [0xfd, 0xab, 0x01];

/** Horizontal sum of the four f32 lanes of v128 local `v`, left on the stack as `(l0 + l1) + (l2 + l3)`. */
export const hsum = (v: number): number[] => [
  ...get(v),
  ...lane(0),
  ...get(v),
  ...lane(1),
  ...F32_ADD,
  ...get(v),
  ...lane(2),
  ...get(v),
  ...lane(3),
  ...F32_ADD,
  ...F32_ADD,
];
