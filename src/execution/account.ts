/**
 * A trading account: cash, positions and cumulative cost accounting, multi-asset.
 *
 * Every change goes through `applyFill`, `applyFunding` or `applyBorrow` (like NautilusTrader's
 * `Position.apply`), so the P&L decomposes exactly:
 *   equity_t - equity_0 = pricePnl - fees - slippage - funding - borrow
 * where `pricePnl` is the mark-to-mid gain sum_t pos_{t-1} * (mid_t - mid_{t-1}) including fills at mid.
 * `markToMarket` advances the price component; see `pnlAttribution`.
 *
 * Units: cash and costs in quote currency, positions in base units.
 */
export class Account {
  /** Number of assets. */
  readonly nAssets: number;
  /**
   * Cash in quote currency (may go negative only when leverage > 1 is configured). Initialized to a number
   * (not declared bare): a bare class field starts as `undefined`, after which V8 stores the field tagged
   * and allocates a heap number on every cash update.
   */
  cash = 0;
  /** Starting cash. */
  readonly initialCash: number;
  /** Signed position per asset (base units). */
  readonly positions: Float64Array;
  /** Last mark (mid) per asset; `NaN` until first marked. */
  readonly marks: Float64Array;
  /** Cumulative fees paid (quote). */
  fees = 0;
  /** Cumulative slippage versus mid (quote): spread, impact, book walk. */
  slippage = 0;
  /** Cumulative funding paid (quote; negative when received). */
  funding = 0;
  /** Cumulative borrow cost on shorts (quote). */
  borrow = 0;
  /** Cumulative mark-to-mid price P&L (quote). */
  pricePnl = 0;
  /** Cumulative traded notional (quote), for turnover. */
  tradedNotional = 0;
  /** Number of fills applied. */
  fillCount = 0;
  /** Per-asset cumulative fees, slippage and funding (quote). */
  readonly assetFees: Float64Array;
  readonly assetSlippage: Float64Array;
  readonly assetFunding: Float64Array;

  constructor(nAssets: number, initialCash: number) {
    this.nAssets = nAssets;
    this.cash = initialCash;
    this.initialCash = initialCash;
    this.positions = new Float64Array(nAssets);
    this.marks = new Float64Array(nAssets).fill(Number.NaN);
    this.assetFees = new Float64Array(nAssets);
    this.assetSlippage = new Float64Array(nAssets);
    this.assetFunding = new Float64Array(nAssets);
  }

  /**
   * Applies an executed trade: `qty` base units (signed) at `px`, paying `fee`, against reference `mid`.
   * Cash moves by -(qty * px) - fee. Slippage qty * (px - mid) is booked as a cost; the position is valued
   * at `mid` from now on (the mark moves to `mid` if it differs, booking that move as price P&L first).
   */
  applyFill(asset: number, qty: number, px: number, fee: number, mid: number): void {
    this.mark(asset, mid);
    this.cash -= qty * px + fee;
    this.positions[asset] += qty;
    const slip = qty * (px - mid);
    this.fees += fee;
    this.slippage += slip;
    this.assetFees[asset] += fee;
    this.assetSlippage[asset] += slip;
    this.tradedNotional += Math.abs(qty * px);
    this.fillCount++;
  }

  /** Moves one asset's mark to `mid`, booking pos * (mid - oldMark) as price P&L. Ignores non-finite mids. */
  mark(asset: number, mid: number): void {
    if (!(mid > 0)) return;
    const old = this.marks[asset];
    if (!Number.isNaN(old)) this.pricePnl += this.positions[asset] * (mid - old);
    this.marks[asset] = mid;
  }

  /** Marks every asset to the given mids (non-finite entries keep the old mark). */
  markToMarket(mids: ArrayLike<number>): void {
    for (let i = 0; i < this.nAssets; i++) this.mark(i, mids[i]);
  }

  /**
   * Perp funding at a funding event: a long pays pos * mark * rate (received when negative).
   * @param rate funding rate for this event (decimal).
   */
  applyFunding(asset: number, rate: number): void {
    if (Number.isNaN(rate) || rate === 0) return;
    const m = this.marks[asset];
    if (!(m > 0)) return;
    const pay = this.positions[asset] * m * rate;
    this.cash -= pay;
    this.funding += pay;
    this.assetFunding[asset] += pay;
  }

  /**
   * Borrow cost on short spot positions over `dtMs` milliseconds at `rateAnnual` (365-day year).
   * @param perp optional per-asset flags; perpetuals (1) pay funding instead and are skipped.
   */
  applyBorrow(rateAnnual: number, dtMs: number, perp?: Uint8Array): void {
    if (!(rateAnnual > 0) || !(dtMs > 0)) return;
    const f = (rateAnnual * dtMs) / (365 * 86_400_000);
    for (let i = 0; i < this.nAssets; i++) {
      const p = this.positions[i];
      const m = this.marks[i];
      if (p < 0 && m > 0 && !(perp && perp[i] === 1)) {
        const c = -p * m * f;
        this.cash -= c;
        this.borrow += c;
      }
    }
  }

  /** Cash plus positions at their marks (unmarked assets count 0 only when flat). */
  equity(): number {
    let e = this.cash;
    for (let i = 0; i < this.nAssets; i++) {
      const p = this.positions[i];
      if (p !== 0) e += p * this.marks[i];
    }
    return e;
  }

  /** Sum of |position value| at marks. */
  grossExposure(): number {
    let g = 0;
    for (let i = 0; i < this.nAssets; i++) {
      const p = this.positions[i];
      if (p !== 0) g += Math.abs(p * this.marks[i]);
    }
    return g;
  }

  /**
   * P&L decomposition since the start; `residual` is equity change minus the sum of parts and is zero up
   * to rounding (asserted by tests).
   */
  pnlAttribution(): {
    total: number;
    price: number;
    fees: number;
    slippage: number;
    funding: number;
    borrow: number;
    residual: number;
  } {
    const total = this.equity() - this.initialCash;
    const parts = this.pricePnl - this.fees - this.slippage - this.funding - this.borrow;
    return {
      total,
      price: this.pricePnl,
      fees: -this.fees,
      slippage: -this.slippage,
      funding: -this.funding,
      borrow: -this.borrow,
      residual: total - parts,
    };
  }
}
