import { SchemaViolationError } from '../errors/data.js';
import type { RecordKind } from './schemas/index.js';

/** A validated ccxt-style unified symbol (`BTC/USDT`, perps `BTC/USDT:USDT`). */
export type UnifiedSymbol = string & { readonly __brand: 'UnifiedSymbol' };

/** The parts of a unified symbol. */
export interface SymbolParts {
  base: string;
  quote: string;
  /** Settlement currency of a derivative (`USDT` in `BTC/USDT:USDT`); absent for spot. */
  settle: string | undefined;
  /** True for derivatives (a settle currency is given). */
  isDerivative: boolean;
}

const SYMBOL_RE = /^([A-Z0-9._-]+)\/([A-Z0-9._]+)(?::([A-Z0-9._]+))?(?:-[A-Z0-9._-]+)?$/;

/**
 * Parses a ccxt-style unified symbol.
 *
 * @throws {SchemaViolationError} when `s` is not `BASE/QUOTE` or `BASE/QUOTE:SETTLE`.
 * @example parseSymbol('BTC/USDT:USDT') // { base: 'BTC', quote: 'USDT', settle: 'USDT', isDerivative: true }
 */
export function parseSymbol(s: string): SymbolParts {
  const m = SYMBOL_RE.exec(s);
  if (!m) {
    throw new SchemaViolationError(
      { field: 'symbol' },
      `"${s}" is not a unified symbol (expected BASE/QUOTE like BTC/USDT, or BTC/USDT:USDT for a perp)`,
    );
  }
  return { base: m[1], quote: m[2], settle: m[3], isDerivative: m[3] !== undefined };
}

/** Validates and brands a unified symbol. @throws {SchemaViolationError} */
export function toSymbol(s: string): UnifiedSymbol {
  parseSymbol(s);
  return s as UnifiedSymbol;
}

/** Quote currencies recognised when splitting exchange-native symbols, longest first. */
const KNOWN_QUOTES = [
  'FDUSD',
  'USDT',
  'USDC',
  'BUSD',
  'TUSD',
  'USD',
  'EUR',
  'BTC',
  'ETH',
  'BNB',
  'DAI',
  'TRY',
];

/**
 * Converts an exchange-native symbol (`BTCUSDT`, `BTC-USDT`, `BTC_USDT`, `btcusdt`) to a unified one.
 * With `perp: true` the quote currency is also the settle currency (`BTC/USDT:USDT`).
 *
 * @throws {SchemaViolationError} when no known quote currency ends the symbol.
 * @example normalizeSymbol('BTCUSDT') // 'BTC/USDT'
 */
export function normalizeSymbol(native: string, opts: { perp?: boolean } = {}): UnifiedSymbol {
  const s = native.trim().toUpperCase();
  if (SYMBOL_RE.test(s)) return s as UnifiedSymbol;
  let base: string | undefined;
  let quote: string | undefined;
  const sep = /[-_/]/.exec(s);
  if (sep) {
    base = s.slice(0, sep.index);
    quote = s.slice(sep.index + 1).split(/[-_]/)[0];
  } else {
    for (const q of KNOWN_QUOTES) {
      if (s.length > q.length && s.endsWith(q)) {
        base = s.slice(0, s.length - q.length);
        quote = q;
        break;
      }
    }
  }
  if (!base || !quote) {
    throw new SchemaViolationError(
      { field: 'symbol' },
      `cannot split "${native}" into base and quote (known quotes: ${KNOWN_QUOTES.join(', ')})`,
    );
  }
  return toSymbol(opts.perp ? `${base}/${quote}:${quote}` : `${base}/${quote}`);
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Length of a bar interval in milliseconds: `1m` -> 60000, `4h` -> 14400000, `1d` -> 86400000.
 *
 * @throws {SchemaViolationError} for anything but a positive integer followed by s, m, h, d or w.
 */
export function intervalToMs(interval: string): number {
  const m = /^([1-9][0-9]*)([smhdw])$/.exec(interval);
  if (!m) {
    throw new SchemaViolationError(
      { field: 'interval' },
      `"${interval}" is not an interval (expected a number and a unit s, m, h, d or w, like 1m, 4h, 1d)`,
    );
  }
  return Number(m[1]) * UNIT_MS[m[2]];
}

/** The canonical interval string of a length in ms (`3600000` -> `1h`), largest exact unit. */
export function msToInterval(ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new SchemaViolationError({ field: 'interval' }, `${ms} ms is not a positive whole interval`);
  }
  for (const u of ['w', 'd', 'h', 'm', 's']) {
    if (ms % UNIT_MS[u] === 0) return `${ms / UNIT_MS[u]}${u}`;
  }
  throw new SchemaViolationError({ field: 'interval' }, `${ms} ms is not a whole number of seconds`);
}

/**
 * The default `tsInit` of a record (when cwm could know it), in UTC epoch ms:
 * - bars: at the bar's close, `tsEvent + interval`;
 * - every other kind: `tsEvent + lagMs`, where `lagMs` is the dataset's declared publication lag (default 0:
 *   the value is known when it is stamped, as for trades, quotes, funding prints and on-chain events).
 */
export function defaultTsInit(kind: RecordKind, tsEvent: number, interval?: string, lagMs = 0): number {
  if (kind === 'bars' && interval) return tsEvent + intervalToMs(interval) + lagMs;
  return tsEvent + lagMs;
}

/** A Deribit option instrument name taken apart. */
export interface DeribitOptionName {
  /** Underlying, upper-case (`ETH`). */
  underlying: string;
  /** Expiry, UTC epoch ms: 08:00 UTC on the expiry date (Deribit's settlement time). */
  expiry: number;
  /** Strike in quote currency. */
  strike: number;
  type: 'C' | 'P';
}

const DERIBIT_MONTHS: Readonly<Record<string, number>> = {
  JAN: 0,
  FEB: 1,
  MAR: 2,
  APR: 3,
  MAY: 4,
  JUN: 5,
  JUL: 6,
  AUG: 7,
  SEP: 8,
  OCT: 9,
  NOV: 10,
  DEC: 11,
};
const DERIBIT_OPTION_RE = /^([A-Z0-9]+)-(\d{1,2})([A-Z]{3})(\d{2})-(\d+(?:\.\d+)?)(?:d[0-9]+)?-([CP])$/;

/**
 * Parses a Deribit option instrument name (`ETH-26JUN26-3000-C`); `undefined` for any other instrument
 * (perpetuals, futures, malformed names).
 *
 * @example parseDeribitOptionName('ETH-12JUN26-1800-P') // { underlying: 'ETH', expiry: 1781251200000, strike: 1800, type: 'P' }
 */
export function parseDeribitOptionName(name: string): DeribitOptionName | undefined {
  const m = DERIBIT_OPTION_RE.exec(name);
  if (!m) return undefined;
  const month = DERIBIT_MONTHS[m[3]];
  if (month === undefined) return undefined;
  return {
    underlying: m[1],
    expiry: Date.UTC(2000 + Number(m[4]), month, Number(m[2]), 8),
    strike: Number(m[5]),
    type: m[6] as 'C' | 'P',
  };
}
