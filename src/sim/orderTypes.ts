/** Order-book vocabulary shared by the book, the venues and the agents (plain numbers for hot loops). */

/** Order side: buy. */
export const BUY = 0;
/** Order side: sell. */
export const SELL = 1;
/** 0 = buy, 1 = sell. */
export type Side = 0 | 1;

/** Time in force: good till cancelled (rests). */
export const GTC = 0;
/** Time in force: immediate or cancel (fill what crosses, cancel the rest). */
export const IOC = 1;
/** Time in force: fill or kill (fill entirely at once or do nothing). */
export const FOK = 2;
/** Time in force. */
export type TimeInForce = 0 | 1 | 2;

/** Self-trade prevention: none (self trades allowed). */
export const STP_NONE = 0;
/** Self-trade prevention: expire the incoming (taker) order's remainder (Binance EXPIRE_TAKER). */
export const STP_EXPIRE_TAKER = 1;
/** Self-trade prevention: cancel the resting (maker) order and keep matching (Binance EXPIRE_MAKER). */
export const STP_EXPIRE_MAKER = 2;
/** Self-trade prevention: cancel both (Binance EXPIRE_BOTH). */
export const STP_EXPIRE_BOTH = 3;
/** Self-trade prevention mode. */
export type StpMode = 0 | 1 | 2 | 3;

/** Outcome of a submit: the order rests (possibly after partial fills). */
export const STATUS_RESTING = 0;
/** Outcome: fully filled. */
export const STATUS_FILLED = 1;
/** Outcome: the remainder was cancelled/expired (IOC, market, STP, FOK kill). */
export const STATUS_CANCELLED = 2;
/** Outcome: rejected without any effect (post-only would cross). */
export const STATUS_REJECTED = 3;

/** Why a resting order left the book without filling. */
export const CANCEL_USER = 0;
/** Cancelled by self-trade prevention. */
export const CANCEL_STP = 1;

/** Receives matching events as plain numbers (no allocation per fill). */
export interface BookListener {
  /** A trade: `lots` at `priceTicks` between resting `makerId` and incoming `takerId`; `takerSide` is the aggressor. */
  onFill(
    makerId: number,
    takerId: number,
    priceTicks: number,
    lots: number,
    makerOwner: number,
    takerOwner: number,
    takerSide: Side,
  ): void;
  /** A resting order left the book unfilled (`reason` CANCEL_USER or CANCEL_STP). */
  onCancel?(orderId: number, owner: number, remainingLots: number, reason: number): void;
}

/** Options of an `OrderBook`. */
export interface OrderBookOptions {
  /** Lowest representable price in ticks (inclusive). Default 1. */
  minPriceTicks?: number;
  /** Number of price levels in the ladder (prices minPriceTicks .. minPriceTicks + levels - 1). Default 2^18. */
  levels?: number;
  /** Initial order-pool capacity (grows). Default 4096. */
  capacity?: number;
  /** Self-trade prevention mode (default STP_EXPIRE_TAKER). */
  stp?: StpMode;
  /** Name used in error messages, e.g. the instrument id. */
  name?: string;
}

/** One resting order in an L3 snapshot. */
export interface L3Order {
  orderId: number;
  owner: number;
  side: Side;
  priceTicks: number;
  lots: number;
}
