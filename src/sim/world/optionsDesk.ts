import type { Rng } from '../../math/rng.js';
import type { RecordSink } from '../population/recordSink.js';
import { SIM_SOURCE } from '../population/venue.js';

/** Standard normal CDF (Abramowitz and Stegun 26.2.17, |error| < 7.5e-8). */
export function normCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const d = 0.3989422804014327 * Math.exp(-0.5 * x * x);
  const p =
    d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return x >= 0 ? 1 - p : p;
}

/** Black-Scholes (1973) price of a European option; rate r and vol sigma annual decimals, tYears > 0. */
export function blackScholes(
  call: boolean,
  s: number,
  k: number,
  tYears: number,
  r: number,
  sigma: number,
): number {
  const st = sigma * Math.sqrt(tYears);
  const d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * tYears) / st;
  const d2 = d1 - st;
  const df = Math.exp(-r * tYears);
  return call ? s * normCdf(d1) - k * df * normCdf(d2) : k * df * normCdf(-d2) - s * normCdf(-d1);
}

/**
 * Options flow for one underlying on `deribit`: an implied-volatility level that tracks realized volatility
 * with a fear premium, a smile (skew and curvature in log-moneyness), hourly put/call volume and open
 * interest driven by mood (puts bought in fear), and a daily chain of 30-day quotes priced by Black-Scholes.
 */
export class OptionsDesk {
  atmIv = 0.55;
  putOi = 20_000;
  callOi = 25_000;

  constructor(
    readonly underlying: string,
    private readonly rng: Rng,
    private readonly sink: RecordSink,
  ) {}

  /** Hourly update from annualized realized vol and mood; writes an `optionsSummary`. */
  hour(tsMs: number, realizedVolAnnual: number, mood: number, activity: number): void {
    const target = realizedVolAnnual * (1.1 + 0.3 * Math.max(0, -mood)) + 0.05;
    this.atmIv += 0.15 * (target - this.atmIv);
    const total = 400 * activity * Math.exp(0.4 * this.rng.normal());
    const putShare = 1 / (1 + Math.exp(1.5 * mood + 0.3));
    const puts = total * putShare;
    const calls = total - puts;
    this.putOi = Math.max(0, this.putOi * 0.995 + 0.5 * puts);
    this.callOi = Math.max(0, this.callOi * 0.995 + 0.5 * calls);
    this.sink.push('optionsSummary', {
      tsEvent: tsMs,
      source: SIM_SOURCE,
      venue: 'deribit',
      underlying: this.underlying,
      putVolume: puts,
      callVolume: calls,
      putOi: this.putOi,
      callOi: this.callOi,
      impliedVol: this.atmIv,
    });
  }

  /** Implied vol at strike k for spot s (smile: put skew grows with fear). */
  iv(s: number, k: number, mood: number): number {
    const m = Math.log(k / s);
    return Math.max(0.05, this.atmIv * (1 - (0.35 - 0.2 * mood) * m + 1.5 * m * m));
  }

  /** Daily chain: 7 strikes x call/put, expiry 30 days out at 08:00 UTC; writes `optionQuotes`. */
  chain(tsMs: number, spot: number, rate: number, mood: number): void {
    const expiry = Math.floor(tsMs / 86_400_000) * 86_400_000 + 30 * 86_400_000 + 8 * 3_600_000;
    const t = (expiry - tsMs) / (365 * 86_400_000);
    const step = spot > 1000 ? 10 ** Math.floor(Math.log10(spot * 0.05)) : 5;
    const atm = Math.round(spot / step) * step;
    const d = new Date(expiry);
    const mon = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'][
      d.getUTCMonth()
    ];
    const tag = `${d.getUTCDate()}${mon}${String(d.getUTCFullYear()).slice(2)}`;
    for (let j = -3; j <= 3; j++) {
      const k = atm + j * step * 2;
      if (k <= 0) continue;
      const vol = this.iv(spot, k, mood);
      for (const type of ['call', 'put'] as const) {
        const mark = blackScholes(type === 'call', spot, k, t, rate, vol);
        const half = Math.max(mark * 0.01, spot * 1e-4);
        this.sink.push('optionQuotes', {
          tsEvent: tsMs,
          source: SIM_SOURCE,
          venue: 'deribit',
          instrument: `${this.underlying}-${tag}-${k}-${type === 'call' ? 'C' : 'P'}`,
          underlying: this.underlying,
          strike: k,
          expiry,
          optionType: type,
          iv: vol,
          oi: (type === 'call' ? this.callOi : this.putOi) / 7,
          volume: Math.max(0, 50 * Math.exp(-Math.abs(j) / 2) * Math.exp(0.3 * this.rng.normal())),
          bid: Math.max(0, mark - half),
          ask: mark + half,
          mark,
          underlyingPrice: spot,
        });
      }
    }
  }
}
