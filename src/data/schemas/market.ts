import { z } from 'zod';
import {
  amountField,
  baseRecord,
  intervalField,
  priceField,
  symbolField,
  valueField,
  venueField,
} from './common.js';

/** Fields of records about one instrument on one venue. */
const instrumentRecord = baseRecord.extend({
  /** Exchange id, lower-case (`binance`). */
  venue: venueField,
  /** ccxt-style unified symbol (`BTC/USDT`, perps `BTC/USDT:USDT`). */
  symbol: symbolField,
});

/**
 * An OHLCV bar. `tsEvent` is the open time; the bar covers [tsEvent, tsEvent + interval) and is known at its
 * close (default `tsInit = tsEvent + interval`). Prices in quote currency, volume in base units.
 * open/high/low/volume may be absent (close-only data); absent means unavailable (NaN when read).
 * Checked: prices > 0, volume >= 0, high >= low, and when given high >= max(open, close), low <= min(open, close).
 */
export const barSchema = instrumentRecord
  .extend({
    interval: intervalField,
    open: priceField.optional(),
    high: priceField.optional(),
    low: priceField.optional(),
    close: priceField,
    /** Base-asset volume. */
    volume: amountField.optional(),
    /** Quote-asset volume. */
    quoteVolume: amountField.optional(),
    /** Number of trades in the bar. */
    tradeCount: z.int().nonnegative().optional(),
  })
  .superRefine((b, ctx) => {
    if (b.high !== undefined && b.low !== undefined && b.high < b.low) {
      ctx.addIssue({ code: 'custom', path: ['high'], message: `high ${b.high} < low ${b.low}` });
      return;
    }
    const hi = Math.max(b.open ?? b.close, b.close);
    const lo = Math.min(b.open ?? b.close, b.close);
    if (b.high !== undefined && b.high < hi) {
      ctx.addIssue({ code: 'custom', path: ['high'], message: `high ${b.high} below open/close ${hi}` });
    }
    if (b.low !== undefined && b.low > lo) {
      ctx.addIssue({ code: 'custom', path: ['low'], message: `low ${b.low} above open/close ${lo}` });
    }
  });
export type Bar = z.infer<typeof barSchema>;

/** One trade print. Price in quote, amount in base units. */
export const tradeSchema = instrumentRecord.extend({
  /** Venue trade id (unique per venue and symbol). */
  tradeId: z.string().min(1),
  price: priceField,
  amount: amountField,
  /** Aggressor side. */
  side: z.enum(['buy', 'sell', 'unknown']),
});
export type Trade = z.infer<typeof tradeSchema>;

/** A price level `[price, size]` of an order book side. */
export const bookLevel = z.tuple([priceField, amountField]);

/** An L2 order book snapshot: bids best (highest) first, asks best (lowest) first. */
export const bookSnapshotSchema = instrumentRecord
  .extend({
    bids: z.array(bookLevel),
    asks: z.array(bookLevel),
  })
  .superRefine((b, ctx) => {
    if (b.bids.length && b.asks.length && b.bids[0][0] >= b.asks[0][0]) {
      ctx.addIssue({ code: 'custom', path: ['bids'], message: 'crossed book: best bid >= best ask' });
    }
  });
export type BookSnapshot = z.infer<typeof bookSnapshotSchema>;

/**
 * Top of book (L1 quote), optionally with aggregate depth of the first `depthLevels` levels per side
 * (for sources that keep only a summary of the L2 book).
 */
export const quoteSchema = instrumentRecord
  .extend({
    bidPrice: priceField,
    bidSize: amountField.optional(),
    askPrice: priceField,
    askSize: amountField.optional(),
    /** Total base quantity on the bid side over the first `depthLevels` levels. */
    bidDepth: amountField.optional(),
    askDepth: amountField.optional(),
    depthLevels: z.int().positive().optional(),
  })
  .superRefine((q, ctx) => {
    if (q.bidPrice > q.askPrice) {
      ctx.addIssue({ code: 'custom', path: ['bidPrice'], message: `bid ${q.bidPrice} > ask ${q.askPrice}` });
    }
  });
export type Quote = z.infer<typeof quoteSchema>;

/** A perpetual funding rate: decimal fraction paid per funding interval (0.0001 = 1 bp), longs pay if > 0. */
export const fundingSchema = instrumentRecord.extend({
  rate: valueField,
  /** Funding interval in ms (8h = 28_800_000); absent if unknown. */
  intervalMs: z.int().positive().optional(),
  markPrice: priceField.optional(),
});
export type Funding = z.infer<typeof fundingSchema>;

/** Open interest of a derivative: in contracts/base units, and/or USD notional. */
export const openInterestSchema = instrumentRecord.extend({
  openInterest: amountField.optional(),
  openInterestUsd: amountField.optional(),
});
export type OpenInterest = z.infer<typeof openInterestSchema>;

/**
 * Futures/perp basis. `basis` = (futures - spot) / spot as a decimal fraction (annualized when `annualized`);
 * `basisAbs` = futures - spot (or index) in quote currency. At least one of the two is given.
 * `expiry` is the dated future's expiry (UTC epoch ms, after `tsEvent`); absent for perpetuals (no tenor).
 */
export const basisSchema = instrumentRecord
  .extend({
    basis: valueField.optional(),
    basisAbs: valueField.optional(),
    futuresPrice: priceField.optional(),
    spotPrice: priceField.optional(),
    annualized: z.boolean().default(false),
    /** Expiry of a dated future, UTC epoch ms; absent for a perpetual. */
    expiry: z.int().optional(),
  })
  .refine((b) => b.basis !== undefined || b.basisAbs !== undefined, {
    path: ['basis'],
    message: 'give basis (fraction) or basisAbs (quote currency)',
  })
  .refine((b) => b.expiry === undefined || b.expiry > b.tsEvent, {
    path: ['expiry'],
    message: 'expiry must be after tsEvent (a dated future observed before it expires)',
  });
export type Basis = z.infer<typeof basisSchema>;

/**
 * An options market summary for one underlying: put/call volume and open interest (contracts), and an implied
 * volatility index (decimal, 0.55 = 55%) when available (e.g. Deribit DVOL).
 */
export const optionsSummarySchema = baseRecord.extend({
  venue: venueField,
  /** Underlying asset, upper-case (`BTC`, `ETH`). */
  underlying: z.string().regex(/^[A-Z0-9]+$/),
  putVolume: amountField.optional(),
  callVolume: amountField.optional(),
  putOi: amountField.optional(),
  callOi: amountField.optional(),
  impliedVol: z.number().nonnegative().optional(),
});
export type OptionsSummary = z.infer<typeof optionsSummarySchema>;

/** One option instrument's quote: strike, expiry, type, implied vol (decimal), open interest, volume. */
export const optionQuoteSchema = baseRecord.extend({
  venue: venueField,
  /** Venue instrument name (`ETH-26JUN26-3000-C`). */
  instrument: z.string().min(1),
  underlying: z.string().regex(/^[A-Z0-9]+$/),
  strike: priceField,
  /** Expiry, UTC epoch ms. */
  expiry: z.int(),
  optionType: z.enum(['call', 'put']),
  /** Mark implied volatility, decimal (0.55 = 55%). */
  iv: z.number().nonnegative().optional(),
  /** Open interest in contracts. */
  oi: amountField.optional(),
  /** Volume in contracts. */
  volume: amountField.optional(),
  bid: z.number().nonnegative().optional(),
  ask: z.number().nonnegative().optional(),
  mark: z.number().nonnegative().optional(),
  underlyingPrice: priceField.optional(),
});
export type OptionQuote = z.infer<typeof optionQuoteSchema>;

/** A forced liquidation (CEX or DeFi). `side` is the side of the liquidated position. */
export const liquidationSchema = instrumentRecord.extend({
  /** Unique id within source+venue+symbol (event id, or tx hash:log index on chain). */
  liquidationId: z.string().min(1),
  side: z.enum(['long', 'short', 'unknown']),
  price: priceField.optional(),
  amount: amountField.optional(),
  valueUsd: amountField.optional(),
});
export type Liquidation = z.infer<typeof liquidationSchema>;
