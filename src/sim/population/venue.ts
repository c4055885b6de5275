import { BUY, LimitBook } from './limitBook.js';
import type { RecordSink } from './recordSink.js';

/** Source tag of every simulated record. */
export const SIM_SOURCE = 'cwm-sim';

/**
 * A spot venue for one symbol: a {@link LimitBook} plus agent accounts, taker fees, aggregated trade prints
 * (one print per taker order and price level, like exchange aggTrades) and the running 1-minute bar.
 * Prices are in quote units (USDT); quantities in base units.
 */
export class SpotVenue {
  readonly book: LimitBook;
  /** Base and quote holdings per agent id (may go negative: agents trade on credit lines). */
  readonly base: Float64Array;
  readonly quote: Float64Array;
  /** Last trade price (quote units). */
  last: number;
  /** Running minute bar: open, high, low, close, base volume, quote volume, trade count. */
  barOpen = Number.NaN;
  barHigh = Number.NaN;
  barLow = Number.NaN;
  barVolume = 0;
  barQuoteVolume = 0;
  barTrades = 0;
  /** Base volume bought and sold by takers this minute. */
  takerBuy = 0;
  takerSell = 0;
  private tradeSeq = 0;
  /** Current event time, ms (set by the world before agents act). */
  nowMs = 0;
  /** Record trade prints to the sink. */
  recordTrades = true;

  constructor(
    readonly venue: string,
    readonly symbol: string,
    /** Price increment, quote units. */
    readonly tickSize: number,
    price: number,
    nAgents: number,
    /** Taker fee, decimal. */
    readonly takerFee: number,
    private readonly sink: RecordSink,
  ) {
    this.book = new LimitBook(Math.round(price / tickSize), 1 << 16, 1 << 12);
    this.base = new Float64Array(nAgents);
    this.quote = new Float64Array(nAgents);
    this.last = price;
  }

  /** Mid price in quote units (last trade when a side is empty). */
  mid(): number {
    const m = this.book.mid();
    return Number.isFinite(m) ? m * this.tickSize : this.last;
  }

  /** Best bid and ask in quote units (NaN when empty). */
  bid(): number {
    return Number.isFinite(this.book.bestBid) ? this.book.bestBid * this.tickSize : Number.NaN;
  }
  ask(): number {
    return Number.isFinite(this.book.bestAsk) ? this.book.bestAsk * this.tickSize : Number.NaN;
  }

  /** Price to tick (nearest). */
  toTick(price: number): number {
    return Math.round(price / this.tickSize);
  }

  /**
   * Market order for `qty` base units with a slippage limit: it fills only up to `band` (default 0.5%) away
   * from the mid, like an IOC order with a price cap, and the rest is cancelled. Returns the base quantity filled.
   */
  market(agent: number, side: number, qty: number, band = 0.005): number {
    if (!(qty > 0)) return 0;
    const mid = this.mid();
    const lim = this.toTick(side === BUY ? mid * (1 + band) : mid * (1 - band));
    const h = this.book.limit(agent, side, lim, qty);
    const filled = this.settle(agent);
    if (h >= 0) this.book.cancel(h);
    return filled;
  }

  /** Limit order at `price` for `qty`; returns the resting handle or -1. Fills are settled. */
  limit(agent: number, side: number, price: number, qty: number): number {
    if (!(qty > 0) || !(price > 0)) return -1;
    const h = this.book.limit(agent, side, this.toTick(price), qty);
    this.settle(agent);
    return h;
  }

  /** Cancels a resting order. */
  cancel(handle: number): void {
    if (handle >= 0) this.book.cancel(handle);
  }

  private settle(taker: number): number {
    const b = this.book;
    let filled = 0;
    let k = 0;
    while (k < b.nFills) {
      const tick = b.fillTick[k];
      const side = b.fillSide[k];
      let q = 0;
      // One print per price level of this taker order.
      while (k < b.nFills && b.fillTick[k] === tick) {
        const fq = b.fillQty[k];
        const maker = b.fillMaker[k];
        const px = tick * this.tickSize;
        const s = side === BUY ? 1 : -1;
        this.base[maker] -= s * fq;
        this.quote[maker] += s * fq * px;
        this.base[taker] += s * fq;
        this.quote[taker] -= s * fq * px * (1 + s * this.takerFee);
        q += fq;
        k++;
      }
      const px = tick * this.tickSize;
      filled += q;
      this.onTrade(px, q, side);
    }
    b.clearFills();
    return filled;
  }

  private onTrade(px: number, q: number, side: number): void {
    if (Number.isNaN(this.barOpen)) {
      this.barOpen = px;
      this.barHigh = px;
      this.barLow = px;
    }
    if (px > this.barHigh) this.barHigh = px;
    if (px < this.barLow) this.barLow = px;
    this.last = px;
    this.barVolume += q;
    this.barQuoteVolume += q * px;
    this.barTrades++;
    if (side === BUY) this.takerBuy += q;
    else this.takerSell += q;
    if (this.recordTrades) {
      this.sink.push('trades', {
        tsEvent: this.nowMs,
        source: SIM_SOURCE,
        venue: this.venue,
        symbol: this.symbol,
        tradeId: String(++this.tradeSeq),
        price: px,
        amount: q,
        side: side === BUY ? 'buy' : 'sell',
      });
    }
  }

  /** Closes the running minute bar: returns [open, high, low, close, volume, quoteVolume, trades] and resets. */
  closeBar(out: Float64Array): void {
    const c = this.last;
    out[0] = Number.isNaN(this.barOpen) ? c : this.barOpen;
    out[1] = Number.isNaN(this.barHigh) ? c : Math.max(this.barHigh, out[0], c);
    out[2] = Number.isNaN(this.barLow) ? c : Math.min(this.barLow, out[0], c);
    out[3] = c;
    out[4] = this.barVolume;
    out[5] = this.barQuoteVolume;
    out[6] = this.barTrades;
    out[7] = this.takerBuy;
    out[8] = this.takerSell;
    this.barOpen = this.barHigh = this.barLow = Number.NaN;
    this.barVolume = this.barQuoteVolume = this.barTrades = this.takerBuy = this.takerSell = 0;
  }
}
