import { EnvConfigError } from '../../errors/env.js';
import {
  Account,
  createFillReport,
  createMarketSnapshot,
  type ExecutionConfigInput,
  ExecutionModel,
  type FillReport,
  type MarketSnapshot,
} from '../../execution/index.js';
import type { ReplayData } from './replayData.js';

/** Options of the historical-replay broker. */
export interface ReplayBrokerOptions {
  /** Execution model settings (fees, spread, impact, limits, borrow); costs are on by default. */
  execution?: ExecutionConfigInput | undefined;
  /** Starting cash (quote currency, default 10,000). */
  initialCash?: number | undefined;
  /**
   * Fraction of each fill's price impact that persists in later prices of that asset (default 0: pure
   * replay, actions affect fills and costs only). With a positive value the replayed price path of the
   * asset is scaled by (1 + fraction * (fillPx - mid) / mid) after each fill (Kyle 1985 permanent impact).
   */
  permanentImpact?: number | undefined;
}

/**
 * Historical replay through the shared execution model (`src/execution`): orders decided after observing
 * bar t execute against bar t+1 (its open when known, else its close), at the half-spread, impact and fees
 * the model charges; then positions are marked at bar t+1's close and short borrow and perp funding accrue.
 * Holds one `Account`; preallocated snapshot and fill report, so stepping does not allocate.
 */
export class ReplayBroker {
  readonly model: ExecutionModel;
  readonly snapshot: MarketSnapshot;
  readonly report: FillReport = createFillReport();
  readonly initialCash: number;
  readonly permanentImpact: number;
  /** Multiplier of each asset's replayed prices (1 unless permanent impact moved it). */
  readonly priceScale: Float64Array;
  account: Account;
  /** Costs of the current bar (quote): fees + slippage + funding + borrow. */
  barCost = 0;
  private readonly marks: Float64Array;

  /** @throws {EnvConfigError} on bad cash or impact; {@link ExecutionConfigError} on bad execution settings */
  constructor(
    readonly data: ReplayData,
    opts: ReplayBrokerOptions = {},
    envId = 'env',
  ) {
    this.initialCash = opts.initialCash ?? 10_000;
    if (!(this.initialCash > 0))
      throw new EnvConfigError(envId, 'initialCash', `must be > 0, got ${this.initialCash}`);
    this.permanentImpact = opts.permanentImpact ?? 0;
    if (!(this.permanentImpact >= 0 && this.permanentImpact <= 1)) {
      throw new EnvConfigError(envId, 'permanentImpact', `must be in [0, 1], got ${this.permanentImpact}`);
    }
    this.model = new ExecutionModel(opts.execution ?? {}, data.nAssets);
    this.snapshot = createMarketSnapshot(data.nAssets);
    this.priceScale = new Float64Array(data.nAssets).fill(1);
    this.marks = new Float64Array(data.nAssets);
    this.account = new Account(data.nAssets, this.initialCash);
  }

  /** Starts a fresh account marked at bar t's close. */
  reset(t: number): void {
    this.account = new Account(this.data.nAssets, this.initialCash);
    this.priceScale.fill(1);
    this.markClose(t);
  }

  /**
   * Prepares execution at bar t (orders decided after bar t-1 closed). Market orders need mid, volume and
   * the impact inputs; bar low/high (for limit orders) are filled by `loadRange`.
   */
  openBar(t: number): void {
    const d = this.data;
    const A = d.nAssets;
    const m = this.snapshot;
    const px = d.hasOpen ? d.open : d.close;
    const mid = m.mid;
    const vol = m.volume;
    const adv = m.advBase;
    const dv = m.dailyVol;
    const scale = this.priceScale;
    m.tsMs = d.ts[t];
    const base = t * A;
    for (let a = 0; a < A; a++) {
      const i = base + a;
      mid[a] = px[i] * scale[a];
      vol[a] = d.volume[i];
      // Impact inputs as known when the order was decided (bar t-1).
      adv[a] = d.advBase[i - A];
      dv[a] = d.dailyVol[i - A];
    }
    this.barCost = this.costs();
  }

  /** Fills bar t's low/high into the snapshot (needed for passive limit orders only). */
  loadRange(t: number): void {
    const d = this.data;
    const A = d.nAssets;
    for (let a = 0; a < A; a++) {
      this.snapshot.low[a] = d.low[t * A + a] * this.priceScale[a];
      this.snapshot.high[a] = d.high[t * A + a] * this.priceScale[a];
    }
  }

  /** Executes a market order of `qty` base units of `asset` at the open bar; returns the fill report. */
  trade(asset: number, qty: number): FillReport {
    const r = this.model.execute(this.account, asset, qty, this.snapshot, this.report);
    if (this.permanentImpact > 0 && r.lastQty !== 0) {
      this.priceScale[asset] *= 1 + (this.permanentImpact * (r.lastPx - r.mid)) / r.mid;
    }
    return r;
  }

  /** Marks to bar t's close, accrues borrow over one interval and funding when the bar has a rate. */
  closeBar(t: number): void {
    this.markClose(t);
    const d = this.data;
    let funding = false;
    for (let a = 0; a < d.nAssets; a++) {
      const f = d.fundingRate[t * d.nAssets + a];
      this.snapshot.fundingRate[a] = f;
      if (!Number.isNaN(f) && f !== 0) funding = true;
    }
    this.model.accrueCarry(this.account, this.snapshot, d.intervalMs, funding);
    this.barCost = this.costs() - this.barCost;
  }

  /**
   * {@link trade} with the quantity read from `qtys[asset]` (one entry per asset): no boxed double per
   * order on the hot path of multi-asset envs.
   */
  tradeFrom(asset: number, qtys: Float64Array): FillReport {
    const r = this.model.executeAt(this.account, asset, qtys, asset, this.snapshot, this.report);
    if (this.permanentImpact > 0 && r.lastQty !== 0) {
      this.priceScale[asset] *= 1 + (this.permanentImpact * (r.lastPx - r.mid)) / r.mid;
    }
    return r;
  }

  /** Current mid of an asset at the open bar (after any permanent impact). */
  mid(asset: number): number {
    return this.snapshot.mid[asset];
  }

  /** Equity (quote) at current marks. */
  equity(): number {
    return this.account.equity();
  }

  /** Position value of `asset` at its mark divided by equity. */
  weight(asset: number, equity = this.account.equity()): number {
    const p = this.account.positions[asset];
    return p === 0 || !(equity > 0) ? 0 : (p * this.account.marks[asset]) / equity;
  }

  private markClose(t: number): void {
    const d = this.data;
    for (let a = 0; a < d.nAssets; a++) this.marks[a] = d.close[t * d.nAssets + a] * this.priceScale[a];
    this.account.markToMarket(this.marks);
  }

  private costs(): number {
    const a = this.account;
    return a.fees + a.slippage + a.funding + a.borrow;
  }
}
