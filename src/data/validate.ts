import { type RecordKind, type RecordOf, recordSchemas } from './schemas/index.js';

/** Why one record is invalid: the field and the reason. */
export interface RecordIssue {
  field: string;
  reason: string;
}

/** The outcome of validating one record: the parsed record (defaults applied) or the first issue. */
export type ValidationResult<K extends RecordKind> =
  | { ok: true; record: RecordOf<K> }
  | { ok: false; issue: RecordIssue };

function describeNumber(v: unknown): string {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN is not allowed';
    if (!Number.isFinite(v)) return `${v} is not allowed (must be finite)`;
  }
  return '';
}

const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;
const AMOUNT_FIELDS = ['volume', 'quoteVolume', 'tradeCount'] as const;

/**
 * Validates one OHLCV bar without allocating (the ingest hot path); same rules as `barSchema`: finite
 * prices > 0, volumes >= 0, high >= low, high >= max(open, close), low <= min(open, close).
 * Returns undefined when valid.
 */
function checkBar(r: Record<string, unknown>, containment: boolean): RecordIssue | undefined {
  const close = r.close;
  if (typeof close !== 'number') return { field: 'close', reason: 'missing or not a number' };
  for (const f of PRICE_FIELDS) {
    const v = r[f];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return { field: f, reason: describeNumber(v) || `expected a number, got ${JSON.stringify(v)}` };
    }
    if (v <= 0) return { field: f, reason: `price must be > 0, got ${v}` };
  }
  for (const f of AMOUNT_FIELDS) {
    const v = r[f];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return { field: f, reason: describeNumber(v) || `expected a number, got ${JSON.stringify(v)}` };
    }
    if (v < 0) return { field: f, reason: `must be >= 0, got ${v}` };
  }
  const high = r.high as number | undefined;
  const low = r.low as number | undefined;
  const open = (r.open as number | undefined) ?? close;
  if (high !== undefined && low !== undefined && high < low) {
    return { field: 'high', reason: `high ${high} < low ${low}` };
  }
  if (!containment) return undefined;
  if (high !== undefined && high < Math.max(open, close)) {
    return { field: 'high', reason: `high ${high} below open/close ${Math.max(open, close)}` };
  }
  if (low !== undefined && low > Math.min(open, close)) {
    return { field: 'low', reason: `low ${low} above open/close ${Math.min(open, close)}` };
  }
  return undefined;
}

function checkStrings(r: Record<string, unknown>, fields: readonly string[]): RecordIssue | undefined {
  for (const f of fields) {
    if (typeof r[f] !== 'string' || (r[f] as string).length === 0) {
      return { field: f, reason: `expected a non-empty string, got ${JSON.stringify(r[f])}` };
    }
  }
  return undefined;
}

const ID_RE = /^[a-z0-9_.-]+$/;

/** Key fields (with defaults) of the single-value series kinds, checked without zod on the ingest hot path. */
const SERIES_RULES: Partial<Record<RecordKind, { key: string; id?: boolean; def?: string }[]>> = {
  onchainMetrics: [{ key: 'chain', id: true }, { key: 'asset', def: '' }, { key: 'metric' }],
  defiMetrics: [
    { key: 'protocol', id: true },
    { key: 'chain', id: true, def: 'all' },
    { key: 'asset', def: '' },
    { key: 'metric' },
  ],
  indexSeries: [{ key: 'index' }, { key: 'subject', def: '' }],
  macroSeries: [{ key: 'series' }],
};

/** The same rules as the zod schemas of the series kinds (see `SERIES_RULES`); undefined when not a series kind. */
function checkSeries(
  kind: RecordKind,
  raw: Record<string, unknown>,
): ValidationResult<RecordKind> | undefined {
  const rules = SERIES_RULES[kind];
  if (!rules) return undefined;
  const allowed = 5 + rules.length; // tsEvent, tsInit, source, value + keys (+1 slack)
  const keys = Object.keys(raw);
  if (keys.length > allowed) return undefined; // unexpected fields: let zod decide
  const t = raw.tsEvent;
  if (typeof t !== 'number' || !Number.isInteger(t)) {
    return {
      ok: false,
      issue: {
        field: 'tsEvent',
        reason: t === undefined ? 'missing value' : `expected integer epoch ms, got ${String(t)}`,
      },
    };
  }
  if (raw.tsInit !== undefined && (typeof raw.tsInit !== 'number' || !Number.isInteger(raw.tsInit)))
    return undefined;
  if (typeof raw.source !== 'string' || raw.source.length === 0) return undefined;
  const v = raw.value;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    return {
      ok: false,
      issue: {
        field: 'value',
        reason:
          v === undefined
            ? 'missing value'
            : describeNumber(v) || `expected a number, got ${JSON.stringify(v)}`,
      },
    };
  }
  let out = raw;
  for (const r of rules) {
    let x = raw[r.key];
    if (x === undefined && r.def !== undefined) {
      if (out === raw) out = { ...raw };
      out[r.key] = r.def;
      x = r.def;
    }
    if (typeof x !== 'string') return undefined;
    if (r.def === undefined && x.length === 0) return undefined;
    if (r.id && !ID_RE.test(x)) return undefined;
  }
  return { ok: true, record: out as RecordOf<RecordKind> };
}

const SYMBOL_RE = /^[A-Z0-9.\-_]+\/[A-Z0-9.\-_]+(:[A-Z0-9.\-_]+)?(-[A-Z0-9.\-_]+)*$/;
const INTERVAL_RE = /^[1-9][0-9]*[smhdw]$/;

/**
 * Validates one record of `kind` against its zod schema (bars use an equivalent allocation-free check).
 * Returns the parsed record or the first issue with its field.
 */
export function validateRecord<K extends RecordKind>(
  kind: K,
  raw: Record<string, unknown>,
  opts: { ohlcContainment?: boolean } = {},
): ValidationResult<K> {
  if (kind === 'bars') {
    const t = raw.tsEvent;
    if (typeof t !== 'number' || !Number.isInteger(t)) {
      return {
        ok: false,
        issue: { field: 'tsEvent', reason: `expected integer epoch ms, got ${String(t)}` },
      };
    }
    if (raw.tsInit !== undefined && (typeof raw.tsInit !== 'number' || !Number.isInteger(raw.tsInit))) {
      return {
        ok: false,
        issue: { field: 'tsInit', reason: `expected integer epoch ms, got ${String(raw.tsInit)}` },
      };
    }
    const s = checkStrings(raw, ['source', 'venue', 'symbol', 'interval']);
    if (s) return { ok: false, issue: s };
    if (!SYMBOL_RE.test(raw.symbol as string)) {
      return { ok: false, issue: { field: 'symbol', reason: `"${raw.symbol}" is not a ccxt-style symbol` } };
    }
    if (!INTERVAL_RE.test(raw.interval as string)) {
      return {
        ok: false,
        issue: { field: 'interval', reason: `"${raw.interval}" is not an interval like 1h` },
      };
    }
    const b = checkBar(raw, opts.ohlcContainment ?? true);
    if (b) return { ok: false, issue: b };
    return { ok: true, record: raw as RecordOf<K> };
  }
  const fast = checkSeries(kind, raw);
  if (fast) return fast as ValidationResult<K>;
  const res = recordSchemas[kind].safeParse(raw);
  if (res.success) return { ok: true, record: res.data as RecordOf<K> };
  const issue = res.error.issues[0];
  const field = issue.path.length ? issue.path.map(String).join('.') : '(record)';
  const value = issue.path.length ? raw[String(issue.path[0])] : undefined;
  if (issue.path.length === 1 && value === undefined)
    return { ok: false, issue: { field, reason: 'missing value' } };
  const num = describeNumber(value);
  return { ok: false, issue: { field, reason: num || issue.message } };
}
