import { parseDeribitOptionName } from '../../data/identifiers.js';
import { FactorInputError } from '../../errors/factors.js';

/** One option of a chain snapshot. */
export interface OptionQuote {
  /** Strike, quote currency. */
  strike: number;
  /** Expiry, UTC ms. */
  expiry: number;
  /** 'C' call or 'P' put. */
  type: 'C' | 'P';
  /** Implied volatility, annualized decimal (0.74 for 74%). */
  iv: number;
  /** Open interest in contracts of one underlying unit. */
  openInterest: number;
  /** Underlying (forward) price, quote currency. */
  underlying: number;
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);

function normCdf(x: number): number {
  // Abramowitz & Stegun 7.1.26 through erf, |error| < 1.5e-7
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/**
 * Black (1976) gamma of an option on a forward with zero rates: phi(d1) / (F sigma sqrt(T)), per unit of the
 * underlying, T in years (365-day). NaN for non-positive inputs.
 */
export function blackGamma(forward: number, strike: number, sigma: number, years: number): number {
  if (!(forward > 0 && strike > 0 && sigma > 0 && years > 0)) return Number.NaN;
  const sd = sigma * Math.sqrt(years);
  const d1 = (Math.log(forward / strike) + 0.5 * sd * sd) / sd;
  return Math.exp(-0.5 * d1 * d1) / SQRT_2PI / (forward * sd);
}

/** Black (1976) call delta with zero rates; put delta is this minus 1. */
export function blackCallDelta(forward: number, strike: number, sigma: number, years: number): number {
  if (!(forward > 0 && strike > 0 && sigma > 0 && years > 0)) return Number.NaN;
  const sd = sigma * Math.sqrt(years);
  return normCdf((Math.log(forward / strike) + 0.5 * sd * sd) / sd);
}

/**
 * Dealer gamma exposure of a chain in quote currency per 1% move of the underlying, under the usual
 * convention that dealers are long the calls and short the puts customers hold:
 * GEX = sum over options of sign * gamma * OI * S^2 * 0.01, sign +1 for calls, -1 for puts.
 *
 * Reference: the SqueezeMetrics "GEX" white paper (2017) convention.
 *
 * @param chain options quoted at time `now`
 * @param now snapshot time, UTC ms (options expired by then are skipped)
 */
export function gammaExposure(chain: readonly OptionQuote[], now: number): number {
  let gex = 0;
  for (const o of chain) {
    const years = (o.expiry - now) / (365 * 86_400_000);
    const g = blackGamma(o.underlying, o.strike, o.iv, years);
    if (!Number.isFinite(g) || !(o.openInterest >= 0)) continue;
    gex += (o.type === 'C' ? 1 : -1) * g * o.openInterest * o.underlying * o.underlying * 0.01;
  }
  return gex;
}

/** Surface metrics of one snapshot: ATM implied vols at 7 and 30 days, their slope, 25-delta skew. */
export interface SurfaceMetrics {
  ivAtm7d: number;
  ivAtm30d: number;
  termSlope: number;
  /** 25-delta put IV minus 25-delta call IV at the expiry nearest 30 days (decimal). */
  skew25d: number;
}

/**
 * ATM term structure and 25-delta skew of an option chain snapshot: per expiry, the ATM IV is interpolated
 * linearly in log-moneyness between the two strikes around the forward (calls and puts averaged); the
 * 7- and 30-day ATM IVs interpolate linearly in total variance between expiries; the 25-delta IVs are
 * the IVs of the put and call whose Black delta is nearest -0.25 / 0.25.
 *
 * @throws {FactorInputError} when fewer than two expiries have an ATM IV.
 */
export function surfaceMetrics(chain: readonly OptionQuote[], now: number): SurfaceMetrics {
  const byExpiry = new Map<number, OptionQuote[]>();
  for (const o of chain) {
    if (!(o.expiry > now && o.iv > 0 && o.strike > 0 && o.underlying > 0)) continue;
    const list = byExpiry.get(o.expiry) ?? [];
    list.push(o);
    byExpiry.set(o.expiry, list);
  }
  const atm: Array<{ years: number; iv: number; list: OptionQuote[] }> = [];
  for (const [expiry, list] of [...byExpiry.entries()].sort((a, b) => a[0] - b[0])) {
    const f = list[0].underlying;
    const strikes = [...new Set(list.map((o) => o.strike))].sort((a, b) => a - b);
    const lo = strikes.filter((k) => k <= f).pop();
    const hi = strikes.find((k) => k >= f);
    if (lo === undefined || hi === undefined) continue;
    const ivAt = (k: number) => {
      const xs = list.filter((o) => o.strike === k).map((o) => o.iv);
      return xs.reduce((s, v) => s + v, 0) / xs.length;
    };
    const w = hi === lo ? 0 : Math.log(f / lo) / Math.log(hi / lo);
    atm.push({ years: (expiry - now) / (365 * 86_400_000), iv: ivAt(lo) * (1 - w) + ivAt(hi) * w, list });
  }
  if (atm.length < 2)
    throw new FactorInputError('vol_surface', 'options', 'need ATM vols at two expiries at least');
  const ivAtTenor = (years: number): number => {
    let j = atm.findIndex((a) => a.years >= years);
    if (j <= 0) j = j === 0 ? 1 : atm.length - 1;
    const a = atm[j - 1];
    const b = atm[j];
    const va = a.iv * a.iv * a.years;
    const vb = b.iv * b.iv * b.years;
    const tv = va + ((vb - va) * (years - a.years)) / (b.years - a.years);
    return tv > 0 ? Math.sqrt(tv / years) : Number.NaN;
  };
  const ivAtm7d = ivAtTenor(7 / 365);
  const ivAtm30d = ivAtTenor(30 / 365);
  const near = atm.reduce((best, a) =>
    Math.abs(a.years - 30 / 365) < Math.abs(best.years - 30 / 365) ? a : best,
  );
  let put = Number.NaN;
  let call = Number.NaN;
  let dp = Number.POSITIVE_INFINITY;
  let dc = Number.POSITIVE_INFINITY;
  for (const o of near.list) {
    const d = blackCallDelta(o.underlying, o.strike, o.iv, near.years);
    if (o.type === 'C' && Math.abs(d - 0.25) < dc) {
      dc = Math.abs(d - 0.25);
      call = o.iv;
    }
    if (o.type === 'P' && Math.abs(d - 1 + 0.25) < dp) {
      dp = Math.abs(d - 1 + 0.25);
      put = o.iv;
    }
  }
  return { ivAtm7d, ivAtm30d, termSlope: ivAtm30d - ivAtm7d, skew25d: put - call };
}

/**
 * Parses a Deribit instrument name `ETH-12JUN26-1800-P` into strike, expiry (08:00 UTC) and type.
 *
 * @throws {FactorInputError} for a name that is not an option.
 */
export function parseDeribitOption(name: string): { strike: number; expiry: number; type: 'C' | 'P' } {
  const o = parseDeribitOptionName(name);
  if (!o) throw new FactorInputError('options', name, 'not a Deribit option name');
  return { strike: o.strike, expiry: o.expiry, type: o.type };
}
