import type { Store } from '../store.js';
import { intervalToMs } from '../identifiers.js';
import type { ColumnMapping } from './mapping.js';

/** Bar fields the native path loads, with whether they are prices (> 0) or amounts (>= 0). */
const NUMERIC: Record<string, { column: string; kind: 'price' | 'amount' }> = {
  open: { column: 'open', kind: 'price' },
  high: { column: 'high', kind: 'price' },
  low: { column: 'low', kind: 'price' },
  close: { column: 'close', kind: 'price' },
  volume: { column: 'volume', kind: 'amount' },
  quoteVolume: { column: 'quote_volume', kind: 'amount' },
  tradeCount: { column: 'trade_count', kind: 'amount' },
};

/** What the native path did (the same counts the general path reports). */
export interface NativeResult {
  rows: number;
  inserted: number;
  from: number | null;
  to: number | null;
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function colIndex(header: readonly string[], ref: string | number | string[]): number {
  if (typeof ref === 'number') return ref < header.length ? ref : -1;
  for (const n of Array.isArray(ref) ? ref : [ref]) {
    const i = header.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * DuckDB-native fast path for the common large case: a CSV of bars in long layout with plain numeric columns,
 * constant source/venue/symbol/interval, epoch-ms or `YYYY-MM-DD[ HH:MM:SS]` UTC times. DuckDB's own parallel
 * CSV reader loads the file into a temporary table (DuckDB spills it to disk when large; JavaScript never
 * holds it), then one SQL pass applies every check of the general path (types, NaN/Infinity, prices > 0,
 * volumes >= 0, high >= low, containment, strictly ordered unique times). Only when all rows pass are they
 * inserted (idempotent anti-join, one transaction). Anything else returns `undefined` having written
 * nothing, and the caller runs the streaming JavaScript path, which reports exact lines and reasons; the
 * outcome is therefore the same with or without this path, only faster.
 */
export async function tryNativeBarsCsv(
  store: Store,
  file: string,
  mapping: ColumnMapping,
  header: readonly string[],
  firstTime: string,
): Promise<NativeResult | undefined> {
  if (mapping.kind !== 'bars' || mapping.wide || mapping.filter || mapping.idFromContent) return undefined;
  if (
    !mapping.hasHeader ||
    mapping.order === 'any' ||
    mapping.blankAsUnavailable.length ||
    mapping.zeroAsMissing.length
  )
    return undefined;
  if (mapping.time.timezone !== 'UTC') return undefined;
  const fmt = mapping.time.format;
  if (fmt !== 'epoch_ms' && fmt !== 'iso' && fmt !== 'auto') return undefined;
  const c = mapping.constants;
  for (const k of ['source', 'venue', 'symbol', 'interval']) if (typeof c[k] !== 'string') return undefined;
  for (const k of Object.keys(c))
    if (!['source', 'venue', 'symbol', 'interval'].includes(k)) return undefined;
  let intervalMs: number;
  try {
    intervalMs = intervalToMs(c.interval as string);
  } catch {
    return undefined;
  }
  if (!/^[A-Z0-9.\-_]+\/[A-Z0-9.\-_]+(:[A-Z0-9.\-_]+)?(-[A-Z0-9.\-_]+)*$/.test(c.symbol as string))
    return undefined;
  const timeIdx = colIndex(header, mapping.time.column);
  if (timeIdx < 0) return undefined;
  const fields: { field: string; idx: number; scale: number }[] = [];
  for (const [field, src] of Object.entries(mapping.fields)) {
    if (!NUMERIC[field]) return undefined;
    const s = typeof src === 'string' ? { column: src } : src;
    if (
      s.const !== undefined ||
      s.mul ||
      s.map ||
      (s.parse && s.parse !== 'number') ||
      s.column === undefined
    )
      return undefined;
    const idx = colIndex(header, s.column);
    if (idx < 0) {
      if (s.optional) continue;
      return undefined;
    }
    fields.push({ field, idx, scale: s.scale ?? 1 });
  }
  if (!fields.some((f) => f.field === 'close')) return undefined;

  const con = store.connection;
  const stage = `cwm_native_${Math.abs(hashCode(file))}_${stageSeq++}`;
  // Typed columns: DuckDB's reader parses numbers and times itself; any value it cannot parse makes the read
  // fail, and the general path then reports the exact line and reason.
  const numericIdx = new Set(fields.map((f) => f.idx));
  const timeType =
    fmt === 'epoch_ms' || (fmt === 'auto' && /^-?\d+$/.test(firstTime.trim())) ? 'BIGINT' : 'TIMESTAMP';
  if (timeType === 'TIMESTAMP' && !/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(firstTime.trim()))
    return undefined;
  const cols = header
    .map((_, i) => `'c${i}': '${i === timeIdx ? timeType : numericIdx.has(i) ? 'DOUBLE' : 'VARCHAR'}'`)
    .join(', ');
  const delim = mapping.delimiter ?? ',';
  try {
    await con.run(
      `CREATE OR REPLACE TEMP TABLE ${stage} AS SELECT * FROM read_csv(${sqlString(file)}, header=false, skip=1, auto_detect=false, columns={${cols}}, delim=${sqlString(delim)}, quote='"', escape='"', strict_mode=true, null_padding=false)`,
    );
  } catch {
    await con.run(`DROP TABLE IF EXISTS temp.${stage}`).catch(() => undefined);
    return undefined;
  }
  try {
    const t = `c${timeIdx}`;
    // epoch numbers follow parseTime's 'auto' rule: microseconds above 1e14, milliseconds above 1e11, else seconds
    const tsExpr =
      timeType === 'TIMESTAMP'
        ? `epoch_ms(${t})`
        : fmt === 'epoch_ms'
          ? t
          : `CAST(CASE WHEN abs(${t}) > 1e14 THEN round(${t} / 1000) WHEN abs(${t}) > 1e11 THEN ${t} ELSE ${t} * 1000 END AS BIGINT)`;
    const sel = ['rowid AS rn', `${tsExpr} AS ts`];
    const bad: string[] = ['ts IS NULL'];
    for (const f of fields) {
      const n = NUMERIC[f.field];
      sel.push(f.scale === 1 ? `c${f.idx} AS ${n.column}` : `c${f.idx} * ${f.scale} AS ${n.column}`);
      bad.push(`isnan(${n.column}) OR isinf(${n.column})`);
      bad.push(n.kind === 'price' ? `${n.column} <= 0` : `${n.column} < 0`);
      if (f.field === 'tradeCount') bad.push(`${n.column} <> floor(${n.column})`);
    }
    const has = (f: string) => fields.some((x) => x.field === f);
    bad.push('close IS NULL');
    if (has('high') && has('low')) bad.push('high < low');
    if (mapping.ohlcContainment) {
      const open = has('open') ? 'coalesce(open, close)' : 'close';
      if (has('high')) bad.push(`high < greatest(${open}, close)`);
      if (has('low')) bad.push(`low > least(${open}, close)`);
    }
    const cmp = mapping.order === 'desc' ? '>=' : '<=';
    bad.push(`ts ${cmp} lag(ts) OVER (ORDER BY rn)`);
    const typed = `(SELECT ${sel.join(', ')} FROM ${stage})`;
    const check = await con.runAndReadAll(
      `SELECT count(*)::DOUBLE, count(*) FILTER (WHERE bad)::DOUBLE, min(ts)::DOUBLE, max(ts)::DOUBLE FROM (SELECT ts, (${bad.map((b) => `coalesce(${b}, false)`).join(' OR ')}) AS bad FROM ${typed})`,
    );
    const [rows, nBad, min, max] = check.getRows()[0] as number[];
    if (nBad > 0 || rows === 0) return undefined;
    const outCols = [
      'source',
      'venue',
      'symbol',
      'interval',
      'ts_event',
      'ts_init',
      ...fields.map((f) => NUMERIC[f.field].column),
    ];
    const values = [
      sqlString(c.source as string),
      sqlString(c.venue as string),
      sqlString(c.symbol as string),
      sqlString(c.interval as string),
      'd.ts',
      `d.ts + ${intervalMs + mapping.lagMs}`,
      ...fields.map((f) => {
        const col = NUMERIC[f.field].column;
        return f.field === 'tradeCount' ? `CAST(d.${col} AS BIGINT)` : `d.${col}`;
      }),
    ];
    // only this series' stored rows within the file's time range can collide (zone maps prune the rest)
    const existing = `(SELECT ts_event FROM bars WHERE source = ${values[0]} AND venue = ${values[1]} AND symbol = ${values[2]} AND "interval" = ${values[3]} AND ts_event BETWEEN ${min} AND ${max})`;
    await con.run('BEGIN TRANSACTION');
    try {
      // A key range new to this series (the common first ingest) needs no anti-join: append straight in.
      const overlap = await con.runAndReadAll(`SELECT count(*)::DOUBLE FROM ${existing}`);
      const fresh = (overlap.getRows()[0][0] as number) === 0;
      const res = await con.run(
        `INSERT INTO bars (${outCols.map((x) => `"${x}"`).join(', ')}) SELECT ${values.join(', ')} FROM ${typed} d${fresh ? '' : ` ANTI JOIN ${existing} b ON b.ts_event = d.ts`}`,
      );
      await con.run('COMMIT');
      return { rows, inserted: res.rowsChanged, from: min, to: max };
    } catch (err) {
      await con.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    await con.run(`DROP TABLE IF EXISTS temp.${stage}`).catch(() => undefined);
  }
}

let stageSeq = 0;

function hashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
