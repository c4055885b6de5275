import type { ChainState } from './chain.js';
import type { RecordSink } from './recordSink.js';
import { SIM_SOURCE } from './venue.js';

/**
 * A constant-product pool (Uniswap v2 formula, Adams et al., 2020, "Uniswap v2 Core"): x * y = k with the
 * fee taken from the input. Token0 is the asset, token1 USDC; amounts in human units. Every swap is written
 * as a `dexSwaps` record with raw amounts (18 and 6 decimals) and a transaction on the chain.
 */
export class V2Pool {
  reserve0: number;
  reserve1: number;
  /** LP shares outstanding. */
  shares: number;
  /** Volume and fees since the last daily report (USD), flash-loan volume (USD). */
  volumeUsdHour = 0;
  feesUsdHour = 0;
  flashUsdDay = 0;

  constructor(
    readonly pool: string,
    readonly token0: string,
    price: number,
    depthUsd: number,
    readonly fee: number,
    private readonly chain: ChainState,
    private readonly sink: RecordSink,
  ) {
    this.reserve1 = depthUsd / 2;
    this.reserve0 = this.reserve1 / price;
    this.shares = Math.sqrt(this.reserve0 * this.reserve1);
  }

  /** Pool price, USDC per token0. */
  price(): number {
    return this.reserve1 / this.reserve0;
  }

  /** Output amount for `amountIn` of token0 (`zeroForOne`) or token1, after the fee. */
  quote(amountIn: number, zeroForOne: boolean): number {
    const inR = zeroForOne ? this.reserve0 : this.reserve1;
    const outR = zeroForOne ? this.reserve1 : this.reserve0;
    const a = amountIn * (1 - this.fee);
    return (a * outR) / (inR + a);
  }

  /** Executes a swap; returns the output amount. Writes the swap and its transaction. */
  swap(tsMs: number, trader: string, amountIn: number, zeroForOne: boolean, priorityGwei = 1.5): number {
    if (!(amountIn > 0)) return 0;
    const out = this.quote(amountIn, zeroForOne);
    if (zeroForOne) {
      this.reserve0 += amountIn;
      this.reserve1 -= out;
    } else {
      this.reserve1 += amountIn;
      this.reserve0 -= out;
    }
    const usd = zeroForOne ? out : amountIn;
    this.volumeUsdHour += usd;
    this.feesUsdHour += usd * this.fee;
    const tx = this.chain.transaction(tsMs, trader, this.pool, zeroForOne ? amountIn : 0, priorityGwei);
    this.sink.push('dexSwaps', {
      tsEvent: tsMs,
      source: SIM_SOURCE,
      chain: this.chain.chain,
      venue: 'uniswap_v2',
      pool: this.pool,
      txHash: tx,
      swapIndex: '0',
      blockNumber: this.chain.blockNumber + 1,
      tokenIn: zeroForOne ? this.token0 : 'USDC',
      tokenOut: zeroForOne ? 'USDC' : this.token0,
      amountIn: raw(amountIn, zeroForOne ? 18 : 6),
      amountOut: raw(out, zeroForOne ? 6 : 18),
      trader,
    });
    return out;
  }

  /** Token0 amount that moves the pool price to `target` (ignoring the fee), signed: > 0 sells token0. */
  amountToPrice(target: number): number {
    const k = this.reserve0 * this.reserve1;
    return Math.sqrt(k / target) - this.reserve0;
  }

  /** Adds (share > 0) or removes (share < 0) a fraction of liquidity at the current ratio. */
  changeLiquidity(fraction: number): void {
    const f = Math.max(-0.5, fraction);
    this.reserve0 *= 1 + f;
    this.reserve1 *= 1 + f;
    this.shares *= 1 + f;
  }
}

function raw(x: number, decimals: number): string {
  const micro = BigInt(Math.max(0, Math.round(x * 1e6)));
  return decimals >= 6 ? (micro * 10n ** BigInt(decimals - 6)).toString() : micro.toString();
}

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
