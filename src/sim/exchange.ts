import { SimInputError, SimStateError } from '../errors/sim.js';
import { parseSymbol } from '../data/identifiers.js';
import { BarAggregator } from './barAggregator.js';
import { bookSnapshotRecord, quoteRecord } from './bookRecords.js';
import { OrderBook } from './orderBook.js';
import {
  BUY,
  type BookListener,
  GTC,
  IOC,
  type OrderBookOptions,
  type Side,
  type TimeInForce,
} from './orderTypes.js';
import type { OrderFilled } from './events.js';
import { type RecordSink, SIM_SOURCE } from './recordSink.js';
import { Instrument, type InstrumentSpec } from './types/instrument.js';

/** Book ladder of one instrument plus its instrument spec. */
export interface ExchangeInstrumentSpec extends InstrumentSpec {
  /** Decimals of the base asset's atomic unit (e.g. 8 for BTC). */
  baseDecimals: number;
  /** Decimals of the quote asset's atomic unit (e.g. 6 for USDT). */
  quoteDecimals: number;
  /** Ladder of the book (minPriceTicks, levels). */
  book?: Pick<OrderBookOptions, 'minPriceTicks' | 'levels' | 'stp'>;
  /** Market orders are IOC limits this fraction away from the touch (price band). Default 0.05. */
  marketBand?: number;
}

interface Market {
  inst: Instrument;
  base: string;
  quote: string;
  book: OrderBook;
  quotePerTickLot: number; // quote atomic units per (tick * lot)
  basePerLot: number; // base atomic units per lot
  band: number;
  tradeSeq: number;
  bars: BarAggregator[];
  quoteDecimals: number;
}

interface OpenOrder {
  owner: number;
  market: Market;
  side: Side;
  /** Atomic units locked for this order (quote for buys, base for sells). */
  locked: number;
}

/** An account's balance of one asset in atomic units. */
export interface Balance {
  free: number;
  locked: number;
}

/** Options of an `Exchange`. */
export interface ExchangeOptions {
  /** Venue id, lower-case (`simx`). */
  venue: string;
  sink: RecordSink;
  /** Current simulated time in epoch ms (records are stamped with its floor). */
  clockMs: () => number;
  /** Bar intervals to aggregate for every instrument (e.g. `['1m']`). */
  barIntervals?: string[];
  /** Receives an `OrderFilled` for each side of every trade (maker first), e.g. to update `Position`s. */
  onOrderFilled?: (fill: OrderFilled) => void;
}

/**
 * A spot centralized exchange: one price-time-priority `OrderBook` per instrument, accounts with free and locked
 * balances in integer atomic units, maker/taker fees in the quote asset (collected in the fee account), trade
 * prints, bars, L1 quotes and L2 snapshots as records.
 *
 * Conservation: every fill moves exactly `ticks * lots * quotePerTickLot` quote units and `lots * basePerLot`
 * base units between two accounts; fees move quote units to `FEE_ACCOUNT`. Assets are created only by `deposit`.
 * Buy orders lock `notional * (1 + max fee)` (rounded up) at their limit price; sells lock their base size.
 * Market orders are IOC limits at the touch +/- `marketBand` (a percent price filter as Binance applies).
 */
export class Exchange implements BookListener {
  /** Account id that collects fees. */
  static readonly FEE_ACCOUNT = -1;
  readonly venue: string;
  private readonly sink: RecordSink;
  private readonly clockMs: () => number;
  private readonly markets = new Map<string, Market>();
  private readonly balances = new Map<string, Map<number, Balance>>();
  private readonly orders = new Map<number, OpenOrder>();
  private pending: OpenOrder | undefined;
  private readonly barIntervals: string[];
  private readonly onOrderFilled: ((fill: OrderFilled) => void) | undefined;
  /** Total deposits per asset (atomic units), for conservation checks. */
  readonly deposited = new Map<string, number>();

  constructor(opts: ExchangeOptions) {
    this.venue = opts.venue;
    this.sink = opts.sink;
    this.clockMs = opts.clockMs;
    this.barIntervals = opts.barIntervals ?? [];
    this.onOrderFilled = opts.onOrderFilled;
  }

  /** Lists a spot instrument. @throws SimInputError when the units do not divide */
  addInstrument(spec: ExchangeInstrumentSpec): Instrument {
    const inst = new Instrument(spec);
    const { base, quote, isDerivative } = parseSymbol(spec.symbol);
    if (isDerivative) throw new SimInputError(this.venue, 'symbol', `${spec.symbol} is not a spot symbol`);
    const qptl = spec.tickSize * spec.lotSize * 10 ** spec.quoteDecimals;
    const bpl = spec.lotSize * 10 ** spec.baseDecimals;
    if (Math.abs(qptl - Math.round(qptl)) > 1e-6 || Math.round(qptl) < 1)
      throw new SimInputError(
        this.venue,
        'quoteDecimals',
        `tick*lot of ${spec.symbol} is not whole quote units`,
      );
    if (Math.abs(bpl - Math.round(bpl)) > 1e-6 || Math.round(bpl) < 1)
      throw new SimInputError(this.venue, 'baseDecimals', `lot of ${spec.symbol} is not whole base units`);
    const book = new OrderBook({ ...spec.book, name: inst.id }, this);
    const m: Market = {
      inst,
      base,
      quote,
      book,
      quotePerTickLot: Math.round(qptl),
      basePerLot: Math.round(bpl),
      band: spec.marketBand ?? 0.05,
      tradeSeq: 0,
      bars: [],
      quoteDecimals: spec.quoteDecimals,
    };
    for (const iv of this.barIntervals)
      m.bars.push(new BarAggregator(this.venue, spec.symbol, iv, (b) => this.sink.emit('bars', b)));
    this.markets.set(spec.symbol, m);
    return inst;
  }

  /** The order book of `symbol`. @throws SimInputError for an unknown symbol */
  book(symbol: string): OrderBook {
    return this.market(symbol).book;
  }

  /** Credits `units` atomic units of `asset` to `owner` (the only way assets enter the venue). */
  deposit(owner: number, asset: string, units: number): void {
    if (!Number.isSafeInteger(units) || units < 0)
      throw new SimInputError(this.venue, 'units', `deposit must be a non-negative integer, got ${units}`);
    this.bal(owner, asset).free += units;
    this.deposited.set(asset, (this.deposited.get(asset) ?? 0) + units);
  }

  /** Balance of `owner` in `asset` (atomic units). */
  balance(owner: number, asset: string): Balance {
    const b = this.balances.get(asset)?.get(owner);
    return { free: b?.free ?? 0, locked: b?.locked ?? 0 };
  }

  /** Sum of free + locked over all accounts (fee account included) of `asset`. */
  totalHeld(asset: string): number {
    let s = 0;
    for (const b of this.balances.get(asset)?.values() ?? []) s += b.free + b.locked;
    return s;
  }

  /**
   * Places a limit order (ticks and lots from `instrument.makePrice` / `makeQty`).
   * @returns the order id (also for orders that filled or were cancelled at once)
   * @throws SimStateError when the free balance cannot cover the lock
   */
  placeLimit(
    owner: number,
    symbol: string,
    side: Side,
    priceTicks: number,
    lots: number,
    tif: TimeInForce = GTC,
    postOnly = false,
  ): number {
    const m = this.market(symbol);
    const lock = this.lockFor(m, side, priceTicks, lots);
    const asset = side === BUY ? m.quote : m.base;
    const b = this.bal(owner, asset);
    if (b.free < lock)
      throw new SimStateError(
        this.venue,
        `account ${owner}: ${asset} free ${b.free} < ${lock} needed on ${symbol}`,
      );
    b.free -= lock;
    b.locked += lock;
    const o: OpenOrder = { owner, market: m, side, locked: lock };
    this.pending = o;
    const id = m.book.submit(owner, side, priceTicks, lots, tif, postOnly);
    this.pending = undefined;
    if (m.book.lastRestingLots > 0) this.orders.set(id, o);
    else this.release(o);
    return id;
  }

  /**
   * Market order: an IOC limit at the touch +/- the price band. Returns the order id; `book.lastFilledLots`
   * tells how much filled. Does nothing and returns undefined when the opposite side is empty.
   */
  placeMarket(owner: number, symbol: string, side: Side, lots: number): number | undefined {
    const m = this.market(symbol);
    const touch = side === BUY ? m.book.bestAsk : m.book.bestBid;
    if (Number.isNaN(touch)) return undefined;
    const lim =
      side === BUY
        ? Math.min(m.book.minPrice + m.book.levels - 1, Math.ceil(touch * (1 + m.band)))
        : Math.max(m.book.minPrice, Math.floor(touch * (1 - m.band)));
    return this.placeLimit(owner, symbol, side, lim, lots, IOC, false);
  }

  /** Cancels a resting order and unlocks its remaining lock. @returns lots cancelled (0 if not resting) */
  cancel(orderId: number): number {
    const o = this.orders.get(orderId);
    if (!o) return 0;
    return o.market.book.cancel(orderId);
  }

  /** Modifies a resting order (see `OrderBook.modify`), re-locking for the new price and size. */
  modify(orderId: number, priceTicks: number, lots: number): void {
    const o = this.orders.get(orderId);
    if (!o) throw new SimStateError(this.venue, `modify: order ${orderId} is not resting`);
    const m = o.market;
    const need = this.lockFor(m, o.side, priceTicks, lots);
    const b = this.bal(o.owner, o.side === BUY ? m.quote : m.base);
    if (b.free + o.locked < need)
      throw new SimStateError(
        this.venue,
        `modify: account ${o.owner} cannot cover ${need} for order ${orderId}`,
      );
    b.free += o.locked - need;
    b.locked += need - o.locked;
    o.locked = need;
    this.pending = o;
    m.book.modify(orderId, priceTicks, lots);
    this.pending = undefined;
    if (m.book.lastRestingLots === 0) {
      this.orders.delete(orderId);
      this.release(o);
    }
  }

  /** Emits an L1 quote record of `symbol` (skipped when a side is empty). */
  emitQuote(symbol: string): void {
    const m = this.market(symbol);
    const q = quoteRecord(m.book, m.inst, this.clockMs());
    if (q) this.sink.emit('quotes', { ...q, venue: this.venue });
  }

  /** Emits an L2 book snapshot record with up to `depth` levels a side. */
  emitBook(symbol: string, depth: number): void {
    const m = this.market(symbol);
    this.sink.emit('bookSnapshots', {
      ...bookSnapshotRecord(m.book, m.inst, this.clockMs(), depth),
      venue: this.venue,
    });
  }

  /** Closes bars whose interval has ended by now (call on a timer). */
  advanceBars(): void {
    const t = this.clockMs();
    for (const m of this.markets.values()) for (const b of m.bars) b.advance(t);
  }

  /** Emits every open bar (end of run). */
  flushBars(): void {
    for (const m of this.markets.values()) for (const b of m.bars) b.flush();
  }

  /** @internal BookListener: settles a fill between the two accounts and prints the trade. */
  onFill(
    makerId: number,
    takerId: number,
    priceTicks: number,
    lots: number,
    _makerOwner: number,
    _takerOwner: number,
    takerSide: Side,
  ): void {
    const maker = this.orders.get(makerId) as OpenOrder;
    const taker = this.pending as OpenOrder;
    const m = taker.market;
    const notional = priceTicks * lots * m.quotePerTickLot;
    const baseUnits = lots * m.basePerLot;
    const makerFee = Math.round(notional * m.inst.makerFee);
    const takerFee = Math.round(notional * m.inst.takerFee);
    const buyer = takerSide === BUY ? taker : maker;
    const seller = takerSide === BUY ? maker : taker;
    const buyerFee = takerSide === BUY ? takerFee : makerFee;
    const sellerFee = takerSide === BUY ? makerFee : takerFee;
    // buyer pays quote from its lock, receives base
    buyer.locked -= notional + buyerFee;
    this.bal(buyer.owner, m.quote).locked -= notional + buyerFee;
    this.bal(buyer.owner, m.base).free += baseUnits;
    // seller delivers base from its lock, receives quote net of fee
    seller.locked -= baseUnits;
    this.bal(seller.owner, m.base).locked -= baseUnits;
    this.bal(seller.owner, m.quote).free += notional - sellerFee;
    this.bal(Exchange.FEE_ACCOUNT, m.quote).free += makerFee + takerFee;
    if (!m.book.has(makerId)) {
      this.orders.delete(makerId);
      this.release(maker);
    }
    const tsMs = this.clockMs();
    const price = m.inst.priceOf(priceTicks);
    const amount = m.inst.sizeOf(lots);
    this.sink.emit('trades', {
      tsEvent: Math.floor(tsMs),
      source: SIM_SOURCE,
      venue: this.venue,
      symbol: m.inst.symbol,
      tradeId: String(++m.tradeSeq),
      price,
      amount,
      side: takerSide === BUY ? 'buy' : 'sell',
    });
    for (const b of m.bars) b.addTrade(tsMs, price, amount);
    if (this.onOrderFilled) {
      const tradeId = String(m.tradeSeq);
      const ts = Math.floor(tsMs);
      const base = {
        instrumentId: m.inst.id,
        tradeId,
        lastPx: price,
        lastQty: amount,
        tsEvent: ts,
        tsInit: ts,
      };
      const q = 10 ** -m.quoteDecimals;
      this.onOrderFilled({
        ...base,
        orderId: makerId,
        accountId: maker.owner,
        side: maker.side,
        commission: makerFee * q,
        isMaker: true,
      });
      this.onOrderFilled({
        ...base,
        orderId: takerId,
        accountId: taker.owner,
        side: takerSide,
        commission: takerFee * q,
        isMaker: false,
      });
    }
  }

  /** @internal BookListener: a resting order left the book (user cancel or STP). */
  onCancel(orderId: number): void {
    const o = this.orders.get(orderId);
    if (!o) return;
    this.orders.delete(orderId);
    this.release(o);
  }

  private release(o: OpenOrder): void {
    if (o.locked === 0) return;
    const b = this.bal(o.owner, o.side === BUY ? o.market.quote : o.market.base);
    b.locked -= o.locked;
    b.free += o.locked;
    o.locked = 0;
  }

  private lockFor(m: Market, side: Side, priceTicks: number, lots: number): number {
    if (side === BUY) {
      const notional = priceTicks * lots * m.quotePerTickLot;
      const fee = Math.max(m.inst.makerFee, m.inst.takerFee, 0);
      return notional + Math.ceil(notional * fee) + 1;
    }
    return lots * m.basePerLot;
  }

  private market(symbol: string): Market {
    const m = this.markets.get(symbol);
    if (!m) throw new SimInputError(this.venue, 'symbol', `unknown instrument ${symbol}`);
    return m;
  }

  private bal(owner: number, asset: string): Balance {
    let byOwner = this.balances.get(asset);
    if (!byOwner) {
      byOwner = new Map();
      this.balances.set(asset, byOwner);
    }
    let b = byOwner.get(owner);
    if (!b) {
      b = { free: 0, locked: 0 };
      byOwner.set(owner, b);
    }
    return b;
  }
}
