import { SimInputError } from '../../errors/sim.js';
import { checkRaw, roundHalfEven, scaleOf } from './fixed.js';

/**
 * A price as a raw fixed-point integer plus a decimal precision: value = raw / 10^precision.
 * Arithmetic refuses to mix precisions or leave the safe-integer range (as NautilusTrader's `Price`).
 */
export interface Price {
  readonly raw: number;
  readonly precision: number;
}

/** Builds a price from a float, quantized half-even at `precision` decimals. @throws SimInputError */
export function priceFromNumber(value: number, precision: number): Price {
  if (!Number.isFinite(value)) throw new SimInputError('price', 'value', `must be finite, got ${value}`);
  const raw = roundHalfEven(value * scaleOf(precision, 'price.precision'));
  return { raw: checkRaw(raw, 'price.raw'), precision };
}

/** The float value of a price. */
export function priceToNumber(p: Price): number {
  return p.raw / 10 ** p.precision;
}

/** a + b (same precision). @throws SimInputError on mixed precision or overflow */
export function addPrice(a: Price, b: Price): Price {
  if (a.precision !== b.precision)
    throw new SimInputError('price', 'precision', `cannot add precision ${a.precision} and ${b.precision}`);
  return { raw: checkRaw(a.raw + b.raw, 'price.raw'), precision: a.precision };
}

/** a - b (same precision). @throws SimInputError on mixed precision or overflow */
export function subPrice(a: Price, b: Price): Price {
  if (a.precision !== b.precision)
    throw new SimInputError(
      'price',
      'precision',
      `cannot subtract precision ${b.precision} from ${a.precision}`,
    );
  return { raw: checkRaw(a.raw - b.raw, 'price.raw'), precision: a.precision };
}
