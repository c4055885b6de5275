import { Ledger } from '../chain/ledger.js';
import { LendingMarket } from '../lending/lendingMarket.js';
import { toWad } from '../lending/rateModel.js';
import { toRaw } from './dex.js';

/** The borrowed stablecoin (6 decimals) and the collateral asset's decimals. */
const STABLE = 'USDT';
const STABLE_DEC = 6;
const ASSET_DEC = 18;
const STABLE_SCALE = 10 ** STABLE_DEC;
const ASSET_SCALE = 10 ** ASSET_DEC;
/** Passive lender book (seed supply) and background borrower (seed borrows, never scanned by liquidators). */
const LENDERS = '0xlenders';
const BACKGROUND = '0xbackground';

/** One asset's lending desk parameters (Aave v3 ETH-like): collateral factor, threshold, bonus, reserve factor. */
export const LENDING_PARAMS = {
  collateralFactor: 0.8,
  liquidationThreshold: 0.825,
  liquidationBonus: 0.05,
  reserveFactor: 0.1,
  closeFactor: 0.5,
  /** Stablecoin jump-rate model: 5% at the 80% kink, +80% from the kink to full utilization. */
  kink: 0.8,
  rateAtKink: 0.05,
  jumpToFull: 0.8,
} as const;

/**
 * The world's lending market for one collateral asset borrowing USDT: a thin adapter over issue 3's exact wad
 * {@link LendingMarket} (kinked jump-rate model, borrow index, supply shares, health factor, liquidations with
 * close factor and bonus, bad-debt write-off) on its own token ledger, converting the agents' float amounts to
 * base units. Borrower `i` is the address `0xbor<i>`; the CEX mid is the oracle price.
 * Reference: Compound v2 whitepaper (Leshner, Hayes 2019); Aave v2 whitepaper (2020).
 */
export class LendingDesk {
  readonly market: LendingMarket;
  readonly ledger: Ledger;
  readonly reserveFactor = LENDING_PARAMS.reserveFactor;
  /** USD of debt repaid by liquidations since the last daily report. */
  liquidationsUsdHour = 0;
  /** USD of debt written off as bad debt since the last daily report. */
  badDebtUsdDay = 0;
  private nowSec: number;
  private readonly borrowers: string[];
  /** Cached liquidation price of each borrower (debt / (collateral * threshold); 0 without debt). */
  private readonly liqPx: Float64Array;

  /**
   * Seeds $`suppliedUsd` of USDT supply and $`borrowedUsd` of background borrows (backed by 3x collateral).
   * @param price asset price, USD
   */
  constructor(
    readonly asset: string,
    nBorrowers: number,
    price: number,
    startMs: number,
    suppliedUsd = 50_000_000,
    borrowedUsd = 20_000_000,
  ) {
    const p = LENDING_PARAMS;
    this.nowSec = Math.floor(startMs / 1000);
    this.ledger = new Ledger(`lending:${asset}`);
    this.market = new LendingMarket(`0xaave${asset.toLowerCase()}`, this.ledger, {
      closeFactor: toWad(p.closeFactor),
    });
    const common = {
      collateralFactor: toWad(p.collateralFactor),
      liquidationThreshold: toWad(p.liquidationThreshold),
      liquidationBonus: toWad(p.liquidationBonus),
      reserveFactor: toWad(p.reserveFactor),
    };
    this.market.listReserve(
      {
        token: STABLE,
        decimals: STABLE_DEC,
        ...common,
        rateModel: {
          baseRate: 0n,
          multiplier: toWad(p.rateAtKink / p.kink),
          jumpMultiplier: toWad(p.jumpToFull / (1 - p.kink)),
          kink: toWad(p.kink),
        },
      },
      1,
      this.nowSec,
    );
    this.market.listReserve(
      {
        token: asset,
        decimals: ASSET_DEC,
        ...common,
        rateModel: { baseRate: 0n, multiplier: 0n, jumpMultiplier: 0n, kink: toWad(0.8) },
      },
      price,
      this.nowSec,
    );
    this.borrowers = Array.from({ length: nBorrowers }, (_, i) => `0xbor${i.toString(16)}`);
    this.liqPx = new Float64Array(nBorrowers);
    this.deposit(LENDERS, STABLE, toRaw(suppliedUsd, STABLE_DEC));
    this.deposit(BACKGROUND, asset, toRaw((3 * borrowedUsd) / price, ASSET_DEC));
    this.market.borrow(BACKGROUND, STABLE, toRaw(borrowedUsd, STABLE_DEC), this.nowSec);
  }

  /** Number of borrower slots. */
  get nBorrowers(): number {
    return this.borrowers.length;
  }

  /** USDT supplied (cash + borrows - reserves), USD. */
  get supplied(): number {
    const s = this.market.reserveState(STABLE);
    return Number(s.cash + s.totalBorrows - s.totalReserves) / STABLE_SCALE;
  }

  /** USDT borrowed, USD. */
  get borrowed(): number {
    return Number(this.market.reserveState(STABLE).totalBorrows) / STABLE_SCALE;
  }

  /** Collateral deposited, asset units. */
  get collateral(): number {
    return Number(this.market.reserveState(this.asset).cash) / ASSET_SCALE;
  }

  /** USDT utilization (decimal). */
  utilization(): number {
    return Number(this.market.reserveState(STABLE).utilization) / 1e18;
  }

  /** USDT borrow APR (decimal). */
  borrowRate(): number {
    return Number(this.market.reserveState(STABLE).borrowRate) / 1e18;
  }

  /** USDT supply APR (decimal). */
  supplyRate(): number {
    return Number(this.market.reserveState(STABLE).supplyRate) / 1e18;
  }

  /** Debt of borrower `i`, USD. */
  debtOf(i: number): number {
    return Number(this.market.borrowBalance(this.borrowers[i], STABLE)) / STABLE_SCALE;
  }

  /** Collateral of borrower `i`, asset units. */
  collateralOf(i: number): number {
    return Number(this.market.supplyBalance(this.borrowers[i], this.asset)) / ASSET_SCALE;
  }

  /** Health factor of borrower `i` at a hypothetical price (Infinity without debt); < 1 is liquidatable. */
  health(i: number, price: number): number {
    const d = this.debtOf(i);
    return d > 0
      ? (this.collateralOf(i) * price * LENDING_PARAMS.liquidationThreshold) / d
      : Number.POSITIVE_INFINITY;
  }

  /**
   * Cached liquidation price of borrower `i`, USD per asset (0 without debt), refreshed on each of its actions and
   * at every `accrueTo`: a cheap screen before the exact {@link LendingDesk.health} check.
   */
  liquidationPrice(i: number): number {
    return this.liqPx[i];
  }

  private refresh(i: number): void {
    const d = this.debtOf(i);
    const c = this.collateralOf(i);
    this.liqPx[i] =
      d > 0 ? (c > 0 ? d / (c * LENDING_PARAMS.liquidationThreshold) : Number.POSITIVE_INFINITY) : 0;
  }

  /** Updates the oracle price (USD per asset) and the desk's clock (ms since the epoch). */
  touch(tsMs: number, price: number): void {
    this.nowSec = Math.max(this.nowSec, Math.floor(tsMs / 1000));
    this.market.setPrice(this.asset, price);
  }

  /** Accrues interest of both reserves up to `tsMs`. */
  accrueTo(tsMs: number): void {
    this.nowSec = Math.max(this.nowSec, Math.floor(tsMs / 1000));
    this.market.accrueAll(this.nowSec);
    for (let i = 0; i < this.borrowers.length; i++) this.refresh(i);
  }

  /**
   * Lender `user` supplies (`usd` > 0) or withdraws (< 0: its own shares first, then the passive lender book's)
   * USDT; withdrawals keep cash at 2% of borrows at least. @returns USD moved (signed)
   */
  lend(user: string, usd: number): number {
    if (usd > 0) {
      const raw = toRaw(usd, STABLE_DEC);
      if (raw > 0n) this.deposit(user, STABLE, raw);
      return usd;
    }
    const st = this.market.reserveState(STABLE);
    const room = st.cash - st.totalBorrows / 50n;
    let want = toRaw(-usd, STABLE_DEC);
    if (want > room) want = room;
    let moved = 0n;
    for (const who of [user, LENDERS]) {
      if (want <= 0n) break;
      const er = this.market.exchangeRate(STABLE);
      let shares = (want * 10n ** 18n) / er;
      const have = this.market.sharesOf(who, STABLE);
      if (shares > have) shares = have;
      if (shares <= 0n) continue;
      const got = this.market.withdraw(who, STABLE, shares, this.nowSec);
      moved += got;
      want -= got;
    }
    return -Number(moved) / STABLE_SCALE;
  }

  /** A run on the market: the passive lender book withdraws `fraction` of the supply (cash permitting). */
  lenderRun(fraction: number): void {
    this.lend(LENDERS, -this.supplied * Math.min(1, Math.max(0, fraction)));
  }

  /** Borrower `i` deposits `units` of the asset as collateral. */
  addCollateral(i: number, units: number): void {
    const raw = toRaw(units, ASSET_DEC);
    if (raw > 0n) this.deposit(this.borrowers[i], this.asset, raw);
    this.refresh(i);
  }

  /**
   * Moves borrower `i`'s debt toward `targetUsd`: borrows (capped by cash and 99.9% of its borrow capacity) or
   * repays (from outside funds). @returns the debt change, USD (signed)
   */
  rebalanceDebt(i: number, targetUsd: number): number {
    const who = this.borrowers[i];
    const debt = this.debtOf(i);
    if (targetUsd > debt) {
      const cap = Number(this.market.borrowCapacityUsd(who) - this.market.debtUsd(who)) / 1e18;
      const cash = Number(this.market.reserveState(STABLE).cash) / STABLE_SCALE;
      const d = Math.min(targetUsd - debt, 0.999 * cap, cash);
      const raw = toRaw(d, STABLE_DEC);
      if (raw <= 0n) return 0;
      this.market.borrow(who, STABLE, raw, this.nowSec);
      this.refresh(i);
      return Number(raw) / STABLE_SCALE;
    }
    const raw = toRaw(debt - targetUsd, STABLE_DEC);
    if (raw <= 0n) return 0;
    this.ledger.mint(STABLE, who, raw);
    const repaid = this.market.repay(who, who, STABLE, raw, this.nowSec);
    this.refresh(i);
    return -Number(repaid) / STABLE_SCALE;
  }

  /**
   * Liquidates borrower `i` if its health factor is below 1: the liquidator repays up to the close factor of the
   * debt (with its own funds) and withdraws the seized collateral (debt * (1 + bonus) at the oracle price).
   * @returns repaid USD, seized asset units and bad debt written off (USD), or undefined when healthy
   */
  liquidate(
    liquidator: string,
    i: number,
  ): { repaidUsd: number; seized: number; badDebtUsd: number } | undefined {
    const who = this.borrowers[i];
    this.market.accrueAll(this.nowSec);
    if (this.market.healthFactor(who) >= 1) return undefined;
    if (this.market.sharesOf(who, this.asset) === 0n) return undefined;
    const maxRepay = (this.market.borrowBalance(who, STABLE) * this.market.closeFactor) / 10n ** 18n;
    if (maxRepay <= 0n) return undefined;
    this.ledger.mint(STABLE, liquidator, maxRepay);
    const r = this.market.liquidate(liquidator, who, STABLE, this.asset, maxRepay, this.nowSec);
    const shares = this.market.sharesOf(liquidator, this.asset);
    const got = shares > 0n ? this.market.withdraw(liquidator, this.asset, shares, this.nowSec) : 0n;
    this.refresh(i);
    const repaidUsd = Number(r.repaid) / STABLE_SCALE;
    const badDebtUsd = Number(r.badDebt) / 1e18;
    this.liquidationsUsdHour += repaidUsd;
    this.badDebtUsdDay += badDebtUsd;
    return { repaidUsd, seized: Number(got) / ASSET_SCALE, badDebtUsd };
  }

  /** Total bad debt written off since the start, USD at current oracle price of USDT (1). */
  badDebtUsd(): number {
    return Number(this.market.reserveState(STABLE).badDebt) / STABLE_SCALE;
  }

  private deposit(user: string, token: string, raw: bigint): void {
    this.ledger.mint(token, user, raw);
    this.market.supply(user, token, raw, this.nowSec);
  }
}
