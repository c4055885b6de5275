import { InvalidOrderError } from '../errors/execution.js';
import type { Account } from './account.js';
import { type ExecutionConfig, type ExecutionConfigInput, resolveExecutionConfig } from './config.js';
import {
  FillReason,
  type FillReport,
  FillStatus,
  type L2Book,
  type MarketSnapshot,
  OrderType,
} from './types.js';

// Enum members read once at load into module constants: under loaders that compile ES modules to CommonJS
// (tsx), every access to an imported object goes through a getter, and these sit on the per-order path.
const REASON_BOOK_DEPTH: number = FillReason.BookDepth;
const REASON_CASH: number = FillReason.Cash;
const REASON_LEVERAGE_LIMIT: number = FillReason.LeverageLimit;
const REASON_LIMIT_NOT_REACHED: number = FillReason.LimitNotReached;
const REASON_NO_PRICE: number = FillReason.NoPrice;
const REASON_PARTICIPATION: number = FillReason.Participation;
const REASON_POSITION_LIMIT: number = FillReason.PositionLimit;
const REASON_TOO_SMALL: number = FillReason.TooSmall;
const STATUS_FILLED: FillStatus = FillStatus.Filled;
const STATUS_PARTIAL: FillStatus = FillStatus.Partial;
const STATUS_REJECTED: FillStatus = FillStatus.Rejected;
const ORDER_LIMIT: OrderType = OrderType.Limit;
const ORDER_MARKET: OrderType = OrderType.Market;

/**
 * Turns orders into fills for every environment and backtest: spread crossing, maker/taker fees, slippage
 * by walking an L2 book when one is given or by an impact model otherwise, participation caps (partial
 * fills), position/leverage/cash limits, perp funding and short borrow costs.
 *
 * Latency is the caller's contract, enforced by {@link OrderQueue}: an order decided at bar t is executed
 * against the snapshot of bar t + latencyBars (at least the next bar), never the bar it was decided on.
 *
 * Impact models (fraction of mid, applied to the whole order):
 * - square root: Y * sigma_daily * sqrt(|q| / ADV) (Almgren, Thum, Hauptmann and Li 2005, "Direct
 *   estimation of equity market impact"; Toth et al. 2011, "Anomalous price impact and the critical nature
 *   of liquidity in financial markets");
 * - linear: Kyle's lambda, price moves lambda * q (Kyle 1985, "Continuous auctions and insider trading").
 *
 * Pure arithmetic on typed arrays; `execute` writes into a caller-owned {@link FillReport}, no allocation.
 *
 * @example
 * const model = new ExecutionModel({ takerFeeBps: 10 }, 2);
 * const acct = new Account(2, 10_000);
 * const report = createFillReport();
 * model.execute(acct, 0, 0.1, snapshot, report); // buy 0.1 units of asset 0
 */
export class ExecutionModel {
  readonly config: ExecutionConfig;
  readonly nAssets: number;
  private readonly takerFee: number;
  private readonly makerFee: number;
  private readonly halfSpread: number;
  private readonly impactKind: 0 | 1 | 2;

  constructor(config: ExecutionConfigInput, nAssets: number) {
    this.config = resolveExecutionConfig(config, nAssets);
    this.nAssets = nAssets;
    this.takerFee = this.config.takerFeeBps / 1e4;
    this.makerFee = this.config.makerFeeBps / 1e4;
    this.halfSpread = this.config.halfSpreadBps / 1e4;
    this.impactKind = this.config.impact === 'sqrt' ? 1 : this.config.impact === 'linear' ? 2 : 0;
  }

  /**
   * Expected taker price for `qty` without a book: mid +/- (half-spread + impact). Useful for sizing.
   * @returns quote per base unit; `NaN` when the asset has no mid.
   */
  takerPrice(asset: number, qty: number, m: MarketSnapshot): number {
    const mid = m.mid[asset];
    if (!(mid > 0)) return Number.NaN;
    const b = m.bid[asset];
    const a = m.ask[asset];
    const hs = b > 0 && a >= b ? (a - b) / 2 : mid * this.halfSpread;
    const aq = Math.abs(qty);
    let imp = 0;
    if (this.impactKind === 1) {
      const adv = m.advBase[asset];
      const vol = m.dailyVol[asset];
      if (adv > 0 && vol > 0) imp = mid * this.config.sqrtImpactCoef * vol * Math.sqrt(aq / adv);
    } else if (this.impactKind === 2) {
      imp = this.config.kyleLambda[asset] * aq;
    }
    return qty >= 0 ? mid + hs + imp : mid - hs - imp;
  }

  /**
   * Executes one order against the snapshot and applies the fill to `account`.
   *
   * @param qty signed base units (+ buy, - sell).
   * @param type market (default) or limit (`limitPx` required).
   * @param book optional L2 book of this asset: when given, slippage comes from walking it.
   * @returns `report` (filled in place).
   * @throws {InvalidOrderError} for an unknown asset, a non-finite quantity or a limit order without price.
   */
  execute(
    account: Account,
    asset: number,
    qty: number,
    m: MarketSnapshot,
    report: FillReport,
    type: OrderType = ORDER_MARKET,
    limitPx = Number.NaN,
    book?: L2Book,
  ): FillReport {
    const q = this.qtyIn;
    q[0] = qty;
    return this.executeAt(account, asset, q, 0, m, report, type, limitPx, book);
  }

  /**
   * {@link execute} with the order quantity read from `qtys[index]`: the same rules and results, for hot
   * loops that hold their orders in a typed array (V8 boxes a double passed to a call that is not inlined,
   * one heap allocation per order; an index into a `Float64Array` is not boxed).
   *
   * @param qtys signed base units per order; `qtys[index]` is executed for `asset`.
   * @throws {InvalidOrderError} as {@link execute}
   */
  executeAt(
    account: Account,
    asset: number,
    qtys: Float64Array,
    index: number,
    m: MarketSnapshot,
    report: FillReport,
    type: OrderType = ORDER_MARKET,
    limitPx = Number.NaN,
    book?: L2Book,
  ): FillReport {
    const qty = qtys[index];
    if (!(asset >= 0 && asset < this.nAssets) || (asset | 0) !== asset) {
      throw new InvalidOrderError(asset, `asset index out of range [0, ${this.nAssets})`);
    }
    if (!Number.isFinite(qty)) throw new InvalidOrderError(asset, `quantity is not finite (${qty})`);
    if (type === ORDER_LIMIT && !(limitPx > 0))
      throw new InvalidOrderError(asset, `limit order needs a positive limitPx, got ${limitPx}`);
    const mid = m.mid[asset];
    report.requestedQty = qty;
    report.lastQty = 0;
    report.lastPx = Number.NaN;
    report.commission = 0;
    report.slippage = 0;
    report.mid = mid;
    report.maker = false;
    report.tsEvent = m.tsMs;
    report.reasons = 0;
    report.status = STATUS_REJECTED;
    if (qty === 0) {
      report.reasons = REASON_TOO_SMALL;
      return report;
    }
    if (!(mid > 0)) {
      report.reasons = REASON_NO_PRICE;
      return report;
    }
    account.mark(asset, mid);
    let reasons = 0;
    // `+ 0` (exact: qty is non-zero here) makes q an unboxed double from the start; seeded with the tagged
    // parameter, V8 keeps q tagged and allocates a heap number at every clip.
    let q = qty + 0;
    // Participation cap.
    const vol = m.volume[asset];
    const cap = this.config.maxParticipation * vol;
    if (cap >= 0 && (q > cap || -q > cap)) {
      q = q > 0 ? cap : -cap;
      reasons |= REASON_PARTICIPATION;
    }
    // Limits: shorting, per-asset weight, gross leverage and cash. Written inline rather than as a method:
    // a call that takes and returns doubles boxes them (a heap allocation per order) unless V8 inlines it,
    // and this function is too large for that.
    const c = this.config;
    let pricedQty = Number.NaN;
    let pricedPx = Number.NaN;
    const pos = account.positions[asset];
    if (!c.allowShort && c.perp[asset] !== 1 && pos + q < 0) {
      q = pos > 0 ? -pos : 0;
      reasons |= REASON_POSITION_LIMIT;
    }
    // Only exposure-increasing orders face the weight and leverage limits.
    const newAbs = Math.abs(pos + q);
    const oldAbs = Math.abs(pos);
    if (newAbs > oldAbs) {
      // account.equity() and account.grossExposure() in one pass (same terms, same order: same values).
      const positions = account.positions;
      const marks = account.marks;
      let equity = account.cash;
      let gross = 0;
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i];
        if (p !== 0) {
          const v = p * marks[i];
          equity += v;
          gross += Math.abs(v);
        }
      }
      let maxAbs = Number.POSITIVE_INFINITY;
      if (Number.isFinite(c.maxPositionWeight)) maxAbs = Math.max(0, (c.maxPositionWeight * equity) / mid);
      const otherGross = gross - oldAbs * mid;
      const levAbs = Math.max(0, (c.maxGrossLeverage * equity - otherGross) / mid);
      let limitAbs = maxAbs;
      let limitReason: number = REASON_POSITION_LIMIT;
      if (levAbs < limitAbs) {
        limitAbs = levAbs;
        limitReason = REASON_LEVERAGE_LIMIT;
      }
      if (newAbs > limitAbs) {
        // Cut to the limit on the side the order ends on; never force a reduction of an existing position.
        const s = pos + q >= 0 ? 1 : -1;
        const sameSide = pos === 0 || pos > 0 === s > 0;
        q = s * (sameSide ? Math.max(oldAbs, limitAbs) : limitAbs) - pos;
        reasons |= limitReason;
      }
    }
    // Cash account (no margin): buys cannot spend more cash than there is, costs included.
    if (c.maxGrossLeverage <= 1 && q > 0) {
      pricedPx = this.takerPrice(asset, q, m);
      pricedQty = q;
      const unit = pricedPx * (1 + Math.max(this.takerFee, this.makerFee));
      const maxQ = account.cash > 0 ? account.cash / unit : 0;
      if (q > maxQ) {
        q = maxQ;
        reasons |= REASON_CASH;
      }
    }

    // Price the (clipped) order.
    let px: number;
    let maker = false;
    if (book) {
      px = this.walkBook(book, q, type === ORDER_LIMIT ? limitPx : Number.NaN);
      if (this.walkedQty !== (q < 0 ? -q : q)) {
        reasons |= REASON_BOOK_DEPTH;
        q = q > 0 ? this.walkedQty : -this.walkedQty;
      }
    } else {
      // The cash check already priced this exact quantity (the taker price depends on q only through impact).
      px = q === pricedQty ? pricedPx : this.takerPrice(asset, q, m);
      if (type === ORDER_LIMIT && (q > 0 ? px > limitPx : px < limitPx)) {
        const lo = m.low[asset];
        const hi = m.high[asset];
        if (q > 0 ? lo < limitPx : hi > limitPx) {
          px = limitPx;
          maker = true;
        } else {
          report.reasons = reasons | REASON_LIMIT_NOT_REACHED;
          return report;
        }
      }
    }
    const notional = Math.abs(q) * px;
    if (q === 0 || !(px > 0) || notional < this.config.minNotional || notional === 0) {
      report.reasons = reasons | (q === 0 ? 0 : REASON_TOO_SMALL);
      return report;
    }
    const fee = notional * (maker ? this.makerFee : this.takerFee);
    account.applyFill(asset, q, px, fee, mid);
    report.lastQty = q;
    report.lastPx = px;
    report.commission = fee;
    report.slippage = q * (px - mid);
    report.maker = maker;
    report.reasons = reasons;
    report.status = q === qty ? STATUS_FILLED : STATUS_PARTIAL;
    return report;
  }

  private walkedQty = 0;
  /** One-slot quantity buffer through which {@link execute} calls {@link executeAt}. */
  private readonly qtyIn = new Float64Array(1);

  /**
   * Walks one side of the book for |q| units (asks for buys, bids for sells), not past `limitPx` when set.
   * Sets `walkedQty` and returns the average price (`NaN` when nothing is available).
   */
  private walkBook(book: L2Book, q: number, limitPx: number): number {
    const side = q > 0 ? book.asks : book.bids;
    let need = q > 0 ? q : -q;
    let got = 0;
    let cost = 0;
    const hasLimit = limitPx > 0;
    for (let i = 0; i < side.depth && need > 0; i++) {
      const p = side.px[i];
      if (hasLimit && (q > 0 ? p > limitPx : p < limitPx)) break;
      const take = Math.min(side.qty[i], need);
      got += take;
      cost += take * p;
      need -= take;
    }
    this.walkedQty = got;
    return got > 0 ? cost / got : Number.NaN;
  }

  /**
   * Accrues perp funding (at a funding event, perpetual assets only) and borrow cost over `dtMs` on spot
   * shorts.
   * Call once per bar after marking to market.
   *
   * @param fundingEvent true when this bar contains a funding timestamp (rates taken from `m.fundingRate`).
   */
  accrueCarry(account: Account, m: MarketSnapshot, dtMs: number, fundingEvent: boolean): void {
    if (fundingEvent) {
      for (let i = 0; i < this.nAssets; i++)
        if (this.config.perp[i] === 1) account.applyFunding(i, m.fundingRate[i]);
    }
    account.applyBorrow(this.config.borrowRateAnnual, dtMs, this.config.perp);
  }
}
