/**
 * Pure on-chain valuation and activity kernels over `Float64Array` series.
 *
 * Conventions: one value per bar (usually one UTC day); a missing input is `NaN` and every output that depends
 * on it is `NaN` (unavailable), never 0. Rolling windows are strict: a window containing a `NaN` gives `NaN`.
 * Each kernel is causal (output at i reads inputs at indices <= i only), so a prefix of the input gives a
 * prefix of the output.
 */
import { UsageError } from '../../errors/base.js';

function checkWindow(name: string, w: number): void {
  if (!Number.isInteger(w) || w < 1)
    throw new UsageError(`${name}: window must be an integer >= 1 (got ${w})`);
}

/**
 * Element-wise ratio a / b; `NaN` where either side is missing or b <= 0 (a ratio to a non-positive
 * denominator is undefined for the on-chain quantities used here: caps, volumes, supplies).
 */
export function safeRatio(a: Float64Array, b: Float64Array): Float64Array {
  const n = a.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = b[i];
    out[i] = d > 0 && !Number.isNaN(a[i]) ? a[i] / d : Number.NaN;
  }
  return out;
}

/**
 * Strict trailing simple moving average over `w` bars: NaN for the first w-1 bars and for any window that
 * holds a NaN. O(n) with a running sum and a NaN counter.
 */
export function rollingMeanStrict(x: Float64Array, w: number): Float64Array {
  checkWindow('rollingMeanStrict', w);
  const n = x.length;
  const out = new Float64Array(n);
  let sum = 0;
  let nan = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (Number.isNaN(v)) nan++;
    else sum += v;
    if (i >= w) {
      const o = x[i - w];
      if (Number.isNaN(o)) nan--;
      else sum -= o;
    }
    out[i] = i >= w - 1 && nan === 0 ? sum / w : Number.NaN;
  }
  return out;
}

/**
 * Strict trailing rolling sum over `w` bars (NaN during warm-up and when the window holds a NaN).
 */
export function rollingSumStrict(x: Float64Array, w: number): Float64Array {
  const m = rollingMeanStrict(x, w);
  for (let i = 0; i < m.length; i++) m[i] *= w;
  return m;
}

/**
 * Network Value to Transactions ratio: NVT_t = market cap_t / adjusted on-chain transfer value_t (both USD).
 *
 * Reference: Woo, W. (2017), "Is Bitcoin in a bubble? Check the NVT ratio", Forbes; Coin Metrics `NVTAdj`.
 */
export function nvt(marketCapUsd: Float64Array, txValueUsd: Float64Array): Float64Array {
  return safeRatio(marketCapUsd, txValueUsd);
}

/**
 * NVT signal: market cap_t / SMA_w(transfer value)_t, default w = 90 days (Kalichkin's smoothing of the
 * denominator; Coin Metrics `NVTAdj90` uses the same 90-day window).
 *
 * Reference: Kalichkin, D. (2018), "Rethinking Network Value to Transactions (NVT) Ratio", Medium.
 */
export function nvtSignal(marketCapUsd: Float64Array, txValueUsd: Float64Array, w = 90): Float64Array {
  return safeRatio(marketCapUsd, rollingMeanStrict(txValueUsd, w));
}

/**
 * MVRV ratio = market cap / realized cap (unitless).
 *
 * Reference: Mahmudov, M. & Puell, D. (2018), "Bitcoin Market-Value-to-Realized-Value (MVRV) Ratio", Medium.
 */
export function mvrv(marketCapUsd: Float64Array, realizedCapUsd: Float64Array): Float64Array {
  return safeRatio(marketCapUsd, realizedCapUsd);
}

/**
 * MVRV Z-score = (market cap_t - realized cap_t) / std(market cap_0..t), with the sample standard deviation
 * (ddof 1) of all market-cap values observed up to and including t (expanding window, Welford update).
 * NaN until `minPeriods` valid market caps have been seen; NaN market caps are skipped by the expanding std.
 *
 * Reference: Mahmudov & Puell (2018); Glassnode, "MVRV Z-Score" (std of the full market-cap history).
 */
export function mvrvZScore(
  marketCapUsd: Float64Array,
  realizedCapUsd: Float64Array,
  minPeriods = 365,
): Float64Array {
  checkWindow('mvrvZScore.minPeriods', minPeriods);
  const n = marketCapUsd.length;
  const out = new Float64Array(n);
  let count = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const mc = marketCapUsd[i];
    if (!Number.isNaN(mc)) {
      count++;
      const d = mc - mean;
      mean += d / count;
      m2 += d * (mc - mean);
    }
    const sd = count > 1 ? Math.sqrt(m2 / (count - 1)) : Number.NaN;
    const rc = realizedCapUsd[i];
    out[i] =
      count >= minPeriods && sd > 0 && !Number.isNaN(mc) && !Number.isNaN(rc) ? (mc - rc) / sd : Number.NaN;
  }
  return out;
}

/**
 * Coin-days destroyed of a set of spent outputs: sum of value_i * age_i (coins x days).
 *
 * Reference: ByteCoin (2011), "Bitcoin days destroyed", bitcointalk.org topic 6172.
 * @param valueNtv spent amounts in native units.
 * @param ageDays age of each spent output in days at spending.
 */
export function coinDaysDestroyed(valueNtv: Float64Array, ageDays: Float64Array): number {
  if (valueNtv.length !== ageDays.length) {
    throw new UsageError(`coinDaysDestroyed: ${valueNtv.length} values but ${ageDays.length} ages`);
  }
  let s = 0;
  for (let i = 0; i < valueNtv.length; i++) s += valueNtv[i] * ageDays[i];
  return s;
}

/**
 * Dormancy = coin-days destroyed / coins transferred (days): the average age of the coins that moved.
 *
 * Reference: Glassnode Academy, "Dormancy"; Checkmate (2019), "Bitcoin Dormancy".
 */
export function dormancy(cddCoinDays: Float64Array, transferredNtv: Float64Array): Float64Array {
  return safeRatio(cddCoinDays, transferredNtv);
}

/**
 * Liveliness_t = sum of CDD up to t / sum of coin-days created up to t, where coin-days created per day equal
 * the supply (each coin ages one day per day). In [0, 1]; falling liveliness means long-term holders hold.
 * A NaN input stops the accumulation: later values are NaN (the sums would be wrong, not just stale).
 *
 * Reference: Glassnode Academy, "Liveliness" (Rafael Schultze-Kraft, 2019).
 */
export function liveliness(cddCoinDays: Float64Array, supplyNtv: Float64Array, barDays = 1): Float64Array {
  const n = cddCoinDays.length;
  const out = new Float64Array(n);
  let destroyed = 0;
  let created = 0;
  for (let i = 0; i < n; i++) {
    destroyed += cddCoinDays[i];
    created += supplyNtv[i] * barDays;
    out[i] = created > 0 ? destroyed / created : Number.NaN;
  }
  return out;
}

/**
 * Gini coefficient of non-negative holdings (0 = equal, -> 1 = one holder owns all).
 * G = (2 * sum_i i * x_(i)) / (n * sum x) - (n + 1) / n with x sorted ascending and i = 1..n.
 * NaN for an empty set, a zero total or any NaN/negative holding.
 *
 * Reference: Gini, C. (1912); formula as in Damgaard & Weiss (2000), eq. 2.
 */
export function gini(holdings: Float64Array): number {
  const n = holdings.length;
  if (n === 0) return Number.NaN;
  const x = Float64Array.from(holdings).sort();
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (!(v >= 0)) return Number.NaN;
    total += v;
    weighted += (i + 1) * v;
  }
  if (total <= 0) return Number.NaN;
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

/** Share of the total held by the `k` largest holders (in [0, 1]); NaN for empty, zero-total or NaN input. */
export function topKShare(holdings: Float64Array, k: number): number {
  checkWindow('topKShare.k', k);
  const n = holdings.length;
  if (n === 0) return Number.NaN;
  const x = Float64Array.from(holdings).sort();
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!(x[i] >= 0)) return Number.NaN;
    total += x[i];
  }
  if (total <= 0) return Number.NaN;
  let top = 0;
  for (let i = n - 1; i >= Math.max(0, n - k); i--) top += x[i];
  return top / total;
}

/** Output of {@link hashRibbons}. */
export interface HashRibbons {
  /** SMA_short / SMA_long of hash rate (unitless); < 1 means miner capitulation. */
  ratio: Float64Array;
  /** 1 while SMA_short < SMA_long (capitulation), 0 otherwise, NaN in warm-up. */
  capitulation: Float64Array;
  /** 1 on the bar where SMA_short crosses back above SMA_long after a capitulation (the "buy" signal), else 0. */
  recovery: Float64Array;
}

/**
 * Hash ribbons: 30- and 60-day simple moving averages of hash rate; capitulation while the 30-day is below
 * the 60-day, recovery on the cross back above.
 *
 * Reference: Edwards, C. (2019), "Capitulation & Recovery: Hash Ribbons", Capriole Investments.
 */
export function hashRibbons(hashRate: Float64Array, shortW = 30, longW = 60): HashRibbons {
  if (shortW >= longW)
    throw new UsageError(`hashRibbons: short window ${shortW} must be below long window ${longW}`);
  const s = rollingMeanStrict(hashRate, shortW);
  const l = rollingMeanStrict(hashRate, longW);
  const n = hashRate.length;
  const ratio = safeRatio(s, l);
  const capitulation = new Float64Array(n);
  const recovery = new Float64Array(n);
  let prev = Number.NaN;
  for (let i = 0; i < n; i++) {
    const r = ratio[i];
    if (Number.isNaN(r)) {
      capitulation[i] = Number.NaN;
      recovery[i] = Number.NaN;
      prev = Number.NaN;
      continue;
    }
    const cap = r < 1 ? 1 : 0;
    capitulation[i] = cap;
    recovery[i] = prev === 1 && cap === 0 ? 1 : 0;
    prev = cap;
  }
  return { ratio, capitulation, recovery };
}

/**
 * Token velocity over w bars, annualized: (sum of transferred value over w bars / mean market cap over w bars)
 * * (365 / (w * barDays)). Unitless turns per year.
 *
 * Reference: Samani, K. (2017), "Understanding Token Velocity", Multicoin Capital; V = PQ / M.
 */
export function velocity(
  txValueUsd: Float64Array,
  marketCapUsd: Float64Array,
  w = 30,
  barDays = 1,
): Float64Array {
  const flow = rollingSumStrict(txValueUsd, w);
  const cap = rollingMeanStrict(marketCapUsd, w);
  const out = safeRatio(flow, cap);
  const k = 365 / (w * barDays);
  for (let i = 0; i < out.length; i++) out[i] *= k;
  return out;
}

/**
 * Annualized log supply growth over w bars: ln(S_t / S_{t-w}) * 365 / (w * barDays). NaN in warm-up or on
 * a missing/non-positive supply.
 */
export function supplyGrowth(supplyNtv: Float64Array, w = 30, barDays = 1): Float64Array {
  checkWindow('supplyGrowth', w);
  const n = supplyNtv.length;
  const out = new Float64Array(n);
  const k = 365 / (w * barDays);
  for (let i = 0; i < n; i++) {
    const a = supplyNtv[i];
    const b = i >= w ? supplyNtv[i - w] : Number.NaN;
    out[i] = a > 0 && b > 0 ? Math.log(a / b) * k : Number.NaN;
  }
  return out;
}

/**
 * Whale-transfer totals of a set of transfers: count and USD volume of transfers with value >= threshold
 * (default USD 1,000,000, Whale Alert's reporting threshold). NaN values are skipped.
 */
export function whaleTransferTotals(
  valueUsd: Float64Array,
  thresholdUsd = 1_000_000,
): { count: number; volumeUsd: number } {
  let count = 0;
  let volumeUsd = 0;
  for (let i = 0; i < valueUsd.length; i++) {
    const v = valueUsd[i];
    if (v >= thresholdUsd) {
      count++;
      volumeUsd += v;
    }
  }
  return { count, volumeUsd };
}
