import type { BookSnapshot, Quote } from '../data/schemas/index.js';
import type { OrderBook } from './orderBook.js';
import { BUY, SELL, type Side } from './orderTypes.js';
import { SIM_SOURCE } from './recordSink.js';
import type { Instrument } from './types/instrument.js';

/** L1 quote record of `book` at epoch ms `tsMs`; undefined when a side is empty. */
export function quoteRecord(book: OrderBook, inst: Instrument, tsMs: number): Quote | undefined {
  if (Number.isNaN(book.bestBid) || Number.isNaN(book.bestAsk)) return undefined;
  return {
    tsEvent: Math.floor(tsMs),
    source: SIM_SOURCE,
    venue: inst.venue,
    symbol: inst.symbol,
    bidPrice: inst.priceOf(book.bestBid),
    bidSize: inst.sizeOf(book.bestBidLots),
    askPrice: inst.priceOf(book.bestAsk),
    askSize: inst.sizeOf(book.bestAskLots),
  };
}

/** L2 snapshot record of `book` with up to `depth` levels a side, best first. */
export function bookSnapshotRecord(
  book: OrderBook,
  inst: Instrument,
  tsMs: number,
  depth: number,
): BookSnapshot {
  const px = new Float64Array(depth);
  const qty = new Float64Array(depth);
  const side = (s: Side): [number, number][] => {
    const n = book.depth(s, px, qty);
    const out: [number, number][] = [];
    for (let i = 0; i < n; i++) out.push([inst.priceOf(px[i]), inst.sizeOf(qty[i])]);
    return out;
  };
  return {
    tsEvent: Math.floor(tsMs),
    source: SIM_SOURCE,
    venue: inst.venue,
    symbol: inst.symbol,
    bids: side(BUY),
    asks: side(SELL),
  };
}
