import { DAY_MS, type FactorInput, type InputAlign, type InputKind } from './spec.js';

/** Options shared by the input helpers. */
export interface InputOptions {
  symbol?: string;
  venue?: string;
  source?: string;
  optional?: boolean;
  publicationLagMs?: number;
  maxStalenessMs?: number;
  align?: InputAlign;
}

/**
 * A bar field of the target symbol (or `opts.symbol`) at the native grid's interval. Bars are known at their
 * close and must match the grid: a missing bar is missing (staleness 1 minute, no forward-fill).
 */
export function barInput(name: string, field: string, opts: InputOptions = {}): FactorInput {
  return {
    name,
    kind: 'bars',
    field,
    symbol: opts.symbol,
    venue: opts.venue,
    publicationLagMs: opts.publicationLagMs ?? 0,
    maxStalenessMs: opts.maxStalenessMs ?? 60_000,
    optional: opts.optional,
  };
}

/**
 * A macro series (store names: `DFF`, `DGS10`, `DGS2`, `T10YIE` as decimals, `CPIAUCSL`, `DXY`, `SPX`, `NDX`,
 * `VIX`, `WTI`, `BRENT`, gold `usd` of source `lbma`...) stamped
 * at its calendar date. Default lag 22 h (a US close is known on its own UTC day), staleness 5 days
 * (weekends and holidays carry the last close).
 */
export function macroInput(name: string, series: string, opts: InputOptions = {}): FactorInput {
  return {
    name,
    kind: 'macro',
    field: series,
    publicationLagMs: opts.publicationLagMs ?? 22 * 3_600_000,
    maxStalenessMs: opts.maxStalenessMs ?? 5 * DAY_MS,
    optional: opts.optional,
    source: opts.source,
  };
}

/** Any other kind of input, with explicit lag and staleness. */
export function seriesInput(
  name: string,
  kind: InputKind,
  field: string,
  publicationLagMs: number,
  maxStalenessMs: number,
  opts: InputOptions = {},
): FactorInput {
  return {
    name,
    kind,
    field,
    symbol: opts.symbol,
    venue: opts.venue,
    source: opts.source,
    publicationLagMs,
    maxStalenessMs,
    align: opts.align,
    optional: opts.optional,
  };
}

/** Days to grid rows on a grid with `barsPerDay` rows a day, at least `min` rows. */
export function daysToRows(days: number, barsPerDay: number, min = 2): number {
  return Math.max(min, Math.round(days * barsPerDay));
}
