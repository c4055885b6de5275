import type { Side } from './orderTypes.js';

/**
 * An order (partially) filled: one side of one trade, as an account sees it. Past-tense event names and fields
 * follow NautilusTrader's `OrderFilled` (last_px, last_qty, commission, ts_event, ts_init).
 */
export interface OrderFilled {
  /** `SYMBOL.VENUE`. */
  instrumentId: string;
  /** Venue trade id (unique per instrument); the same for both sides of a trade. */
  tradeId: string;
  orderId: number;
  accountId: number;
  side: Side;
  /** Fill price in quote per base. */
  lastPx: number;
  /** Fill size in base units. */
  lastQty: number;
  /** Fee paid in quote (negative = rebate). */
  commission: number;
  /** True when this side provided liquidity. */
  isMaker: boolean;
  /** When it happened, epoch ms. */
  tsEvent: number;
  /** When the account could know it, epoch ms. */
  tsInit: number;
}
