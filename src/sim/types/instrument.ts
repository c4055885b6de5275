import { SimInputError } from '../../errors/sim.js';
import { roundHalfEven, scaleOf } from './fixed.js';

/** Static definition of a tradable instrument on a simulated venue. */
export interface InstrumentSpec {
  /** Symbol, e.g. `BTCUSDT`. */
  symbol: string;
  /** Venue, e.g. `SIMX`. */
  venue: string;
  /** Decimal places of prices. */
  pricePrecision: number;
  /** Minimum price increment (tick size), e.g. 0.01. Must be a multiple of 10^-pricePrecision. */
  tickSize: number;
  /** Decimal places of quantities. */
  sizePrecision: number;
  /** Minimum quantity increment (lot size), e.g. 0.001. */
  lotSize: number;
  /** Contract multiplier (1 for spot). */
  multiplier?: number;
  /** Maker fee as a decimal fraction of notional (negative = rebate), e.g. 0.0001. */
  makerFee: number;
  /** Taker fee as a decimal fraction of notional, e.g. 0.0005. */
  takerFee: number;
}

/**
 * An instrument: precisions, increments, multiplier and fees, and the only way agents' float prices and sizes
 * become orderable integers (ticks and lots). Quantization is half-even, and a size that rounds to zero lots is
 * an error. Reference: NautilusTrader `Instrument.make_price` / `make_qty`.
 */
export class Instrument {
  readonly symbol: string;
  readonly venue: string;
  readonly id: string;
  readonly tickSize: number;
  readonly lotSize: number;
  readonly pricePrecision: number;
  readonly sizePrecision: number;
  readonly multiplier: number;
  readonly makerFee: number;
  readonly takerFee: number;
  private readonly tickRaw: number;
  private readonly lotRaw: number;
  private readonly priceScale: number;
  private readonly sizeScale: number;

  constructor(spec: InstrumentSpec) {
    const where = `instrument ${spec.symbol}.${spec.venue}`;
    scaleOf(spec.pricePrecision, 'pricePrecision');
    scaleOf(spec.sizePrecision, 'sizePrecision');
    if (!(spec.tickSize > 0)) throw new SimInputError(where, 'tickSize', `must be > 0, got ${spec.tickSize}`);
    if (!(spec.lotSize > 0)) throw new SimInputError(where, 'lotSize', `must be > 0, got ${spec.lotSize}`);
    const tickRaw = spec.tickSize * 10 ** spec.pricePrecision;
    if (Math.abs(tickRaw - Math.round(tickRaw)) > 1e-9 || Math.round(tickRaw) < 1)
      throw new SimInputError(
        where,
        'tickSize',
        `${spec.tickSize} is not a multiple of 1e-${spec.pricePrecision}`,
      );
    const lotRaw = spec.lotSize * 10 ** spec.sizePrecision;
    if (Math.abs(lotRaw - Math.round(lotRaw)) > 1e-9 || Math.round(lotRaw) < 1)
      throw new SimInputError(
        where,
        'lotSize',
        `${spec.lotSize} is not a multiple of 1e-${spec.sizePrecision}`,
      );
    if (!Number.isFinite(spec.makerFee) || !Number.isFinite(spec.takerFee) || spec.takerFee < 0)
      throw new SimInputError(where, 'takerFee', 'fees must be finite and takerFee >= 0');
    if (spec.makerFee + spec.takerFee < 0)
      throw new SimInputError(
        where,
        'makerFee',
        'a maker rebate larger than the taker fee would create money',
      );
    this.symbol = spec.symbol;
    this.venue = spec.venue;
    this.id = `${spec.symbol}.${spec.venue}`;
    this.tickSize = spec.tickSize;
    this.lotSize = spec.lotSize;
    this.pricePrecision = spec.pricePrecision;
    this.sizePrecision = spec.sizePrecision;
    this.multiplier = spec.multiplier ?? 1;
    this.makerFee = spec.makerFee;
    this.takerFee = spec.takerFee;
    this.priceScale = 10 ** spec.pricePrecision;
    this.sizeScale = 10 ** spec.sizePrecision;
    this.tickRaw = Math.round(tickRaw);
    this.lotRaw = Math.round(lotRaw);
  }

  /** Quantizes a float price to integer ticks, half-even. @throws SimInputError for non-finite or <= 0 */
  makePrice(price: number): number {
    if (!Number.isFinite(price) || price <= 0)
      throw new SimInputError(this.id, 'price', `must be finite and > 0, got ${price}`);
    const ticks = roundHalfEven(price / this.tickSize);
    if (ticks < 1)
      throw new SimInputError(this.id, 'price', `${price} rounds to zero ticks (tick ${this.tickSize})`);
    return ticks;
  }

  /** Quantizes a float size to integer lots, half-even. @throws SimInputError when it rounds to zero lots */
  makeQty(size: number): number {
    if (!Number.isFinite(size) || size <= 0)
      throw new SimInputError(this.id, 'size', `must be finite and > 0, got ${size}`);
    const lots = roundHalfEven(size / this.lotSize);
    if (lots < 1)
      throw new SimInputError(this.id, 'size', `${size} rounds to zero lots (lot ${this.lotSize})`);
    return lots;
  }

  /** Float price of `ticks`, rounded to the price precision. */
  priceOf(ticks: number): number {
    // integer numerator over a power of ten: IEEE division rounds to the double nearest the decimal value
    return (ticks * this.tickRaw) / this.priceScale;
  }

  /** Float size of `lots`, rounded to the size precision. */
  sizeOf(lots: number): number {
    return (lots * this.lotRaw) / this.sizeScale;
  }
}
