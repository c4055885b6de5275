import { SimInputError } from '../../errors/sim.js';
import { checkRaw, roundHalfEven, scaleOf } from './fixed.js';

/**
 * A non-negative quantity as a raw fixed-point integer plus a decimal precision: value = raw / 10^precision
 * (as NautilusTrader's `Quantity`).
 */
export interface Quantity {
  readonly raw: number;
  readonly precision: number;
}

/** Builds a quantity from a float, quantized half-even. @throws SimInputError when negative or not finite */
export function quantityFromNumber(value: number, precision: number): Quantity {
  if (!Number.isFinite(value) || value < 0)
    throw new SimInputError('quantity', 'value', `must be finite and >= 0, got ${value}`);
  const raw = roundHalfEven(value * scaleOf(precision, 'quantity.precision'));
  return { raw: checkRaw(raw, 'quantity.raw'), precision };
}

/** The float value of a quantity. */
export function quantityToNumber(q: Quantity): number {
  return q.raw / 10 ** q.precision;
}

/** a + b (same precision). @throws SimInputError */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  if (a.precision !== b.precision)
    throw new SimInputError(
      'quantity',
      'precision',
      `cannot add precision ${a.precision} and ${b.precision}`,
    );
  return { raw: checkRaw(a.raw + b.raw, 'quantity.raw'), precision: a.precision };
}

/** a - b, refusing to go negative. @throws SimInputError */
export function subQuantity(a: Quantity, b: Quantity): Quantity {
  if (a.precision !== b.precision)
    throw new SimInputError(
      'quantity',
      'precision',
      `cannot subtract precision ${b.precision} from ${a.precision}`,
    );
  if (b.raw > a.raw)
    throw new SimInputError('quantity', 'raw', `result would be negative (${a.raw} - ${b.raw})`);
  return { raw: a.raw - b.raw, precision: a.precision };
}
