import { SimInputError } from '../../errors/sim.js';
import { normalCdf, normalPdf } from '../../math/stats.js';

/** Call or put. */
export type OptionType = 'call' | 'put';

/** Black-Scholes-Merton price and greeks (per unit of underlying). */
export interface BsResult {
  price: number;
  /** dV/dS. */
  delta: number;
  /** d2V/dS2. */
  gamma: number;
  /** dV/dsigma per 1.00 of volatility. */
  vega: number;
  /** dV/dt per year (negative = decay). */
  theta: number;
  /** dV/dr per 1.00 of rate. */
  rho: number;
}

/**
 * Black-Scholes-Merton price and greeks of a European option with continuous dividend (or carry) yield q.
 * Reference: Hull, *Options, Futures, and Other Derivatives*, ch. 15 and 19 (eq. 15.20-15.21, table 19.6).
 * @param spot underlying price S
 * @param strike strike K
 * @param t time to expiry in years (365-day)
 * @param vol annual volatility sigma (decimal)
 * @param r continuously compounded risk-free rate
 * @param q continuous dividend / carry yield
 * @throws SimInputError for non-positive spot, strike, time or volatility
 */
export function blackScholes(
  type: OptionType,
  spot: number,
  strike: number,
  t: number,
  vol: number,
  r = 0,
  q = 0,
): BsResult {
  if (!(spot > 0) || !(strike > 0) || !(t > 0) || !(vol > 0))
    throw new SimInputError(
      'blackScholes',
      'inputs',
      `need spot, strike, t, vol > 0 (got ${spot}, ${strike}, ${t}, ${vol})`,
    );
  const sq = Math.sqrt(t);
  const d1 = (Math.log(spot / strike) + (r - q + 0.5 * vol * vol) * t) / (vol * sq);
  const d2 = d1 - vol * sq;
  const dfR = Math.exp(-r * t);
  const dfQ = Math.exp(-q * t);
  const pdf = normalPdf(d1);
  const gamma = (dfQ * pdf) / (spot * vol * sq);
  const vega = spot * dfQ * pdf * sq;
  if (type === 'call') {
    const nd1 = normalCdf(d1);
    const nd2 = normalCdf(d2);
    return {
      price: spot * dfQ * nd1 - strike * dfR * nd2,
      delta: dfQ * nd1,
      gamma,
      vega,
      theta: (-spot * dfQ * pdf * vol) / (2 * sq) - r * strike * dfR * nd2 + q * spot * dfQ * nd1,
      rho: strike * t * dfR * nd2,
    };
  }
  const nmd1 = normalCdf(-d1);
  const nmd2 = normalCdf(-d2);
  return {
    price: strike * dfR * nmd2 - spot * dfQ * nmd1,
    delta: -dfQ * nmd1,
    gamma,
    vega,
    theta: (-spot * dfQ * pdf * vol) / (2 * sq) + r * strike * dfR * nmd2 - q * spot * dfQ * nmd1,
    rho: -strike * t * dfR * nmd2,
  };
}

/**
 * Implied volatility by safeguarded Newton iterations on vega with bisection fallback.
 * @returns the volatility, or NaN when the price is outside the no-arbitrage bounds (unavailable)
 */
export function impliedVol(
  type: OptionType,
  price: number,
  spot: number,
  strike: number,
  t: number,
  r = 0,
  q = 0,
): number {
  const lower = Math.max(
    0,
    type === 'call'
      ? spot * Math.exp(-q * t) - strike * Math.exp(-r * t)
      : strike * Math.exp(-r * t) - spot * Math.exp(-q * t),
  );
  const upper = type === 'call' ? spot * Math.exp(-q * t) : strike * Math.exp(-r * t);
  if (!(price > lower && price < upper)) return Number.NaN;
  let lo = 1e-6;
  let hi = 10;
  let v = 0.5;
  for (let i = 0; i < 100; i++) {
    const bs = blackScholes(type, spot, strike, t, v, r, q);
    const diff = bs.price - price;
    if (Math.abs(diff) < 1e-12 * Math.max(1, price)) return v;
    if (diff > 0) hi = v;
    else lo = v;
    const next = v - diff / bs.vega;
    v = bs.vega > 1e-12 && next > lo && next < hi ? next : 0.5 * (lo + hi);
  }
  return v;
}
