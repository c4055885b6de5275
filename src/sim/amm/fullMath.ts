import { SimInputError } from '../../errors/sim.js';

/** 2^96, the fixed-point scale of Uniswap v3 sqrt prices (Q64.96). */
export const Q96 = 1n << 96n;
/** 2^128, the fixed-point scale of v3 fee growth (Q128.128). */
export const Q128 = 1n << 128n;
/** 2^256. */
export const Q256 = 1n << 256n;
/** Largest uint256. */
export const MAX_UINT256 = Q256 - 1n;
/** Largest uint160. */
export const MAX_UINT160 = (1n << 160n) - 1n;

/** floor(a * b / d) for non-negative bigints (exact; Uniswap FullMath.mulDiv semantics). @throws on d = 0 */
export function mulDiv(a: bigint, b: bigint, d: bigint): bigint {
  if (d === 0n) throw new SimInputError('fullMath', 'denominator', 'division by zero');
  return (a * b) / d;
}

/** ceil(a * b / d) for non-negative bigints (Uniswap FullMath.mulDivRoundingUp). */
export function mulDivRoundingUp(a: bigint, b: bigint, d: bigint): bigint {
  if (d === 0n) throw new SimInputError('fullMath', 'denominator', 'division by zero');
  const p = a * b;
  const q = p / d;
  return p % d === 0n ? q : q + 1n;
}

/** ceil(a / b) for non-negative bigints (UnsafeMath.divRoundingUp). */
export function divRoundingUp(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b === 0n ? q : q + 1n;
}

/** x mod 2^256 (uint256 wrap-around, as fee-growth arithmetic in Uniswap v3 relies on). */
export function wrap256(x: bigint): bigint {
  return ((x % Q256) + Q256) % Q256;
}

/** Integer square root floor(sqrt(n)) by Newton's method from above (Babylonian), for n >= 0. */
export function sqrtBigInt(n: bigint): bigint {
  if (n < 0n) throw new SimInputError('fullMath', 'n', 'square root of a negative number');
  if (n < 2n) return n;
  // start above the root (float estimate, doubled until it is an upper bound), then descend monotonically
  let x = BigInt(Math.ceil(Math.sqrt(Number(n)))) + 1n;
  while (x * x < n) x *= 2n;
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
