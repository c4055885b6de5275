/**
 * Pure infrastructure kernels: Nakamoto coefficient, energy estimate from hash rate, throughput.
 */
import { UsageError } from '../../errors/base.js';

/**
 * Nakamoto coefficient: the smallest number of entities (mining pools, validators) whose combined share exceeds
 * `threshold` (0.51 for a PoW 51% attack, 1/3 for BFT halting). NaN for an empty or zero-total set.
 *
 * Reference: Srinivasan, B. & Lee, L. (2017), "Quantifying Decentralization", news.earn.com.
 * @param shares non-negative hash power or stake per entity (any unit; normalized internally).
 */
export function nakamotoCoefficient(shares: Float64Array, threshold = 0.51): number {
  if (!(threshold > 0 && threshold < 1))
    throw new UsageError(`nakamotoCoefficient: threshold must be in (0, 1)`);
  let total = 0;
  for (const v of shares) if (v > 0) total += v;
  if (!(total > 0)) return Number.NaN;
  const sorted = Float64Array.from(shares, (v) => Math.max(v, 0)).sort();
  let acc = 0;
  for (let i = sorted.length - 1, k = 1; i >= 0; i--, k++) {
    acc += sorted[i];
    if (acc / total > threshold) return k;
  }
  return Number.NaN;
}

/**
 * Network power and annualized energy from hash rate and a fleet efficiency (J/TH):
 * P [W] = hashrate [TH/s] * efficiency [J/TH]; E [TWh/yr] = P * 8760 h / 1e12.
 *
 * Reference: Cambridge Bitcoin Electricity Consumption Index (CBECI) methodology, "hashrate x efficiency"
 * (Cambridge Centre for Alternative Finance, 2019-2023).
 */
export function energyTwhPerYear(hashRateThs: number, efficiencyJPerTh: number): number {
  if (!(hashRateThs >= 0) || !(efficiencyJPerTh > 0)) return Number.NaN;
  return (hashRateThs * efficiencyJPerTh * 8760) / 1e12;
}

/**
 * Fleet efficiency (J/TH) at a time: log-linear interpolation between dated reference points of typical
 * deployed-miner efficiency, flat beyond the ends. Points must be sorted by time.
 */
export function fleetEfficiency(tsMs: number, points: ReadonlyArray<readonly [number, number]>): number {
  if (points.length === 0) return Number.NaN;
  if (tsMs <= points[0][0]) return points[0][1];
  const last = points[points.length - 1];
  if (tsMs >= last[0]) return last[1];
  for (let i = 1; i < points.length; i++) {
    const [t1, e1] = points[i];
    if (tsMs <= t1) {
      const [t0, e0] = points[i - 1];
      const w = (tsMs - t0) / (t1 - t0);
      return Math.exp(Math.log(e0) + w * (Math.log(e1) - Math.log(e0)));
    }
  }
  return last[1];
}

/** Transactions per second over a bar: count / bar seconds. NaN for a missing count. */
export function tps(txCount: number, barSeconds: number): number {
  if (!(txCount >= 0) || !(barSeconds > 0)) return Number.NaN;
  return txCount / barSeconds;
}

/**
 * Mean block interval (s) over a bar = bar seconds / blocks; probabilistic finality time = interval *
 * confirmations (6 for Bitcoin, per Nakamoto 2008 section 11). NaN with no blocks.
 */
export function blockTimes(
  blocks: number,
  barSeconds: number,
  confirmations: number,
): { blockS: number; finalityS: number } {
  if (!(blocks > 0) || !(barSeconds > 0)) return { blockS: Number.NaN, finalityS: Number.NaN };
  const blockS = barSeconds / blocks;
  return { blockS, finalityS: blockS * confirmations };
}
