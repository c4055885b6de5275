import { SimInputError, SimStateError } from '../../errors/sim.js';
import type { TokenLedger } from '../chain/ledger.js';
import { type RecordSink, SIM_SOURCE } from '../recordSink.js';
import {
  type RateModelParams,
  SECONDS_PER_YEAR,
  WAD,
  borrowRate,
  checkRateModel,
  supplyRate,
  utilizationRate,
} from './rateModel.js';

/** Listing parameters of one asset. */
export interface ReserveParams {
  token: string;
  decimals: number;
  /** Max borrow power per unit of collateral value (wad, e.g. 0.75e18). */
  collateralFactor: bigint;
  /** Value weight in the health factor (wad, >= collateralFactor, e.g. 0.8e18). */
  liquidationThreshold: bigint;
  /** Extra collateral a liquidator receives (wad, e.g. 0.05e18 = 5%). */
  liquidationBonus: bigint;
  /** Share of interest kept as reserves (wad). */
  reserveFactor: bigint;
  rateModel: RateModelParams;
}

interface Reserve extends ReserveParams {
  cash: bigint;
  totalBorrows: bigint;
  totalReserves: bigint;
  totalShares: bigint;
  borrowIndex: bigint;
  lastAccrualSec: number;
  priceWad: bigint; // USD per whole token, wad
  shares: Map<string, bigint>;
  borrows: Map<string, { principal: bigint; index: bigint }>;
  badDebt: bigint;
}

/** A liquidation's outcome (raw token units). */
export interface LiquidationResult {
  repaid: bigint;
  seizedShares: bigint;
  seizedUnderlying: bigint;
  /** Debt written off as bad debt after the borrower's collateral ran out. */
  badDebt: bigint;
}

/**
 * Compound/Aave-style lending market (several reserves, one address holding the cash) in exact wad integer
 * math: kinked utilization rate model, interest accrual into a borrow index (simple interest per accrual, as
 * Compound v2 `accrueInterest`), supply shares with an exchange rate (cash + borrows - reserves) / shares,
 * collateral factors, health factor, liquidations with a close factor and a bonus, and bad-debt write-off.
 * Tokens move through a `TokenLedger`, so the market's cash always equals its ledger balance.
 * Reference: Compound v2 whitepaper (Leshner, Hayes 2019), CToken/Comptroller; Aave v2 whitepaper (2020).
 */
export class LendingMarket {
  private readonly reserves = new Map<string, Reserve>();
  /** Max share of a borrow repaid in one liquidation (wad, Compound default 0.5). */
  closeFactor: bigint;

  constructor(
    /** Address holding the market's cash on the ledger. */
    readonly address: string,
    private readonly ledger: TokenLedger,
    opts: { closeFactor?: bigint } = {},
  ) {
    this.closeFactor = opts.closeFactor ?? WAD / 2n;
  }

  /** Lists a reserve at `priceUsd` per whole token. @throws SimInputError for bad parameters */
  listReserve(p: ReserveParams, priceUsd: number, nowSec: number): void {
    checkRateModel(p.rateModel, `${this.address}.${p.token}`);
    if (p.collateralFactor > p.liquidationThreshold || p.liquidationThreshold >= WAD)
      throw new SimInputError(this.address, 'liquidationThreshold', 'need collateralFactor <= threshold < 1');
    this.reserves.set(p.token, {
      ...p,
      cash: 0n,
      totalBorrows: 0n,
      totalReserves: 0n,
      totalShares: 0n,
      borrowIndex: WAD,
      lastAccrualSec: nowSec,
      priceWad: 0n,
      shares: new Map(),
      borrows: new Map(),
      badDebt: 0n,
    });
    this.setPrice(p.token, priceUsd);
  }

  /** Listed reserve tokens. */
  tokens(): string[] {
    return [...this.reserves.keys()];
  }

  /** Sets the oracle price (USD per whole token). */
  setPrice(token: string, priceUsd: number): void {
    if (!(priceUsd > 0) || !Number.isFinite(priceUsd))
      throw new SimInputError(this.address, 'priceUsd', `must be > 0, got ${priceUsd}`);
    this.reserve(token).priceWad = BigInt(Math.round(priceUsd * 1e6)) * 10n ** 12n;
  }

  /** Accrues interest of every reserve up to `nowSec`. */
  accrueAll(nowSec: number): void {
    for (const t of this.reserves.keys()) this.accrue(t, nowSec);
  }

  /** Accrues interest on `token` from its last accrual to `nowSec` (simple interest over the interval). */
  accrue(token: string, nowSec: number): void {
    const r = this.reserve(token);
    const dt = nowSec - r.lastAccrualSec;
    if (dt <= 0) return;
    r.lastAccrualSec = nowSec;
    const u = utilizationRate(r.cash, r.totalBorrows, r.totalReserves);
    const factor = (borrowRate(r.rateModel, u) * BigInt(Math.floor(dt))) / SECONDS_PER_YEAR; // wad
    const interest = (r.totalBorrows * factor) / WAD;
    r.totalBorrows += interest;
    r.totalReserves += (interest * r.reserveFactor) / WAD;
    r.borrowIndex += (r.borrowIndex * factor) / WAD;
  }

  /** Exchange rate underlying per share (wad); 1 before any supply. */
  exchangeRate(token: string): bigint {
    const r = this.reserve(token);
    if (r.totalShares === 0n) return WAD;
    return ((r.cash + r.totalBorrows - r.totalReserves) * WAD) / r.totalShares;
  }

  /** Supplies `amount` from `user`; returns shares minted (rounded down). */
  supply(user: string, token: string, amount: bigint, nowSec: number): bigint {
    this.accrue(token, nowSec);
    const r = this.reserve(token);
    if (amount <= 0n) throw new SimInputError(this.address, 'amount', 'supply must be > 0');
    const shares = (amount * WAD) / this.exchangeRate(token);
    if (shares === 0n) throw new SimInputError(this.address, 'amount', 'supply too small for one share');
    this.ledger.transfer(token, user, this.address, amount);
    r.cash += amount;
    r.totalShares += shares;
    r.shares.set(user, (r.shares.get(user) ?? 0n) + shares);
    return shares;
  }

  /** Redeems `shares` of `user` for underlying (rounded down). @throws SimStateError if it makes the user unhealthy */
  withdraw(user: string, token: string, shares: bigint, nowSec: number): bigint {
    this.accrueAll(nowSec);
    const r = this.reserve(token);
    const have = r.shares.get(user) ?? 0n;
    if (shares <= 0n || shares > have)
      throw new SimStateError(this.address, `${user} has ${have} shares, asked ${shares}`);
    const amount = (shares * this.exchangeRate(token)) / WAD;
    if (amount > r.cash)
      throw new SimStateError(this.address, `insufficient cash ${r.cash} for ${amount} ${token}`);
    r.shares.set(user, have - shares);
    r.totalShares -= shares;
    r.cash -= amount;
    if (this.borrowCapacityUsd(user) < this.debtUsd(user)) {
      r.shares.set(user, have);
      r.totalShares += shares;
      r.cash += amount;
      throw new SimStateError(this.address, `withdraw would leave ${user} under-collateralized`);
    }
    this.ledger.transfer(token, this.address, user, amount);
    return amount;
  }

  /** Borrows `amount` to `user` if its borrow capacity allows. @throws SimStateError */
  borrow(user: string, token: string, amount: bigint, nowSec: number): void {
    this.accrueAll(nowSec);
    const r = this.reserve(token);
    if (amount <= 0n) throw new SimInputError(this.address, 'amount', 'borrow must be > 0');
    if (amount > r.cash)
      throw new SimStateError(this.address, `insufficient cash ${r.cash} to lend ${amount} ${token}`);
    const extra = (amount * r.priceWad) / 10n ** BigInt(r.decimals);
    if (this.debtUsd(user) + extra > this.borrowCapacityUsd(user))
      throw new SimStateError(this.address, `borrow of ${amount} ${token} exceeds ${user}'s borrow capacity`);
    const b = this.borrowBalance(user, token);
    r.borrows.set(user, { principal: b + amount, index: r.borrowIndex });
    r.totalBorrows += amount;
    r.cash -= amount;
    this.ledger.transfer(token, this.address, user, amount);
  }

  /** Repays up to `amount` of `borrower`'s debt, paid by `payer`. @returns the amount repaid */
  repay(payer: string, borrower: string, token: string, amount: bigint, nowSec: number): bigint {
    this.accrue(token, nowSec);
    const r = this.reserve(token);
    const owed = this.borrowBalance(borrower, token);
    const pay = amount > owed ? owed : amount;
    if (pay <= 0n) return 0n;
    this.ledger.transfer(token, payer, this.address, pay);
    r.borrows.set(borrower, { principal: owed - pay, index: r.borrowIndex });
    r.totalBorrows = r.totalBorrows > pay ? r.totalBorrows - pay : 0n;
    r.cash += pay;
    return pay;
  }

  /** Current debt of `user` in `token` (principal scaled by the index growth since the last touch). */
  borrowBalance(user: string, token: string): bigint {
    const r = this.reserve(token);
    const b = r.borrows.get(user);
    if (!b || b.principal === 0n) return 0n;
    return (b.principal * r.borrowIndex) / b.index;
  }

  /** Underlying value of `user`'s shares in `token`. */
  supplyBalance(user: string, token: string): bigint {
    return ((this.reserve(token).shares.get(user) ?? 0n) * this.exchangeRate(token)) / WAD;
  }

  /** Shares of `user`. */
  sharesOf(user: string, token: string): bigint {
    return this.reserve(token).shares.get(user) ?? 0n;
  }

  /** Total debt of `user` in USD (wad). */
  debtUsd(user: string): bigint {
    let s = 0n;
    for (const [t, r] of this.reserves)
      s += (this.borrowBalance(user, t) * r.priceWad) / 10n ** BigInt(r.decimals);
    return s;
  }

  /** Collateral value times collateral factors, USD wad (borrow limit). */
  borrowCapacityUsd(user: string): bigint {
    return this.weightedCollateral(user, false);
  }

  /**
   * Health factor = sum(collateral * liquidationThreshold) / debt, as a float; Infinity without debt.
   * Liquidatable when < 1. Reference: Aave v2 `calculateUserAccountData`.
   */
  healthFactor(user: string): number {
    const debt = this.debtUsd(user);
    if (debt === 0n) return Number.POSITIVE_INFINITY;
    return Number((this.weightedCollateral(user, true) * WAD) / debt) / 1e18;
  }

  /**
   * Liquidates an unhealthy borrower: the liquidator repays up to closeFactor of the `debtToken` debt and
   * seizes collateral shares worth repaid * (1 + bonus) at oracle prices. When the borrower has no collateral
   * left, its remaining debt in every reserve is written off as bad debt (borrows reduced, suppliers absorb it).
   * @throws SimStateError when the borrower is healthy or has nothing to seize
   */
  liquidate(
    liquidator: string,
    borrower: string,
    debtToken: string,
    collateralToken: string,
    repayAmount: bigint,
    nowSec: number,
  ): LiquidationResult {
    this.accrueAll(nowSec);
    if (this.healthFactor(borrower) >= 1)
      throw new SimStateError(this.address, `${borrower} is not liquidatable`);
    const d = this.reserve(debtToken);
    const c = this.reserve(collateralToken);
    const owed = this.borrowBalance(borrower, debtToken);
    const maxRepay = (owed * this.closeFactor) / WAD;
    let repay = repayAmount > maxRepay ? maxRepay : repayAmount;
    const colShares = c.shares.get(borrower) ?? 0n;
    if (repay <= 0n || colShares === 0n)
      throw new SimStateError(
        this.address,
        `nothing to liquidate for ${borrower} (${debtToken}/${collateralToken})`,
      );
    // seize value = repay * priceDebt * (1 + bonus), in collateral units, then in shares
    const scaleD = 10n ** BigInt(d.decimals);
    const scaleC = 10n ** BigInt(c.decimals);
    const er = this.exchangeRate(collateralToken);
    let seizeUnderlying =
      (repay * d.priceWad * (WAD + c.liquidationBonus) * scaleC) / (scaleD * WAD * c.priceWad);
    let seizeShares = (seizeUnderlying * WAD) / er;
    if (seizeShares > colShares) {
      // not enough collateral: scale the repay down to what the collateral covers
      seizeShares = colShares;
      seizeUnderlying = (colShares * er) / WAD;
      repay =
        (seizeUnderlying * c.priceWad * scaleD * WAD) / (d.priceWad * (WAD + c.liquidationBonus) * scaleC);
    }
    this.repay(liquidator, borrower, debtToken, repay, nowSec);
    c.shares.set(borrower, colShares - seizeShares);
    c.shares.set(liquidator, (c.shares.get(liquidator) ?? 0n) + seizeShares);
    let bad = 0n;
    if (this.weightedCollateral(borrower, true) === 0n) bad = this.writeOffBadDebt(borrower);
    return { repaid: repay, seizedShares: seizeShares, seizedUnderlying: seizeUnderlying, badDebt: bad };
  }

  /** Reserve state for reporting: cash, borrows, reserves, utilization and rates (annual, wad). */
  reserveState(token: string) {
    const r = this.reserve(token);
    const u = utilizationRate(r.cash, r.totalBorrows, r.totalReserves);
    return {
      cash: r.cash,
      totalBorrows: r.totalBorrows,
      totalReserves: r.totalReserves,
      totalShares: r.totalShares,
      borrowIndex: r.borrowIndex,
      utilization: u,
      borrowRate: borrowRate(r.rateModel, u),
      supplyRate: supplyRate(r.rateModel, u, r.reserveFactor),
      badDebt: r.badDebt,
      priceWad: r.priceWad,
      decimals: r.decimals,
    };
  }

  /**
   * Emits DeFi metric records per reserve: `supply_rate`, `borrow_rate` (annual decimals), `utilization`,
   * `tvl_usd` (cash + borrows - reserves), `borrowed_usd`, `reserves_usd`, `bad_debt_usd`.
   */
  emitMetrics(sink: RecordSink, protocol: string, chain: string, nowMs: number): void {
    for (const t of this.reserves.keys()) {
      const st = this.reserveState(t);
      const usd = (x: bigint) => (Number(x) / 10 ** st.decimals) * (Number(st.priceWad) / 1e18);
      const metrics: [string, number][] = [
        ['supply_rate', Number(st.supplyRate) / 1e18],
        ['borrow_rate', Number(st.borrowRate) / 1e18],
        ['utilization', Number(st.utilization) / 1e18],
        ['tvl_usd', usd(st.cash + st.totalBorrows - st.totalReserves)],
        ['borrowed_usd', usd(st.totalBorrows)],
        ['reserves_usd', usd(st.totalReserves)],
        ['bad_debt_usd', usd(st.badDebt)],
      ];
      for (const [metric, value] of metrics)
        sink.emit('defiMetrics', {
          tsEvent: Math.floor(nowMs),
          source: SIM_SOURCE,
          protocol,
          chain,
          asset: t,
          metric,
          value,
        });
    }
  }

  /** Users with a borrow or a supply position in any reserve. */
  users(): string[] {
    const s = new Set<string>();
    for (const r of this.reserves.values()) {
      for (const [u, v] of r.shares) if (v > 0n) s.add(u);
      for (const [u, b] of r.borrows) if (b.principal > 0n) s.add(u);
    }
    return [...s].sort();
  }

  private writeOffBadDebt(user: string): bigint {
    let total = 0n;
    for (const [t, r] of this.reserves) {
      const owed = this.borrowBalance(user, t);
      if (owed === 0n) continue;
      r.borrows.set(user, { principal: 0n, index: r.borrowIndex });
      r.totalBorrows = r.totalBorrows > owed ? r.totalBorrows - owed : 0n;
      r.badDebt += owed;
      total += (owed * r.priceWad) / 10n ** BigInt(r.decimals);
    }
    return total;
  }

  private weightedCollateral(user: string, threshold: boolean): bigint {
    let s = 0n;
    for (const [t, r] of this.reserves) {
      const sh = r.shares.get(user) ?? 0n;
      if (sh === 0n) continue;
      const value = (this.supplyBalance(user, t) * r.priceWad) / 10n ** BigInt(r.decimals);
      s += (value * (threshold ? r.liquidationThreshold : r.collateralFactor)) / WAD;
    }
    return s;
  }

  private reserve(token: string): Reserve {
    const r = this.reserves.get(token);
    if (!r) throw new SimInputError(this.address, 'token', `unknown reserve ${token}`);
    return r;
  }
}
