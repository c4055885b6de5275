import { ModelInputError } from '../errors/risk.js';

/**
 * Position-sizing rules: drawdown control, volatility targeting and fractional Kelly. Each returns a
 * multiplier (or weight) to apply to a strategy's exposure; all are pure functions of point-in-time inputs.
 *
 * References: Grossman and Zhou (1993), "Optimal investment strategies for controlling drawdowns"
 * (exposure proportional to the distance from the drawdown floor); Moreira and Muir (2017),
 * "Volatility-managed portfolios", Journal of Finance 72(4); Kelly (1956); Thorp (2006), "The Kelly
 * criterion in blackjack, sports betting and the stock market" (continuous-time f* = mu / sigma^2).
 */

/**
 * Drawdown control: full exposure until the drawdown reaches `start`, then linear down to `floor` at
 * `maxDrawdown` (both positive fractions), and `floor` beyond.
 * @param drawdown current drawdown as a positive fraction (0.1 = 10% below the peak).
 */
export function drawdownScale(drawdown: number, maxDrawdown: number, start = 0, floor = 0): number {
  if (!(maxDrawdown > start && start >= 0)) {
    throw new ModelInputError(
      'drawdownScale',
      `needs 0 <= start < maxDrawdown, got start ${start}, max ${maxDrawdown}`,
    );
  }
  if (!(drawdown > start)) return 1;
  if (drawdown >= maxDrawdown) return floor;
  return 1 - ((1 - floor) * (drawdown - start)) / (maxDrawdown - start);
}

/**
 * Volatility targeting: target / forecast volatility, capped at `maxLeverage` (same units, e.g. both
 * annualized). `NaN` forecasts give 1 (no information, no change).
 */
export function volTargetScale(forecastVol: number, targetVol: number, maxLeverage = 1): number {
  if (!(targetVol > 0))
    throw new ModelInputError('volTargetScale', `target volatility must be > 0, got ${targetVol}`);
  if (!(forecastVol > 0)) return 1;
  return Math.min(maxLeverage, targetVol / forecastVol);
}

/**
 * Fractional Kelly weight for one asset: fraction * (mu - rf) / sigma^2, clamped to [-maxLeverage, maxLeverage].
 * @param mu expected return per period; @param sigma2 variance per period (same period).
 */
export function kellyWeight(mu: number, sigma2: number, fraction = 0.5, maxLeverage = 1, rf = 0): number {
  if (!(fraction > 0 && fraction <= 1))
    throw new ModelInputError('kellyWeight', `fraction must be in (0, 1], got ${fraction}`);
  if (!(sigma2 > 0)) return 0;
  const w = (fraction * (mu - rf)) / sigma2;
  return Math.max(-maxLeverage, Math.min(maxLeverage, w));
}

/**
 * Multi-asset fractional Kelly: fraction * Sigma^{-1} (mu - rf) by Gaussian elimination with partial
 * pivoting, scaled down so gross exposure is at most `maxGross`.
 * @param cov covariance matrix [N x N] row-major.
 * @throws {ModelInputError} when the covariance matrix is singular.
 */
export function kellyWeights(
  mu: ArrayLike<number>,
  cov: ArrayLike<number>,
  fraction = 0.5,
  maxGross = 1,
  rf = 0,
): Float64Array {
  const n = mu.length;
  if (cov.length !== n * n)
    throw new ModelInputError('kellyWeights', `covariance has ${cov.length} entries, expected ${n * n}`);
  const a = Float64Array.from(cov);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = mu[i] - rf;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) p = r;
    if (!(Math.abs(a[p * n + c]) > 1e-300))
      throw new ModelInputError('kellyWeights', 'covariance matrix is singular');
    if (p !== c) {
      for (let k = 0; k < n; k++) [a[c * n + k], a[p * n + k]] = [a[p * n + k], a[c * n + k]];
      [b[c], b[p]] = [b[p], b[c]];
    }
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c] / a[c * n + c];
      for (let k = c; k < n; k++) a[r * n + k] -= f * a[c * n + k];
      b[r] -= f * b[c];
    }
  }
  const w = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= a[r * n + k] * w[k];
    w[r] = s / a[r * n + r];
  }
  let gross = 0;
  for (let i = 0; i < n; i++) {
    w[i] *= fraction;
    gross += Math.abs(w[i]);
  }
  if (gross > maxGross) for (let i = 0; i < n; i++) w[i] *= maxGross / gross;
  return w;
}
