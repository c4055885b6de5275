/**
 * A Compound/Aave-style lending market for one collateral asset, borrowing USDT: kinked utilization rate
 * model (Leshner and Hayes, 2019, "Compound: The Money Market Protocol"), borrower positions with a
 * liquidation threshold, 50% close factor and 5% bonus.
 */
export class LendingMarket {
  /** USDT supplied by lenders. */
  supplied = 50_000_000;
  /** USDT borrowed. */
  borrowed = 20_000_000;
  /** Collateral deposited (asset units). */
  collateral = 0;
  readonly kink = 0.8;
  readonly baseRate = 0.0;
  readonly slope1 = 0.05;
  readonly slope2 = 0.8;
  readonly reserveFactor = 0.1;
  readonly liquidationThreshold = 0.825;
  readonly closeFactor = 0.5;
  readonly bonus = 0.05;
  liquidationsUsdHour = 0;
  /** Borrower positions: collateral (asset units) and debt (USDT). */
  readonly posCollateral: Float64Array;
  readonly posDebt: Float64Array;

  constructor(
    readonly asset: string,
    nBorrowers: number,
  ) {
    this.posCollateral = new Float64Array(nBorrowers);
    this.posDebt = new Float64Array(nBorrowers);
  }

  utilization(): number {
    return this.supplied > 0 ? Math.min(1, this.borrowed / this.supplied) : 0;
  }

  /** Borrow APR (decimal) from the kinked model. */
  borrowRate(): number {
    const u = this.utilization();
    return u <= this.kink
      ? this.baseRate + this.slope1 * (u / this.kink)
      : this.baseRate + this.slope1 + this.slope2 * ((u - this.kink) / (1 - this.kink));
  }

  /** Supply APR: borrow rate x utilization x (1 - reserve factor). */
  supplyRate(): number {
    return this.borrowRate() * this.utilization() * (1 - this.reserveFactor);
  }

  /** Health factor of a position at `price` (Infinity without debt). */
  health(i: number, price: number): number {
    const d = this.posDebt[i];
    return d > 0 ? (this.posCollateral[i] * price * this.liquidationThreshold) / d : Number.POSITIVE_INFINITY;
  }

  /** Accrues interest over `dtYears` on the debt (per-position and total). */
  accrue(dtYears: number): void {
    const g = 1 + this.borrowRate() * dtYears;
    for (let i = 0; i < this.posDebt.length; i++) this.posDebt[i] *= g;
    const interest = this.borrowed * (g - 1);
    this.borrowed += interest;
    this.supplied += interest * (1 - this.reserveFactor);
  }
}
