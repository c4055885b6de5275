import { DAY_MS, HOUR_MS } from '../spec.js';
import { seriesInput } from '../inputs.js';

/** Funding prints are known one minute after their funding time (settlement publication). */
export const FUNDING_LAG_MS = 60_000;

/** Funding rate per interval (decimal), as-of: valid until one interval (8 h) plus an hour later. */
export const fundingRate = (optional = false) =>
  seriesInput('funding', 'funding', 'rate', FUNDING_LAG_MS, 9 * HOUR_MS, { optional });
/** Funding interval in ms (8 h when the venue does not say). */
export const fundingInterval = () =>
  seriesInput('funding_interval', 'funding', 'interval_ms', FUNDING_LAG_MS, 9 * HOUR_MS, { optional: true });
/** Funding payments summed per grid row (events at funding times). */
export const fundingPaid = (optional = false) =>
  seriesInput('funding_paid', 'funding', 'rate', FUNDING_LAG_MS, 9 * HOUR_MS, { align: 'sum', optional });
/** Futures/perp basis rate (F - S) / S, decimal; as-of, valid 1 day. */
export const basisRate = () => seriesInput('basis', 'basis', 'basis_rate', 0, DAY_MS + HOUR_MS);
/** Days to expiry of the future behind `basis` (absent for perpetuals). */
export const basisTenor = () =>
  seriesInput('tenor_days', 'basis', 'tenor_days', 0, DAY_MS + HOUR_MS, { optional: true });

/** Hours in a 365-day year. */
export const YEAR_MS = 365 * DAY_MS;
/** Default funding interval, 8 h. */
export const DEFAULT_FUNDING_MS = 8 * HOUR_MS;
/** Round-trip fees of a basis trade (4 legs x 5 bps), decimal, amortized over a 30-day holding period. */
export const CARRY_FEES_ANNUALIZED = 4 * 0.0005 * (365 / 30);
