import { SimInputError, SimStateError } from '../../errors/sim.js';
import { OrderBook } from '../orderBook.js';
import {
  BUY,
  type BookListener,
  GTC,
  IOC,
  type OrderBookOptions,
  SELL,
  type Side,
  type TimeInForce,
} from '../orderTypes.js';
import { bookSnapshotRecord, quoteRecord } from '../bookRecords.js';
import { type RecordSink, SIM_SOURCE } from '../recordSink.js';
import { Instrument, type InstrumentSpec } from '../types/instrument.js';
import { DEFAULT_INTEREST_RATE, averagePremium, fundingRate, median3, premiumIndex } from './funding.js';

/** Options of a perpetual (or dated future when `expiryMs` is set). */
export interface PerpOptions extends InstrumentSpec {
  sink: RecordSink;
  /** Book ladder. */
  book?: Pick<OrderBookOptions, 'minPriceTicks' | 'levels' | 'stp'>;
  /** Maximum leverage (initial margin = notional / maxLeverage). Default 20. */
  maxLeverage?: number;
  /** Maintenance margin rate. Default 0.004. */
  maintenanceMarginRate?: number;
  /** Liquidation clearance fee rate, paid to the insurance fund from the remaining margin. Default 0.0125. */
  liquidationFeeRate?: number;
  /** Funding interval, ms. Default 8h. */
  fundingIntervalMs?: number;
  /** Impact margin notional (quote) for impact bid/ask. Default 200 * maxLeverage (Binance: 200 USDT / IMR). */
  impactNotional?: number;
  /** Funding-rate cap. Default 0.75 * maintenance margin rate * 2.5 (0.0075 with the defaults). */
  fundingCap?: number;
  /** Interest rate per funding interval. Default 0.0001. */
  interestRate?: number;
  /** Dated future: expiry epoch ms (no funding; positions settle at the index at expiry). */
  expiryMs?: number;
  /** Initial insurance fund (quote). Default 0. */
  insuranceFund?: number;
}

interface Account {
  collateral: number; // quote
  lots: number; // signed position, lots
  entry: number; // average entry price (quote per base)
}

/** What a liquidation did. */
export interface PerpLiquidation {
  account: number;
  lots: number;
  price: number;
  /** Quote paid by (negative) or to (positive) the insurance fund. */
  insuranceDelta: number;
  /** Loss the insurance fund could not cover, before the haircut of winning accounts. */
  uncovered: number;
}

/**
 * A linear (quote-margined) perpetual swap or dated future on its own price-time-priority order book: cross
 * margin accounts, leverage limit on new orders, mark price as the median of the index plus decayed funding
 * basis, the index plus a moving-average basis, and the last trade (Binance), premium-index sampling with
 * impact bid/ask, funding every interval with the Binance clamp formula, a liquidation engine that closes
 * under-margined accounts through the book (clearance fee to the insurance fund; the fund covers bankruptcies;
 * what it cannot cover is clawed back from accounts in profit, pro rata to their unrealized PnL), and expiry
 * settlement at the index for futures.
 * Conservation: sum(collateral + unrealized PnL at mark) + insurance fund + fees - socialized loss = deposits.
 * Reference: Binance Futures documentation (mark price, funding rates, liquidation, insurance fund).
 */
export class PerpVenue implements BookListener {
  readonly inst: Instrument;
  readonly book: OrderBook;
  readonly maxLeverage: number;
  readonly mmr: number;
  readonly fundingIntervalMs: number;
  readonly expiryMs: number | undefined;
  private readonly sink: RecordSink;
  private readonly accounts = new Map<number, Account>();
  private readonly liqFee: number;
  private readonly impactNotional: number;
  private readonly fundingCap: number;
  private readonly interest: number;
  private premiums = new Float64Array(1024);
  private nPremium = 0;
  private basisEma = 0;
  /** Index (spot reference) price. */
  indexPrice = Number.NaN;
  /** Last trade price. */
  lastPrice = Number.NaN;
  /** Last funding rate applied. */
  lastFundingRate = 0;
  /** Insurance fund balance (quote). */
  insuranceFund = 0;
  /** Fees collected (quote). */
  feesCollected = 0;
  /** Bankruptcy losses that neither the insurance fund nor the winners' haircut covered. */
  socializedLoss = 0;
  /** Total collateral deposited (quote). */
  deposited = 0;
  private tradeSeq = 0;
  private nowMs = 0;
  private nextFundingMs = 0;
  settled = false;

  constructor(opts: PerpOptions, startMs: number) {
    this.inst = new Instrument(opts);
    this.sink = opts.sink;
    this.book = new OrderBook({ ...opts.book, name: this.inst.id }, this);
    this.maxLeverage = opts.maxLeverage ?? 20;
    this.mmr = opts.maintenanceMarginRate ?? 0.004;
    this.liqFee = opts.liquidationFeeRate ?? 0.0125;
    this.fundingIntervalMs = opts.fundingIntervalMs ?? 8 * 3_600_000;
    this.impactNotional = opts.impactNotional ?? 200 * this.maxLeverage;
    this.fundingCap = opts.fundingCap ?? 0.0075;
    this.interest = opts.interestRate ?? DEFAULT_INTEREST_RATE;
    this.expiryMs = opts.expiryMs;
    this.insuranceFund = opts.insuranceFund ?? 0;
    this.deposited = this.insuranceFund;
    if (!(this.maxLeverage >= 1)) throw new SimInputError(this.inst.id, 'maxLeverage', 'must be >= 1');
    if (!(this.mmr > 0 && this.mmr < 1 / this.maxLeverage))
      throw new SimInputError(this.inst.id, 'maintenanceMarginRate', 'must be in (0, 1 / maxLeverage)');
    this.nowMs = startMs;
    this.nextFundingMs = Math.floor(startMs / this.fundingIntervalMs + 1) * this.fundingIntervalMs;
  }

  /** Credits collateral (quote) to `owner`. */
  deposit(owner: number, amount: number): void {
    if (!(amount >= 0) || !Number.isFinite(amount))
      throw new SimInputError(this.inst.id, 'amount', `deposit must be >= 0, got ${amount}`);
    this.acct(owner).collateral += amount;
    this.deposited += amount;
  }

  /** Position of `owner`: signed size in base units, entry price, collateral and equity at mark. */
  position(owner: number) {
    const a = this.acct(owner);
    const size = this.inst.sizeOf(a.lots);
    return { size, lots: a.lots, entry: a.entry, collateral: a.collateral, equity: this.equity(a) };
  }

  /**
   * Mark price: median(index * (1 + lastFunding * timeToFunding / interval), index + EMA basis, last trade).
   * Falls back to the index before the first trade.
   */
  get markPrice(): number {
    const idx = this.indexPrice;
    if (Number.isNaN(idx)) return this.lastPrice;
    const tau = (this.nextFundingMs - this.nowMs) / this.fundingIntervalMs;
    const p1 = idx * (1 + (this.expiryMs === undefined ? this.lastFundingRate * tau : 0));
    const p2 = idx + this.basisEma;
    return Number.isNaN(this.lastPrice) ? median3(p1, p2, idx) : median3(p1, p2, this.lastPrice);
  }

  /** Open interest in base units (sum of long sizes). */
  openInterest(): number {
    let s = 0;
    for (const a of this.accounts.values()) if (a.lots > 0) s += a.lots;
    return this.inst.sizeOf(s);
  }

  /**
   * Places an order. New exposure must keep the account's initial margin within its equity.
   * @throws SimStateError when margin is insufficient or the future has settled
   */
  placeOrder(
    owner: number,
    side: Side,
    priceTicks: number,
    lots: number,
    tif: TimeInForce = GTC,
    postOnly = false,
  ): number {
    if (this.settled) throw new SimStateError(this.inst.id, 'contract expired and settled');
    const a = this.acct(owner);
    const worst = Math.abs(a.lots + (side === BUY ? lots : -lots)) + this.openOrderLots(owner);
    const px = Math.max(this.inst.priceOf(priceTicks), Number.isNaN(this.markPrice) ? 0 : this.markPrice);
    if (
      Math.abs(worst) > Math.abs(a.lots) &&
      (this.inst.sizeOf(worst) * px) / this.maxLeverage > this.equity(a)
    )
      throw new SimStateError(
        this.inst.id,
        `account ${owner}: insufficient margin for ${lots} lots at leverage ${this.maxLeverage}`,
      );
    const id = this.book.submit(owner, side, priceTicks, lots, tif, postOnly);
    this.trackOrder(owner, id);
    return id;
  }

  /** Market order (IOC through the book at the touch +/- 5%); undefined when the opposite side is empty. */
  placeMarket(owner: number, side: Side, lots: number): number | undefined {
    const touch = side === BUY ? this.book.bestAsk : this.book.bestBid;
    if (Number.isNaN(touch)) return undefined;
    const lim =
      side === BUY
        ? Math.min(this.book.minPrice + this.book.levels - 1, Math.ceil(touch * 1.05))
        : Math.max(this.book.minPrice, Math.floor(touch * 0.95));
    return this.placeOrder(owner, side, lim, lots, IOC);
  }

  /** Cancels a resting order. */
  cancel(orderId: number): number {
    return this.book.cancel(orderId);
  }

  /** Emits an L1 quote record (skipped when a side is empty). */
  emitQuote(): void {
    const q = quoteRecord(this.book, this.inst, this.nowMs);
    if (q) this.sink.emit('quotes', q);
  }

  /** Emits an L2 snapshot with up to `depth` levels a side. */
  emitBook(depth: number): void {
    this.sink.emit('bookSnapshots', bookSnapshotRecord(this.book, this.inst, this.nowMs, depth));
  }

  /** Emits the open interest now (contracts and USD at mark). */
  emitOpenInterest(): void {
    const oi = this.openInterest();
    const mark = this.markPrice;
    this.sink.emit('openInterest', {
      tsEvent: Math.floor(this.nowMs),
      source: SIM_SOURCE,
      venue: this.inst.venue,
      symbol: this.inst.symbol,
      openInterest: oi,
      ...(Number.isNaN(mark) ? {} : { openInterestUsd: oi * mark }),
    });
  }

  /**
   * Advances venue time: updates the index, samples the premium index, settles funding at interval boundaries
   * (or the future at expiry), runs the liquidation engine, and emits funding / open-interest records.
   * @returns liquidations performed
   */
  update(nowMs: number, indexPrice: number): PerpLiquidation[] {
    if (!(indexPrice > 0))
      throw new SimInputError(this.inst.id, 'indexPrice', `must be > 0, got ${indexPrice}`);
    this.nowMs = nowMs;
    this.indexPrice = indexPrice;
    if (this.settled) return [];
    const bid = this.impactPrice(SELL);
    const ask = this.impactPrice(BUY);
    if (!Number.isNaN(bid) && !Number.isNaN(ask)) {
      if (this.nPremium === this.premiums.length) {
        const p = new Float64Array(this.premiums.length * 2);
        p.set(this.premiums);
        this.premiums = p;
      }
      this.premiums[this.nPremium++] = premiumIndex(bid, ask, indexPrice);
      const basis = (bid + ask) / 2 - indexPrice;
      this.basisEma += 0.1 * (basis - this.basisEma);
    }
    if (this.expiryMs !== undefined && nowMs >= this.expiryMs) {
      this.settleExpiry();
      return [];
    }
    if (this.expiryMs === undefined && nowMs >= this.nextFundingMs) this.applyFunding();
    return this.liquidate();
  }

  /** Total value for the conservation check: sum(equity) + insurance + fees - socialized loss (= deposits). */
  totalValue(): number {
    let s = this.insuranceFund + this.feesCollected - this.socializedLoss;
    for (const a of this.accounts.values()) s += this.equity(a);
    return s;
  }

  /** @internal BookListener */
  onFill(
    makerId: number,
    _takerId: number,
    priceTicks: number,
    lots: number,
    makerOwner: number,
    takerOwner: number,
    takerSide: Side,
  ): void {
    const price = this.inst.priceOf(priceTicks);
    const notional = this.inst.sizeOf(lots) * price * this.inst.multiplier;
    this.applyFill(this.acct(takerOwner), takerSide === BUY ? lots : -lots, price);
    this.applyFill(this.acct(makerOwner), takerSide === BUY ? -lots : lots, price);
    const mf = notional * this.inst.makerFee;
    const tf = notional * this.inst.takerFee;
    this.acct(makerOwner).collateral -= mf;
    this.acct(takerOwner).collateral -= tf;
    this.feesCollected += mf + tf;
    this.lastPrice = price;
    this.sink.emit('trades', {
      tsEvent: Math.floor(this.nowMs),
      source: SIM_SOURCE,
      venue: this.inst.venue,
      symbol: this.inst.symbol,
      tradeId: String(++this.tradeSeq),
      price,
      amount: this.inst.sizeOf(lots),
      side: takerSide === BUY ? 'buy' : 'sell',
    });
    this.untrackIfDone(makerOwner, makerId);
  }

  /** @internal BookListener */
  onCancel(orderId: number, owner: number): void {
    this.untrackIfDone(owner, orderId, true);
  }

  private applyFill(a: Account, dLots: number, price: number): void {
    const mult = this.inst.multiplier * this.inst.lotSize;
    if (a.lots === 0 || Math.sign(a.lots) === Math.sign(dLots)) {
      const n = a.lots + dLots;
      a.entry = (a.entry * a.lots + price * dLots) / n;
      a.lots = n;
      return;
    }
    const closing = Math.min(Math.abs(dLots), Math.abs(a.lots));
    const sign = Math.sign(a.lots);
    a.collateral += sign * closing * mult * (price - a.entry);
    const rest = a.lots + dLots;
    if (rest === 0) {
      a.lots = 0;
      a.entry = 0;
    } else if (Math.sign(rest) === sign) a.lots = rest;
    else {
      a.lots = rest;
      a.entry = price;
    }
  }

  private equity(a: Account, mark = this.markPrice): number {
    if (a.lots === 0) return a.collateral;
    return a.collateral + a.lots * this.inst.lotSize * this.inst.multiplier * (mark - a.entry);
  }

  private applyFunding(): void {
    const rate = fundingRate(averagePremium(this.premiums, this.nPremium), this.interest, this.fundingCap);
    const mark = this.markPrice;
    const fundingTs = this.nextFundingMs;
    this.nPremium = 0;
    this.lastFundingRate = rate;
    this.nextFundingMs += this.fundingIntervalMs;
    for (const a of this.accounts.values())
      if (a.lots !== 0) a.collateral -= a.lots * this.inst.lotSize * this.inst.multiplier * mark * rate;
    this.sink.emit('funding', {
      tsEvent: fundingTs,
      source: SIM_SOURCE,
      venue: this.inst.venue,
      symbol: this.inst.symbol,
      rate,
      intervalMs: this.fundingIntervalMs,
      markPrice: mark,
    });
    this.sink.emit('openInterest', {
      tsEvent: fundingTs,
      source: SIM_SOURCE,
      venue: this.inst.venue,
      symbol: this.inst.symbol,
      openInterest: this.openInterest(),
      openInterestUsd: this.openInterest() * mark,
    });
  }

  private settleExpiry(): void {
    const px = this.indexPrice;
    const mult = this.inst.multiplier * this.inst.lotSize;
    for (const a of this.accounts.values()) {
      if (a.lots !== 0) a.collateral += a.lots * mult * (px - a.entry);
      a.lots = 0;
      a.entry = 0;
    }
    for (const o of this.book.ordersL3(BUY, 1e9).concat(this.book.ordersL3(SELL, 1e9)))
      this.book.cancel(o.orderId);
    this.lastPrice = px;
    this.settled = true;
  }

  private liquidate(): PerpLiquidation[] {
    const out: PerpLiquidation[] = [];
    const mark = this.markPrice;
    if (Number.isNaN(mark)) return out;
    let flagged: number[] | undefined;
    for (const [id, a] of this.accounts) {
      if (a.lots === 0) continue;
      const notional = Math.abs(a.lots) * this.inst.lotSize * this.inst.multiplier * mark;
      if (this.equity(a, mark) < notional * this.mmr) (flagged ??= []).push(id);
    }
    for (const id of flagged ?? []) {
      const a = this.acct(id);
      // cancel the account's orders, then close through the book as taker
      for (const o of this.book.ordersL3(BUY, 1e9).concat(this.book.ordersL3(SELL, 1e9)))
        if (o.owner === id) this.book.cancel(o.orderId);
      const side = a.lots > 0 ? SELL : BUY;
      const lots = Math.abs(a.lots);
      this.book.submitMarket(id, side, lots);
      const filled = this.book.lastFilledLots;
      const eq = a.lots === 0 ? a.collateral : this.equity(a);
      let insuranceDelta = 0;
      let uncovered = 0;
      if (a.lots === 0) {
        if (eq >= 0) {
          const closed = this.inst.sizeOf(filled) * this.inst.multiplier * this.lastPrice;
          const fee = Math.min(eq, closed * this.liqFee);
          a.collateral -= fee;
          this.insuranceFund += fee;
          insuranceDelta = fee;
        } else {
          const cover = Math.min(-eq, this.insuranceFund);
          this.insuranceFund -= cover;
          uncovered = -eq - cover;
          a.collateral = 0;
          insuranceDelta = -cover;
          if (uncovered > 0) this.socializedLoss += uncovered - this.haircutWinners(uncovered, mark, id);
        }
      }
      out.push({ account: id, lots: filled, price: this.lastPrice, insuranceDelta, uncovered });
      this.sink.emit('liquidations', {
        tsEvent: Math.floor(this.nowMs),
        source: SIM_SOURCE,
        venue: this.inst.venue,
        symbol: this.inst.symbol,
        liquidationId: `${this.inst.symbol}:${Math.floor(this.nowMs)}:${id}`,
        side: side === SELL ? 'long' : 'short',
        price: Number.isNaN(this.lastPrice) ? mark : this.lastPrice,
        amount: this.inst.sizeOf(filled),
        valueUsd: this.inst.sizeOf(filled) * mark,
      });
    }
    return out;
  }

  /**
   * Socialized-loss haircut when the insurance fund is exhausted: takes `loss` from accounts with positive
   * unrealized PnL at `mark`, pro rata to that PnL and at most all of it (the clawback ADL achieves by closing
   * winners at the bankruptcy price; BitMEX-style socialized loss). @returns the amount recovered
   */
  private haircutWinners(loss: number, mark: number, bankrupt: number): number {
    let totalProfit = 0;
    const mult = this.inst.lotSize * this.inst.multiplier;
    for (const [id, a] of this.accounts) {
      if (id === bankrupt || a.lots === 0) continue;
      const u = a.lots * mult * (mark - a.entry);
      if (u > 0) totalProfit += u;
    }
    if (!(totalProfit > 0)) return 0;
    const share = Math.min(1, loss / totalProfit);
    let recovered = 0;
    for (const [id, a] of this.accounts) {
      if (id === bankrupt || a.lots === 0) continue;
      const u = a.lots * mult * (mark - a.entry);
      if (u > 0) {
        a.collateral -= u * share;
        recovered += u * share;
      }
    }
    return recovered;
  }

  private impactPrice(side: Side): number {
    // average price to fill impactNotional against the opposite side of `side`'s taker
    const bookSide = side === BUY ? SELL : BUY;
    let lv = side === BUY ? this.book.bestAsk : this.book.bestBid;
    if (Number.isNaN(lv)) return Number.NaN;
    let remaining = this.impactNotional;
    let qty = 0;
    const px = this.scratchPx;
    const q = this.scratchQty;
    const n = this.book.depth(bookSide, px, q);
    for (let i = 0; i < n && remaining > 0; i++) {
      lv = this.inst.priceOf(px[i]);
      const lvlNotional = this.inst.sizeOf(q[i]) * lv;
      const take = Math.min(remaining, lvlNotional);
      qty += take / lv;
      remaining -= take;
    }
    if (remaining > 1e-9) return Number.NaN;
    return this.impactNotional / qty;
  }

  private readonly scratchPx = new Float64Array(64);
  private readonly scratchQty = new Float64Array(64);
  private readonly openOrders = new Map<number, Set<number>>();

  private trackOrder(owner: number, id: number): void {
    if (!this.book.has(id)) return;
    let s = this.openOrders.get(owner);
    if (!s) {
      s = new Set();
      this.openOrders.set(owner, s);
    }
    s.add(id);
  }

  private untrackIfDone(owner: number, id: number, force = false): void {
    if (force || !this.book.has(id)) this.openOrders.get(owner)?.delete(id);
  }

  private openOrderLots(owner: number): number {
    let s = 0;
    for (const id of this.openOrders.get(owner) ?? []) s += this.book.remainingOf(id);
    return s;
  }

  private acct(owner: number): Account {
    let a = this.accounts.get(owner);
    if (!a) {
      a = { collateral: 0, lots: 0, entry: 0 };
      this.accounts.set(owner, a);
    }
    return a;
  }
}
