/**
 * Economic-policy-uncertainty index by the Baker-Bloom-Davis method, over per-bar article counts.
 *
 * Steps (BBD 2016, section II.A, adapted to one news stream and made point-in-time): (1) per bar, count all
 * articles and the articles meeting the E-P-U criterion ({@link isPolicyUncertain}); (2) scale: share
 * s_t = EPU articles / all articles over the trailing `window` bars (BBD scale raw counts by the number of
 * articles of each paper); (3) normalize: index_t = 100 * s_t / mean(s over the trailing `base` bars,
 * including t) so the index averages about 100 over its base period (BBD normalize to 100 over 1985-2009;
 * a fixed past base would look ahead when data start later, so the base period rolls).
 *
 * Reference: Baker, S. R., Bloom, N. & Davis, S. J. (2016), "Measuring Economic Policy Uncertainty",
 * Quarterly Journal of Economics 131(4), 1593-1636.
 */
import { UsageError } from '../../errors/base.js';

/**
 * @param epuCounts EPU-criterion articles per bar (NaN = source unavailable)
 * @param totalCounts all articles per bar
 * @param window bars of the share window (e.g. 30 days)
 * @param base bars of the normalization base (e.g. 365 days)
 * @returns `{ share, index }`, NaN during warm-up, on missing data or when no article exists in a window
 */
export function epuIndex(
  epuCounts: Float64Array,
  totalCounts: Float64Array,
  window: number,
  base: number,
): { share: Float64Array; index: Float64Array } {
  if (!(Number.isInteger(window) && window >= 1 && Number.isInteger(base) && base >= 1)) {
    throw new UsageError(`epuIndex: window and base must be integers >= 1 (got ${window}, ${base})`);
  }
  if (epuCounts.length !== totalCounts.length) {
    throw new UsageError(`epuIndex: ${epuCounts.length} EPU counts but ${totalCounts.length} totals`);
  }
  const n = epuCounts.length;
  const share = new Float64Array(n);
  const index = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (i < window - 1) {
      share[i] = Number.NaN;
      continue;
    }
    let e = 0;
    let t = 0;
    for (let j = i - window + 1; j <= i; j++) {
      e += epuCounts[j];
      t += totalCounts[j];
    }
    share[i] = t > 0 ? e / t : Number.NaN;
  }
  for (let i = 0; i < n; i++) {
    if (i < base - 1) {
      index[i] = Number.NaN;
      continue;
    }
    let s = 0;
    for (let j = i - base + 1; j <= i; j++) s += share[j];
    index[i] = s > 0 ? (100 * share[i]) / (s / base) : Number.NaN;
  }
  return { share, index };
}
