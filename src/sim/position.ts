import { SimStateError } from '../errors/sim.js';
import type { OrderFilled } from './events.js';
import { BUY } from './orderTypes.js';

/**
 * A position in one instrument, changed only by `apply(fill)` (as NautilusTrader's `Position.apply`): signed
 * quantity, average open price, realized PnL (quote, net of commissions) and duplicate trade-id rejection.
 */
export class Position {
  /** Signed quantity in base units (long > 0). */
  quantity = 0;
  /** Average open price of the current quantity (NaN when flat). */
  avgPx = Number.NaN;
  /** Realized PnL in quote, commissions included. */
  realizedPnl = 0;
  /** Commissions paid in quote. */
  commissions = 0;
  private readonly tradeIds = new Set<string>();

  constructor(
    readonly instrumentId: string,
    readonly accountId: number,
    /** Contract multiplier (1 for spot and linear perps). */
    readonly multiplier = 1,
  ) {}

  /**
   * Applies a fill. @throws SimStateError for a fill of another instrument/account or a repeated trade id
   */
  apply(fill: OrderFilled): void {
    if (fill.instrumentId !== this.instrumentId || fill.accountId !== this.accountId)
      throw new SimStateError(
        'position',
        `fill for ${fill.instrumentId}/${fill.accountId} applied to ${this.instrumentId}/${this.accountId}`,
      );
    const key = `${fill.tradeId}:${fill.side}`;
    if (this.tradeIds.has(key))
      throw new SimStateError('position', `duplicate trade id ${fill.tradeId} on ${this.instrumentId}`);
    this.tradeIds.add(key);
    const dq = fill.side === BUY ? fill.lastQty : -fill.lastQty;
    this.commissions += fill.commission;
    this.realizedPnl -= fill.commission;
    if (this.quantity === 0 || Math.sign(this.quantity) === Math.sign(dq)) {
      const q = this.quantity + dq;
      this.avgPx = this.quantity === 0 ? fill.lastPx : (this.avgPx * this.quantity + fill.lastPx * dq) / q;
      this.quantity = q;
      return;
    }
    const closing = Math.min(Math.abs(dq), Math.abs(this.quantity));
    this.realizedPnl += Math.sign(this.quantity) * closing * (fill.lastPx - this.avgPx) * this.multiplier;
    const rest = this.quantity + dq;
    if (Math.abs(rest) < 1e-12) {
      this.quantity = 0;
      this.avgPx = Number.NaN;
    } else if (Math.sign(rest) === Math.sign(this.quantity)) this.quantity = rest;
    else {
      this.quantity = rest;
      this.avgPx = fill.lastPx;
    }
  }

  /** Unrealized PnL at `price` (0 when flat). */
  unrealizedPnl(price: number): number {
    return this.quantity === 0 ? 0 : this.quantity * (price - this.avgPx) * this.multiplier;
  }
}
