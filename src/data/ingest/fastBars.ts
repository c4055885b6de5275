import type { ColumnSpec } from '../tables.js';
import type { ColumnMapping } from './mapping.js';
import { parseTime, type TimeFormat } from './parseTime.js';

/** Bar fields the fast path reads, with whether they are prices (> 0) or amounts (>= 0). */
const NUMERIC: Record<string, 'price' | 'amount'> = {
  open: 'price',
  high: 'price',
  low: 'price',
  close: 'price',
  volume: 'amount',
  quoteVolume: 'amount',
  tradeCount: 'amount',
};

/**
 * A row handler for the common case of a long-layout CSV of bars with plain numeric columns and constant
 * source/venue/symbol/interval. It parses a row straight into a preallocated value array aligned with the
 * table's columns (no record object) and returns true when the row is valid and was written. For anything
 * unusual (blank, non-numeric, NaN/Infinity, non-positive price, high/low inconsistency, time it cannot read,
 * duplicate or out-of-order time) it returns false without side effects, and the caller runs the general
 * path on the row, which produces the exact error or handles the case. Results are therefore identical with
 * and without the fast path.
 */
export type FastRow = (cells: readonly unknown[]) => boolean;

/** Builds the fast bar row handler, or undefined when the mapping does not qualify. */
export function compileFastBars(
  mapping: ColumnMapping,
  header: readonly string[] | undefined,
  columns: readonly ColumnSpec[],
  write: (values: unknown[]) => void,
  state: {
    lastTs: Map<string, number>;
    seriesKey: (rec: Record<string, unknown>) => string;
    range: { min: number; max: number };
  },
): FastRow | undefined {
  if (mapping.kind !== 'bars' || mapping.wide || mapping.filter || mapping.idFromContent || !header)
    return undefined;
  if (mapping.order === 'any' || mapping.blankAsUnavailable.length || mapping.zeroAsMissing.length)
    return undefined;
  const c = mapping.constants;
  for (const k of ['source', 'venue', 'symbol', 'interval']) if (typeof c[k] !== 'string') return undefined;
  const fmt = mapping.time.format as TimeFormat;
  const tz = mapping.time.timezone;
  const names = Array.isArray(mapping.time.column) ? mapping.time.column : [mapping.time.column];
  let timeIdx = -1;
  for (const n of names) {
    const i = typeof n === 'number' ? n : header.indexOf(n);
    if (i >= 0 && i < header.length) {
      timeIdx = i;
      break;
    }
  }
  if (timeIdx < 0) return undefined;
  const fields: { col: number; out: number; kind: 'price' | 'amount'; scale: number; field: string }[] = [];
  for (const [field, src] of Object.entries(mapping.fields)) {
    const k = NUMERIC[field];
    if (!k) return undefined;
    const s = typeof src === 'string' ? { column: src } : src;
    if (s.const !== undefined || s.mul || s.map || (s.parse && s.parse !== 'number')) return undefined;
    if (s.column === undefined) return undefined;
    const refs = Array.isArray(s.column) ? s.column : [s.column];
    let col = -1;
    for (const r of refs) {
      const i = typeof r === 'number' ? r : header.indexOf(r);
      if (i >= 0 && i < header.length) {
        col = i;
        break;
      }
    }
    if (col < 0) {
      if (s.optional) continue;
      return undefined;
    }
    const out = columns.findIndex((x) => x.field === field);
    fields.push({ col, out, kind: k, scale: s.scale ?? 1, field });
  }
  if (!fields.some((f) => f.field === 'close')) return undefined;
  const at = (f: string) => columns.findIndex((x) => x.field === f);
  const values: unknown[] = new Array(columns.length).fill(undefined);
  for (const k of ['source', 'venue', 'symbol', 'interval']) values[at(k)] = c[k];
  for (const [k, v] of Object.entries(c)) {
    const i = at(k);
    if (i >= 0) values[i] = v;
  }
  const iTs = at('tsEvent');
  const iOpen = at('open');
  const iHigh = at('high');
  const iLow = at('low');
  const iClose = at('close');
  const numericOuts = fields.map((f) => f.out);
  const containment = mapping.ohlcContainment;
  const key = state.seriesKey(
    values.reduce<Record<string, unknown>>((o, v, i) => {
      o[columns[i].field] = v;
      return o;
    }, {}),
  );
  const asc = mapping.order === 'asc';
  const range = state.range;
  const epochMs = fmt === 'epoch_ms';

  return (cells) => {
    const tv = cells[timeIdx];
    let ts: number | undefined;
    if (typeof tv !== 'string' || tv.length === 0) return false;
    if (epochMs) {
      const n = +tv;
      if (!Number.isInteger(n)) return false;
      ts = n;
    } else {
      ts = parseTime(tv, fmt, tz);
      if (ts === undefined) return false;
    }
    for (let k = 0; k < fields.length; k++) {
      const f = fields[k];
      const s = cells[f.col];
      if (typeof s !== 'string' || s.length === 0) return false;
      const c0 = s.charCodeAt(0);
      if (c0 <= 32 || s.charCodeAt(s.length - 1) <= 32) return false;
      if (s.length > 1 && (s[1] === 'x' || s[1] === 'X' || s[1] === 'b' || s[1] === 'o')) return false;
      const x = +s * f.scale;
      if (
        f.kind === 'price'
          ? !(x > 0 && x < Number.POSITIVE_INFINITY)
          : !(x >= 0 && x < Number.POSITIVE_INFINITY)
      ) {
        return false;
      }
      if (f.field === 'tradeCount' && !Number.isInteger(x)) return false;
      values[f.out] = x;
    }
    const close = values[iClose] as number;
    const open = (values[iOpen] as number | undefined) ?? close;
    const high = values[iHigh] as number | undefined;
    const low = values[iLow] as number | undefined;
    if (high !== undefined && low !== undefined && high < low) return clear();
    if (containment) {
      if (high !== undefined && high < Math.max(open, close)) return clear();
      if (low !== undefined && low > Math.min(open, close)) return clear();
    }
    const last = state.lastTs.get(key);
    if (last !== undefined && (asc ? ts <= last : ts >= last)) return clear();
    values[iTs] = ts;
    write(values);
    state.lastTs.set(key, ts);
    if (ts < range.min) range.min = ts;
    if (ts > range.max) range.max = ts;
    return true;
  };

  function clear(): false {
    for (const o of numericOuts) values[o] = undefined;
    return false;
  }
}
