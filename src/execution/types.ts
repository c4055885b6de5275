/**
 * Types shared by every user of the execution model (environments, backtests, agents).
 *
 * Units: quantities are in base-asset units (signed: + buy, - sell), prices in quote currency (USD/USDT),
 * rates are decimal fractions, fees and spreads carry a `Bps` suffix, times are UTC epoch milliseconds.
 */

/**
 * Market state per asset at the moment an order executes, as parallel typed arrays of length `nAssets`.
 * The caller owns the arrays and overwrites them each bar (no allocation per bar). Unknown entries are `NaN`.
 */
export interface MarketSnapshot {
  /** Event time of this snapshot (UTC ms): orders filled now carry this `tsEvent`. */
  tsMs: number;
  /** Reference (mid) price per asset: for bars, the price at which the next action can trade (e.g. open). */
  mid: Float64Array;
  /** Best bid per asset (`NaN` when unknown: the configured half-spread is used). */
  bid: Float64Array;
  /** Best ask per asset (`NaN` when unknown). */
  ask: Float64Array;
  /** Traded volume in base units during the bar being executed into (`NaN`: no participation cap). */
  volume: Float64Array;
  /** Average daily volume in base units, for the square-root impact model (`NaN`: no impact). */
  advBase: Float64Array;
  /** Daily return volatility (decimal) for the square-root impact model (`NaN`: no impact). */
  dailyVol: Float64Array;
  /** Bar low and high (`NaN` when unknown): passive limit orders fill only if the range trades through. */
  low: Float64Array;
  high: Float64Array;
  /** Perp funding rate per funding event, decimal (longs pay when positive); `NaN` or 0 for spot. */
  fundingRate: Float64Array;
}

/** Allocates a snapshot for `nAssets` assets with every field `NaN` (unknown) and `tsMs` 0. */
export function createMarketSnapshot(nAssets: number): MarketSnapshot {
  const f = (): Float64Array => new Float64Array(nAssets).fill(Number.NaN);
  return {
    tsMs: 0,
    mid: f(),
    bid: f(),
    ask: f(),
    volume: f(),
    advBase: f(),
    dailyVol: f(),
    low: f(),
    high: f(),
    fundingRate: f(),
  };
}

/**
 * One side of an L2 order book, best level first, as parallel arrays (prices strictly worse as the index
 * grows). `depth` levels are valid; the arrays may be longer (preallocated).
 */
export interface BookSide {
  px: Float64Array;
  qty: Float64Array;
  depth: number;
}

/** An L2 book snapshot for one asset. */
export interface L2Book {
  bids: BookSide;
  asks: BookSide;
}

/** How an order fared. */
export const FillStatus = {
  /** Executed in full. */
  Filled: 0,
  /** Executed in part (limit, participation cap, book depth, cash). */
  Partial: 1,
  /** Nothing executed. */
  Rejected: 2,
} as const;
export type FillStatus = (typeof FillStatus)[keyof typeof FillStatus];

/** Why an order was cut or refused (bit flags, OR-ed together in `FillReport.reasons`). */
export const FillReason = {
  None: 0,
  /** Position limit (max weight per asset or no shorting). */
  PositionLimit: 1,
  /** Gross leverage limit. */
  LeverageLimit: 2,
  /** Not enough cash (spot, leverage 1). */
  Cash: 4,
  /** Bar volume participation cap. */
  Participation: 8,
  /** The L2 book ran out of depth. */
  BookDepth: 16,
  /** A passive limit order's price was not reached. */
  LimitNotReached: 32,
  /** No usable price for the asset at this time. */
  NoPrice: 64,
  /** Order quantity was zero or below the minimum notional. */
  TooSmall: 128,
} as const;

/**
 * Result of one order, written into a caller-owned object (reused between calls: no per-fill allocation).
 * Event naming follows NautilusTrader's `OrderFilled` (`lastPx`, `lastQty`, `commission`, `tsEvent`).
 */
export interface FillReport {
  status: FillStatus;
  /** Bit set of {@link FillReason}. */
  reasons: number;
  /** Requested signed quantity (base units). */
  requestedQty: number;
  /** Executed signed quantity (base units). */
  lastQty: number;
  /** Average execution price (quote per base), `NaN` when nothing executed. */
  lastPx: number;
  /** Fee paid (quote currency, >= 0 unless a maker rebate is configured). */
  commission: number;
  /** Slippage cost versus mid: lastQty * (lastPx - mid), quote currency (spread + impact + book walk). */
  slippage: number;
  /** Reference mid at execution. */
  mid: number;
  /** True when the fill paid the maker fee. */
  maker: boolean;
  /** Execution time (UTC ms). */
  tsEvent: number;
}

/** A fresh, empty fill report to pass to `execute`. */
export function createFillReport(): FillReport {
  return {
    status: FillStatus.Rejected,
    reasons: 0,
    requestedQty: 0,
    lastQty: 0,
    lastPx: Number.NaN,
    commission: 0,
    slippage: 0,
    mid: Number.NaN,
    maker: false,
    tsEvent: 0,
  };
}

/** Order kinds the model understands. */
export const OrderType = {
  /** Crosses the spread now; pays taker fee, half-spread and impact. */
  Market: 0,
  /** Limit: marketable part fills as taker up to the limit price; otherwise rests for this bar and fills as
   * maker at its limit price if the bar's range trades through it. */
  Limit: 1,
} as const;
export type OrderType = (typeof OrderType)[keyof typeof OrderType];
