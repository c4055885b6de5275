/**
 * Pure DeFi kernels: impermanent loss, yield dispersion, concentration, utilization, liquidation-at-risk,
 * price-to-fees. Missing inputs give `NaN` (unavailable), never 0.
 */
import { UsageError } from '../../errors/base.js';

/**
 * Impermanent loss of a 50/50 constant-product (x*y = k) position versus holding, for a price ratio
 * k = P_now / P_entry of the volatile asset: IL(k) = 2*sqrt(k)/(1+k) - 1 (<= 0; -0.0572 at k = 2).
 * NaN for a missing or non-positive k.
 *
 * Reference: Pintail (2019), "Uniswap: A Good Deal for Liquidity Providers?"; Aigner & Dhaliwal (2021),
 * "Uniswap: Impermanent Loss and Risk Profile of a Liquidity Provider", eq. 3.
 */
export function impermanentLoss(priceRatio: number): number {
  if (!(priceRatio > 0)) return Number.NaN;
  return (2 * Math.sqrt(priceRatio)) / (1 + priceRatio) - 1;
}

/** Weighted mean of values with non-negative weights, skipping NaN pairs; NaN when no weight remains. */
export function weightedMean(values: Float64Array, weights: Float64Array): number {
  let sw = 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const w = weights[i];
    if (Number.isNaN(v) || !(w > 0)) continue;
    sw += w;
    s += w * v;
  }
  return sw > 0 ? s / sw : Number.NaN;
}

/** Output of {@link apyDispersion}. */
export interface ApyDispersion {
  /** Cross-sectional sample standard deviation (ddof 1) of APYs (decimal per year). */
  std: number;
  /** Inter-quartile range q75 - q25 (linear interpolation, numpy default) of APYs. */
  iqr: number;
  /** Number of pools with an APY. */
  count: number;
}

/** Linear-interpolation quantile of a sorted array (numpy `linear`, Hyndman-Fan type 7). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Cross-sectional dispersion of pool APYs at one time (NaN APYs skipped). std is NaN below 2 pools.
 *
 * Reference: yield dispersion as in Cousaert, Xu & Matsui (2022), "SoK: Yield Aggregators in DeFi".
 */
export function apyDispersion(apys: Float64Array): ApyDispersion {
  const xs: number[] = [];
  for (const v of apys) if (!Number.isNaN(v)) xs.push(v);
  const n = xs.length;
  const sorted = Float64Array.from(xs).sort();
  let mean = 0;
  for (const v of xs) mean += v;
  mean /= n || 1;
  let ss = 0;
  for (const v of xs) ss += (v - mean) ** 2;
  return {
    std: n >= 2 ? Math.sqrt(ss / (n - 1)) : Number.NaN,
    iqr: n >= 2 ? quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25) : Number.NaN,
    count: n,
  };
}

/**
 * Herfindahl-Hirschman index of non-negative sizes: sum of squared shares, in [1/n, 1]. NaN-sized entries are
 * skipped; NaN when the total is 0. Multiply by 10,000 for the antitrust scale.
 *
 * Reference: Hirschman (1964), "The Paternity of an Index", AER 54(5); U.S. DoJ Horizontal Merger Guidelines.
 */
export function herfindahl(sizes: Float64Array): number {
  let total = 0;
  for (const v of sizes) if (v > 0) total += v;
  if (!(total > 0)) return Number.NaN;
  let h = 0;
  for (const v of sizes) if (v > 0) h += (v / total) ** 2;
  return h;
}

/**
 * Lending-pool utilization U = borrowed / supplied, in [0, 1]. When only TVL (deposits net of borrows, as
 * DefiLlama reports for lending protocols) and borrows are known, supplied = TVL + borrowed.
 *
 * Reference: Compound whitepaper (Leshner & Hayes, 2019), section 2.1 "utilization ratio".
 */
export function utilization(borrowedUsd: number, suppliedUsd: number): number {
  if (!(suppliedUsd > 0) || !(borrowedUsd >= 0)) return Number.NaN;
  return borrowedUsd / suppliedUsd;
}

/**
 * Kinked (jump-rate) borrow rate of Compound/Aave style pools: r_b = base + slope1 * min(U, kink)
 * + slope2 * max(U - kink, 0); supply rate r_s = r_b * U * (1 - reserveFactor). Decimal per year.
 *
 * Reference: Compound `JumpRateModel.sol`; Aave V2 whitepaper section 1.2 ("interest rate model").
 */
export function kinkedRates(
  u: number,
  p: { base: number; slope1: number; slope2: number; kink: number; reserveFactor: number },
): { borrow: number; supply: number } {
  if (!(u >= 0 && u <= 1)) return { borrow: Number.NaN, supply: Number.NaN };
  const borrow = p.base + p.slope1 * Math.min(u, p.kink) + p.slope2 * Math.max(u - p.kink, 0);
  return { borrow, supply: borrow * u * (1 - p.reserveFactor) };
}

/**
 * Liquidation-at-risk: USD debt whose positions become liquidatable after a relative price drop `shock` of the
 * collateral asset. A position with collateral value C (USD), debt D (USD) and liquidation threshold LT is
 * liquidatable when C * (1 - shock) * LT < D, i.e. its health factor HF = C*LT/D falls below 1.
 *
 * Reference: Aave V2 whitepaper, health factor definition; Qin et al. (2021), "An Empirical Study of DeFi
 * Liquidations", section 4 (liquidation sensitivity to price declines).
 * @returns debt in USD at risk (positions already below HF 1 are counted too).
 */
export function liquidationAtRisk(
  collateralUsd: Float64Array,
  debtUsd: Float64Array,
  liqThreshold: Float64Array,
  shock: number,
): number {
  if (!(shock >= 0 && shock < 1))
    throw new UsageError(`liquidationAtRisk: shock must be in [0, 1) (got ${shock})`);
  if (collateralUsd.length !== debtUsd.length || debtUsd.length !== liqThreshold.length) {
    throw new UsageError('liquidationAtRisk: collateral, debt and threshold arrays differ in length');
  }
  let atRisk = 0;
  for (let i = 0; i < debtUsd.length; i++) {
    const d = debtUsd[i];
    if (!(d > 0)) continue;
    if (collateralUsd[i] * (1 - shock) * liqThreshold[i] < d) atRisk += d;
  }
  return atRisk;
}

/**
 * Price-to-fees ratio: market cap / annualized fees, where annualized fees = mean daily fees over the window
 * * 365. NaN when fees are missing or non-positive.
 *
 * Reference: Token Terminal, "P/F ratio" (fully diluted or circulating market cap over annualized fees).
 */
export function priceToFees(marketCapUsd: number, meanDailyFeesUsd: number): number {
  if (!(meanDailyFeesUsd > 0) || Number.isNaN(marketCapUsd)) return Number.NaN;
  return marketCapUsd / (meanDailyFeesUsd * 365);
}

/**
 * Constant-product AMM execution price impact: selling `dx` of X into reserves (x, y) with fee f returns
 * dy = y * dx(1-f) / (x + dx(1-f)); realized slippage = 1 - (dy/dx) / (y/x) (decimal, includes the fee).
 *
 * Reference: Adams, Zinsmeister & Robinson (2020), "Uniswap v2 Core", section 3.2.
 */
export function constantProductSlippage(x: number, y: number, dx: number, fee = 0.003): number {
  if (!(x > 0 && y > 0 && dx > 0)) return Number.NaN;
  const dxf = dx * (1 - fee);
  const dy = (y * dxf) / (x + dxf);
  return 1 - dy / dx / (y / x);
}
