/**
 * Supply APYs of the lending protocols other than the world's own desk (Aave-style), derived from that desk's
 * actual state so they move with it: a Compound v2 jump-rate market at the same utilization, and a Morpho
 * peer-to-peer optimizer layered on the desk's pool rates.
 */

/** Compound v2 JumpRateModelV2 parameters, per year (cUSDC-like). */
export const COMPOUND_RATE_MODEL = {
  baseRate: 0,
  multiplier: 0.04,
  jumpMultiplier: 1.09,
  kink: 0.8,
  reserveFactor: 0.075,
} as const;

/**
 * Compound v2 supply APR (decimal per year) at utilization `u` (0..1): borrow = base + mult * min(u, kink) +
 * jump * max(0, u - kink); supply = u * borrow * (1 - reserveFactor).
 * Reference: Compound v2 `JumpRateModelV2.sol` (getBorrowRate, getSupplyRate).
 */
export function compoundSupplyRate(u: number): number {
  const m = COMPOUND_RATE_MODEL;
  const util = Math.min(1, Math.max(0, u));
  const borrow =
    m.baseRate + m.multiplier * Math.min(util, m.kink) + m.jumpMultiplier * Math.max(0, util - m.kink);
  return util * borrow * (1 - m.reserveFactor);
}

/** Morpho-Aave optimizer's default peer-to-peer index cursor (33.33%). */
export const MORPHO_P2P_CURSOR = 1 / 3;

/**
 * Morpho peer-to-peer supply APR (decimal per year) over an underlying pool: supply + cursor * (borrow -
 * supply), blended with the pool supply rate by the matched share `matched` (0..1).
 * Reference: Morpho-Aave V2 optimizer, `InterestRatesManager` (p2pSupplyGrowthFactor with p2pIndexCursor).
 */
export function morphoSupplyRate(poolSupply: number, poolBorrow: number, matched: number): number {
  const p2p = poolSupply + MORPHO_P2P_CURSOR * Math.max(0, poolBorrow - poolSupply);
  const m = Math.min(1, Math.max(0, matched));
  return m * p2p + (1 - m) * poolSupply;
}
