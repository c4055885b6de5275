/**
 * Pure sentiment kernels: event-study abnormal returns, Jensen-Shannon divergence of keyword distributions,
 * Goh-Barabasi burstiness, z-scores. Missing inputs give `NaN` (unavailable), never 0.
 */
import { UsageError } from '../../errors/base.js';

/** Output of {@link marketModel}. */
export interface MarketModel {
  alpha: number;
  beta: number;
  /** Residual sample std (ddof 2), per bar. */
  residualStd: number;
  n: number;
}

/**
 * OLS market model r_i = alpha + beta * r_m + e over an estimation window; pairs with a NaN are skipped.
 * NaN parameters below 3 valid pairs or with a flat market.
 *
 * Reference: MacKinlay, A. C. (1997), "Event Studies in Economics and Finance", JEL 35(1), section 4.
 */
export function marketModel(asset: Float64Array, market: Float64Array): MarketModel {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < asset.length; i++) {
    if (Number.isNaN(asset[i]) || Number.isNaN(market[i])) continue;
    n++;
    sx += market[i];
    sy += asset[i];
  }
  if (n < 3) return { alpha: Number.NaN, beta: Number.NaN, residualStd: Number.NaN, n };
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < asset.length; i++) {
    if (Number.isNaN(asset[i]) || Number.isNaN(market[i])) continue;
    sxx += (market[i] - mx) ** 2;
    sxy += (market[i] - mx) * (asset[i] - my);
  }
  if (!(sxx > 0)) return { alpha: Number.NaN, beta: Number.NaN, residualStd: Number.NaN, n };
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  let ss = 0;
  for (let i = 0; i < asset.length; i++) {
    if (Number.isNaN(asset[i]) || Number.isNaN(market[i])) continue;
    ss += (asset[i] - alpha - beta * market[i]) ** 2;
  }
  return { alpha, beta, residualStd: Math.sqrt(ss / (n - 2)), n };
}

/**
 * Cumulative abnormal return of an event at bar `e` over the event window [e, e + h] (clipped to the data),
 * with a market model estimated on the `estWindow` bars strictly before e (constant-mean model when
 * `market` is undefined: AR = r - mean(r over the estimation window)). Uses only bars <= e + h.
 *
 * Reference: MacKinlay (1997), eqs. (7)-(13); Campbell, Lo & MacKinlay (1997), ch. 4.
 * @returns CAR (log-return units), or NaN when the estimation window is short or data are missing.
 */
export function cumulativeAbnormalReturn(
  asset: Float64Array,
  market: Float64Array | undefined,
  e: number,
  h: number,
  estWindow: number,
): number {
  if (estWindow < 3)
    throw new UsageError(`cumulativeAbnormalReturn: estWindow must be >= 3 (got ${estWindow})`);
  const s0 = e - estWindow;
  if (s0 < 0) return Number.NaN;
  let alpha: number;
  let beta: number;
  if (market) {
    const mm = marketModel(asset.subarray(s0, e), market.subarray(s0, e));
    if (mm.n < estWindow / 2) return Number.NaN;
    alpha = mm.alpha;
    beta = mm.beta;
  } else {
    let s = 0;
    let n = 0;
    for (let i = s0; i < e; i++) {
      if (Number.isNaN(asset[i])) continue;
      s += asset[i];
      n++;
    }
    if (n < estWindow / 2) return Number.NaN;
    alpha = s / n;
    beta = 0;
  }
  let car = 0;
  const end = Math.min(e + h, asset.length - 1);
  for (let i = e; i <= end; i++) {
    const m = market ? market[i] : 0;
    car += asset[i] - alpha - beta * m;
  }
  return car;
}

/**
 * Jensen-Shannon divergence (base 2, in [0, 1]) between two count vectors over the same vocabulary; counts
 * are normalized to probabilities. NaN when either side has no mass.
 *
 * Reference: Lin, J. (1991), "Divergence measures based on the Shannon entropy", IEEE Trans. Inf. Theory.
 */
export function jensenShannon(p: Float64Array, q: Float64Array): number {
  if (p.length !== q.length)
    throw new UsageError(`jensenShannon: vectors differ in length (${p.length}, ${q.length})`);
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i];
    sq += q[i];
  }
  if (!(sp > 0) || !(sq > 0)) return Number.NaN;
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i] / sp;
    const b = q[i] / sq;
    const m = 0.5 * (a + b);
    if (a > 0) js += 0.5 * a * Math.log2(a / m);
    if (b > 0) js += 0.5 * b * Math.log2(b / m);
  }
  return Math.max(0, Math.min(1, js));
}

/**
 * Burstiness B = (sigma - mu) / (sigma + mu) of inter-event times (population std): -1 periodic, 0 Poisson,
 * -> 1 bursty. NaN below 2 inter-event gaps or when mu + sigma = 0.
 *
 * Reference: Goh, K.-I. & Barabasi, A.-L. (2008), "Burstiness and memory in complex systems", EPL 81, 48002.
 */
export function burstiness(eventTimes: Float64Array): number {
  const n = eventTimes.length - 1;
  if (n < 2) return Number.NaN;
  let mean = 0;
  for (let i = 1; i <= n; i++) mean += eventTimes[i] - eventTimes[i - 1];
  mean /= n;
  let ss = 0;
  for (let i = 1; i <= n; i++) ss += (eventTimes[i] - eventTimes[i - 1] - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  return sd + mean > 0 ? (sd - mean) / (sd + mean) : Number.NaN;
}

/** Z-score of the last value of a window against the window's mean and sample std (ddof 1); NaN if flat. */
export function lastZScore(window: Float64Array): number {
  const n = window.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(window[i])) return Number.NaN;
    s += window[i];
  }
  if (n < 2) return Number.NaN;
  const m = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (window[i] - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  return sd > 0 ? (window[n - 1] - m) / sd : Number.NaN;
}

/**
 * {@link burstiness} of events given as counts per bar over bars [from, to] (inclusive), without building the
 * event-time list: events in one bar are simultaneous (gap 0), events in consecutive non-empty bars d1 < d2
 * are d2 - d1 apart. O(to - from), no allocation. NaN if any count in range is NaN or below 3 events.
 */
export function burstinessFromCounts(counts: Float64Array, from: number, to: number): number {
  let events = 0;
  let sum = 0;
  let sumSq = 0;
  let last = -1;
  for (let d = from; d <= to; d++) {
    const c = counts[d];
    if (Number.isNaN(c)) return Number.NaN;
    if (c <= 0) continue;
    if (last >= 0) {
      const g = d - last;
      sum += g;
      sumSq += g * g;
    }
    events += c;
    last = d;
  }
  const gaps = events - 1;
  if (gaps < 2) return Number.NaN;
  const mean = sum / gaps;
  const sd = Math.sqrt(Math.max(0, sumSq / gaps - mean * mean));
  return sd + mean > 0 ? (sd - mean) / (sd + mean) : Number.NaN;
}
