import { SimInputError } from '../../errors/sim.js';

/** Largest supported decimal precision (raw values must stay safe integers). */
export const MAX_PRECISION = 12;

/**
 * Rounds `x` to the nearest integer, ties to even (banker's rounding), treating values within 1e-9 of a half as
 * a tie so that float noise in `0.125 * 100` does not break it. Reference: IEEE 754 roundTiesToEven.
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (Math.abs(diff - 0.5) < 1e-9) return f % 2 === 0 ? f : f + 1;
  return diff < 0.5 ? f : f + 1;
}

/** 10^precision, checking 0 <= precision <= MAX_PRECISION. */
export function scaleOf(precision: number, what: string): number {
  if (!Number.isInteger(precision) || precision < 0 || precision > MAX_PRECISION)
    throw new SimInputError(
      'fixed',
      what,
      `precision must be an integer in [0, ${MAX_PRECISION}], got ${precision}`,
    );
  return 10 ** precision;
}

/** Checks that `raw` is a safe integer, else throws naming `what`. */
export function checkRaw(raw: number, what: string): number {
  if (!Number.isSafeInteger(raw))
    throw new SimInputError('fixed', what, `raw value ${raw} is not a safe integer`);
  return raw;
}
