import type { Rng } from '../../math/rng.js';
import type { RecordSink } from '../population/recordSink.js';
import { SIM_SOURCE } from '../population/venue.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;
/** Quarterly contracts roll to the next expiry when fewer than this many days remain. */
export const ROLL_DAYS = 7;

/**
 * Expiry of the quarterly future of a quarter month: the last Friday of `month0` (0-based, 2 = March) at
 * 08:00 UTC, as Binance and Deribit quarterlies settle. UTC epoch ms.
 */
export function quarterlyExpiry(year: number, month0: number): number {
  const last = new Date(Date.UTC(year, month0 + 1, 0));
  const back = (last.getUTCDay() - 5 + 7) % 7;
  return Date.UTC(year, month0, last.getUTCDate() - back, 8);
}

/**
 * The front quarterly expiry traded at `tsMs`: the first March/June/September/December expiry at least
 * {@link ROLL_DAYS} days away (closer contracts have rolled). UTC epoch ms.
 */
export function frontQuarterlyExpiry(tsMs: number): number {
  const d = new Date(tsMs);
  let year = d.getUTCFullYear();
  let m = d.getUTCMonth() - (d.getUTCMonth() % 3) + 2;
  for (;;) {
    const e = quarterlyExpiry(year, m);
    if (e - tsMs >= ROLL_DAYS * DAY_MS) return e;
    m += 3;
    if (m > 11) {
      m -= 12;
      year++;
    }
  }
}

/** ccxt symbol of a dated future: the perpetual's symbol plus `-yymmdd` of the expiry (`BTC/USDT:USDT-260327`). */
export function datedSymbol(perpSymbol: string, expiryMs: number): string {
  const d = new Date(expiryMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${perpSymbol}-${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}`;
}

/**
 * A quarterly dated future on one underlying (venue `binance`), priced from world state by cost of carry
 * (Hull, "Options, Futures, and Other Derivatives", ch. 5: F = S e^{(r + c) T}):
 *
 *   F = index * exp((policyRate + carry) * T) * (1 + 0.0002 * z),   T = (expiry - t) / 365 days,
 *
 * with `z` standard normal from the component's own Rng. `carry` is an annualized convenience/demand premium
 * that follows leveraged demand: each hour it moves 10% of the way to 0.6 * annualized perp funding
 * + 0.04 * mood + 0.02 (crypto futures trade at a premium over the risk-free carry; Schmeling, Schrimpf and
 * Todorov (2023), "Crypto carry", BIS WP 1087), clamped to [-0.5, 1]. The contract is the front quarterly
 * (see {@link frontQuarterlyExpiry}); it rolls to the next quarter when fewer than 7 days remain. Contracts
 * are not settled: the record stream simply moves to the next symbol (no dated-futures venue exists in
 * `src/sim/derivatives`, so no positions are held in them).
 */
export class DatedFuture {
  /** Annualized carry premium over the policy rate, decimal. */
  carry = 0.05;

  constructor(
    readonly perpSymbol: string,
    private readonly rng: Rng,
    private readonly sink: RecordSink,
  ) {}

  /**
   * Hourly update and record: `index` spot index (quote currency), `policyRate` annual decimal,
   * `funding` the perp's last funding per 8 h (decimal), `mood` in [-1, 1]. Writes one `basis` record with
   * `basis = F / index - 1` (not annualized) and the contract's `expiry`; returns F.
   */
  hour(tsMs: number, index: number, policyRate: number, funding: number, mood: number): number {
    const fundingAnn = funding * (YEAR_MS / (8 * HOUR_MS));
    const target = 0.6 * fundingAnn + 0.04 * mood + 0.02;
    this.carry = Math.max(-0.5, Math.min(1, this.carry + 0.1 * (target - this.carry)));
    const expiry = frontQuarterlyExpiry(tsMs);
    const t = (expiry - tsMs) / YEAR_MS;
    const price = index * Math.exp((policyRate + this.carry) * t) * (1 + 0.0002 * this.rng.normal());
    this.sink.push('basis', {
      tsEvent: tsMs,
      source: SIM_SOURCE,
      venue: 'binance',
      symbol: datedSymbol(this.perpSymbol, expiry),
      basis: price / index - 1,
      futuresPrice: price,
      spotPrice: index,
      annualized: false,
      expiry,
    });
    return price;
  }
}
