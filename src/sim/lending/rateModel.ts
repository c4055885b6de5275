import { SimInputError } from '../../errors/sim.js';

/** 1e18 fixed-point scale ("wad"). */
export const WAD = 10n ** 18n;
/** Seconds per year (365 days), the annualization of rates. */
export const SECONDS_PER_YEAR = 31_536_000n;

/** Kinked ("jump rate") interest-rate model, all rates annual decimals in wad (0.05 = 5e16). */
export interface RateModelParams {
  /** Borrow rate at zero utilization. */
  baseRate: bigint;
  /** Slope of the borrow rate below the kink (per unit of utilization). */
  multiplier: bigint;
  /** Slope above the kink. */
  jumpMultiplier: bigint;
  /** Utilization where the slope jumps (wad, e.g. 0.8e18). */
  kink: bigint;
}

/** Utilization = borrows / (cash + borrows - reserves), wad; 0 when nothing is borrowed. */
export function utilizationRate(cash: bigint, borrows: bigint, reserves: bigint): bigint {
  if (borrows === 0n) return 0n;
  const denom = cash + borrows - reserves;
  if (denom <= 0n) return WAD;
  return (borrows * WAD) / denom;
}

/**
 * Annual borrow rate (wad) of the jump rate model: base + u * m below the kink, base + kink * m +
 * (u - kink) * jump above. Reference: Compound v2 JumpRateModelV2; Aave v2 DefaultReserveInterestRateStrategy.
 */
export function borrowRate(p: RateModelParams, utilization: bigint): bigint {
  if (utilization <= p.kink) return p.baseRate + (utilization * p.multiplier) / WAD;
  const normal = p.baseRate + (p.kink * p.multiplier) / WAD;
  return normal + ((utilization - p.kink) * p.jumpMultiplier) / WAD;
}

/** Annual supply rate (wad): u * borrowRate * (1 - reserveFactor). Reference: Compound v2 `getSupplyRate`. */
export function supplyRate(p: RateModelParams, utilization: bigint, reserveFactor: bigint): bigint {
  const br = borrowRate(p, utilization);
  return (((utilization * br) / WAD) * (WAD - reserveFactor)) / WAD;
}

/** Validates model parameters. @throws SimInputError */
export function checkRateModel(p: RateModelParams, where: string): void {
  for (const [k, v] of Object.entries(p))
    if (v < 0n) throw new SimInputError(where, k, `must be >= 0, got ${v}`);
  if (p.kink > WAD) throw new SimInputError(where, 'kink', 'must be <= 1 (wad)');
}

/** Converts a decimal (0.05) to wad (5e16), rounding to the nearest 1e-18. */
export function toWad(x: number): bigint {
  if (!Number.isFinite(x)) throw new SimInputError('wad', 'value', `must be finite, got ${x}`);
  return BigInt(Math.round(x * 1e9)) * 10n ** 9n;
}

/** Converts wad to a float (for reporting). */
export function fromWad(x: bigint): number {
  return Number(x) / 1e18;
}
