/**
 * Funding-rate arithmetic of USDT-margined perpetuals as Binance documents it.
 * Reference: Binance Futures, "Introduction to Binance Futures Funding Rates" (premium index, interest rate
 * 0.01% per 8h, clamp of +/-0.05%, linearly time-weighted average of premium samples, rate cap).
 */

/** Binance default interest rate per 8h funding interval (0.03% per day / 3). */
export const DEFAULT_INTEREST_RATE = 0.0001;
/** Width of the clamp on (interest - premium): +/-0.05%. */
export const FUNDING_CLAMP = 0.0005;

/**
 * Premium index of one sample: [max(0, impactBid - index) - max(0, index - impactAsk)] / index.
 * @param impactBid average fill price of selling the impact notional into the bids
 * @param impactAsk average fill price of buying the impact notional from the asks
 */
export function premiumIndex(impactBid: number, impactAsk: number, index: number): number {
  return (Math.max(0, impactBid - index) - Math.max(0, index - impactAsk)) / index;
}

/** Time-weighted average of premium samples with weights 1, 2, ..., n (later samples weigh more). */
export function averagePremium(samples: ArrayLike<number>, n = samples.length): number {
  if (n === 0) return 0;
  let num = 0;
  for (let i = 0; i < n; i++) num += (i + 1) * samples[i];
  return num / ((n * (n + 1)) / 2);
}

/**
 * Funding rate F = P + clamp(I - P, -0.05%, +0.05%), then capped to [-cap, cap].
 * @param avgPremium average premium index P over the interval
 * @param interest interest rate I per interval (0.0001)
 * @param cap absolute cap of the rate (Binance uses a per-symbol cap, e.g. 0.0075 for 0.75%)
 */
export function fundingRate(avgPremium: number, interest = DEFAULT_INTEREST_RATE, cap = 0.0075): number {
  const d = interest - avgPremium;
  const clamped = Math.max(-FUNDING_CLAMP, Math.min(FUNDING_CLAMP, d));
  const f = avgPremium + clamped;
  return Math.max(-cap, Math.min(cap, f));
}

/** Median of three numbers (Binance mark price uses median(price1, price2, last)). */
export function median3(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
