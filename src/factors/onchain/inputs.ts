import { DAY_MS, type FactorInput, type InputKind } from '../spec.js';

/** Options of a daily vendor-metric input. */
export interface DailyInputOptions {
  optional?: boolean;
  source?: string;
  symbol?: string;
  /** Publication lag (default one day: a value stamped day D, covering D, is published after D closes). */
  lagMs?: number;
  /** Staleness limit (default 3 days: tolerates a missed publication, no longer). */
  staleMs?: number;
}

/**
 * A daily vendor metric (Coin Metrics, CryptoQuant, DefiLlama, alternative.me...) as a factor input: as-of
 * aligned, known one day after its stamp, unavailable when more than 3 days stale.
 */
export function dailyInput(
  name: string,
  kind: InputKind,
  field: string,
  o: DailyInputOptions = {},
): FactorInput {
  return {
    name,
    kind,
    field,
    publicationLagMs: o.lagMs ?? DAY_MS,
    maxStalenessMs: o.staleMs ?? 3 * DAY_MS,
    ...(o.optional ? { optional: true } : {}),
    ...(o.source ? { source: o.source } : {}),
    ...(o.symbol ? { symbol: o.symbol } : {}),
  };
}

/**
 * An event-stream field summed over each grid row (text events, swaps, discrete events): `align: 'sum'`,
 * known when it happens (lag 0). An empty row sums to 0 (nothing happened); an absent source is all NaN.
 */
export function sumInput(
  name: string,
  kind: InputKind,
  field: string,
  o: { source?: string; optional?: boolean } = {},
): FactorInput {
  return {
    name,
    kind,
    field,
    publicationLagMs: 0,
    maxStalenessMs: DAY_MS,
    align: 'sum',
    ...(o.optional ? { optional: true } : {}),
    ...(o.source ? { source: o.source } : {}),
  };
}

/** Daily close of the factor's own symbol (bars), known at the bar close. */
export function closeInput(name = 'close', symbol?: string, optional = false): FactorInput {
  return {
    name,
    kind: 'bars',
    field: 'close',
    publicationLagMs: 0,
    maxStalenessMs: 2 * DAY_MS,
    ...(symbol ? { symbol } : {}),
    ...(optional ? { optional: true } : {}),
  };
}
