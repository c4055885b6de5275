import { InputFileError, SchemaViolationError } from '../../errors/data.js';
import type { RecordKind } from '../schemas/index.js';
import type { Store } from '../store.js';
import { TABLES } from '../tables.js';
import { validateRecord } from '../validate.js';
import { type ColumnMapping, type ColumnMappingInput, mappingSchema } from './mapping.js';
import { openRows } from './readRows.js';
import { compileFastBars } from './fastBars.js';
import { tryNativeBarsCsv } from './nativeCsv.js';
import { compileMapping, type RowIssue } from './rowMapper.js';

/** `strict` (default): the first bad row aborts and nothing is written. `lenient`: bad rows are skipped and reported. */
export type IngestMode = 'strict' | 'lenient';

/** Options of {@link ingestFile}. */
export interface IngestOptions {
  mode?: IngestMode;
  /** Called after each batch with work done and total (bytes for CSV, rows otherwise). */
  onProgress?: (done: number, total: number) => void;
  /** How many individual skipped-row issues a lenient report lists (default 20; all are counted). */
  maxIssues?: number;
  /**
   * Try DuckDB's native CSV reader first for plain bar CSVs (default true). It falls back to the streaming
   * JavaScript path whenever any row needs a message, so results are identical either way.
   */
  native?: boolean;
}

/** One bad row: where and why. Lines are 1-based and count the header (records for JSON/Parquet). */
export interface IngestIssue {
  line: number;
  field: string;
  reason: string;
}

/** What an ingest did. */
export interface IngestReport {
  file: string;
  kind: RecordKind;
  format: string;
  mode: IngestMode;
  /** Data rows read (without the header). */
  rows: number;
  /** Records produced from valid rows (wide tables give several per row). */
  records: number;
  /** Records new to the store, and records it already had (idempotent re-ingest). */
  inserted: number;
  existing: number;
  /** Rows skipped as bad (lenient mode), with counts per reason and the first few issues. */
  skipped: number;
  skippedReasons: { reason: string; count: number; firstLine: number }[];
  issues: IngestIssue[];
  /** Rows left out by the mapping's `filter` (not errors). */
  filtered: number;
  /** Blank cells of a wide table: unavailable values, no record made. */
  blankCells: number;
  /** Zeros that the mapping's `zeroAsMissing` marks as missing-day placeholders: unavailable, no record made. */
  zeroAsMissing: number;
  /** First and last tsEvent ingested (UTC ms), or null when nothing was. */
  from: number | null;
  to: number | null;
}

function reasonCategory(field: string, reason: string): string {
  const generic = reason.replace(/"[^"]*"/g, '"…"').replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi, '#');
  return `${field}: ${generic}`;
}

/**
 * Ingests one CSV/JSON/JSON Lines/Parquet file into the store through a column mapping.
 *
 * Streaming (CSV and JSON Lines are read in chunks and appended to a DuckDB staging table in 2048-row chunks),
 * atomic (rows reach the kind's table in one transaction at the end; any error leaves the store as it was) and
 * idempotent (rows whose natural key is stored are skipped). Checks every row: field count (malformed or
 * truncated rows), types, NaN/Infinity, negative prices/volumes, high < low and the rest of the kind's schema,
 * and duplicate or out-of-order timestamps per series (by the mapping's `order`).
 *
 * @throws {SchemaViolationError} (strict mode) naming file, line, field and reason of the first bad row.
 * @throws {InputFileError} for a missing, empty or unparseable file, or a mapping that does not fit the header.
 * @throws {StoreError} when the final insert fails (the store is then unchanged).
 * @example
 * const report = await ingestFile(store, 'BTCUSDT_1d.csv', presetMapping('binance-ohlcv', { symbol: 'BTC/USDT', interval: '1d' }));
 */
export async function ingestFile(
  store: Store,
  file: string,
  mappingInput: ColumnMappingInput | ColumnMapping,
  opts: IngestOptions = {},
): Promise<IngestReport> {
  const parsedMapping = mappingSchema.safeParse(mappingInput);
  if (!parsedMapping.success) {
    const i = parsedMapping.error.issues[0];
    throw new InputFileError(file, `invalid column mapping at "${i.path.join('.')}": ${i.message}`);
  }
  const mapping = parsedMapping.data;
  const kind = mapping.kind as RecordKind;
  const mode = opts.mode ?? 'strict';
  const maxIssues = opts.maxIssues ?? 20;
  const spec = TABLES[kind];
  const label = file;
  const source = await openRows(file, mapping, () => store.openConnection());
  const compiled = compileMapping(mapping, source.header, label);
  if (opts.native !== false && source.format === 'csv' && source.header && source.firstRow) {
    const timeIdx = ((ref) => {
      const names = Array.isArray(ref) ? ref : [ref];
      for (const n of names) {
        const i = typeof n === 'number' ? n : (source.header?.indexOf(n) ?? -1);
        if (i >= 0) return i;
      }
      return -1;
    })(mapping.time.column);
    const firstTime = timeIdx >= 0 ? String(source.firstRow[timeIdx] ?? '') : '';
    const native = await tryNativeBarsCsv(store, file, mapping, source.header, firstTime);
    if (native) {
      await source.batches.return(undefined);
      opts.onProgress?.(source.total, source.total);
      return {
        file: label,
        kind,
        format: source.format,
        mode,
        rows: native.rows,
        records: native.rows,
        inserted: native.inserted,
        existing: native.rows - native.inserted,
        skipped: 0,
        skippedReasons: [],
        issues: [],
        filtered: 0,
        blankCells: 0,
        zeroAsMissing: 0,
        from: native.from,
        to: native.to,
      };
    }
  }
  const timeKeyed = spec.keyFields.includes('tsEvent');
  const seriesFields = spec.keyFields.filter((f) => f !== 'tsEvent');
  const lastTs = new Map<string, number>();
  const seenTs = new Map<string, Set<number>>();
  const order = mapping.order;
  const writer = await store.openWriter(kind, { lagMs: mapping.lagMs, assumeUnique: timeKeyed });
  const report: IngestReport = {
    file: label,
    kind,
    format: source.format,
    mode,
    rows: 0,
    records: 0,
    inserted: 0,
    existing: 0,
    skipped: 0,
    skippedReasons: [],
    issues: [],
    filtered: 0,
    blankCells: 0,
    zeroAsMissing: 0,
    from: null,
    to: null,
  };
  const reasons = new Map<string, { reason: string; count: number; firstLine: number }>();
  let minTs = Number.POSITIVE_INFINITY;
  let maxTs = Number.NEGATIVE_INFINITY;
  const rowRecords: Record<string, unknown>[] = [];
  const collect = (r: Record<string, unknown>) => {
    rowRecords.push(r);
  };
  const width = source.format === 'csv' ? compiled.width : undefined;
  const validateOpts = { ohlcContainment: mapping.ohlcContainment };

  const range = { min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
  const seriesKey = (rec: Record<string, unknown>): string => {
    let key = '';
    for (const f of seriesFields) key += `${String(rec[f])}\u0001`;
    return key;
  };
  const fast =
    source.format === 'csv'
      ? compileFastBars(mapping, source.header, writer.columns, (v) => writer.appendRow(v), {
          lastTs,
          seriesKey,
          range,
        })
      : undefined;

  const checkOrder = (rec: Record<string, unknown>): RowIssue | undefined => {
    if (!timeKeyed) return undefined;
    const key = seriesKey(rec);
    const ts = rec.tsEvent as number;
    if (order === 'any') {
      let set = seenTs.get(key);
      if (!set) {
        set = new Set();
        seenTs.set(key, set);
      }
      if (set.has(ts))
        return { field: 'tsEvent', reason: `duplicate timestamp ${new Date(ts).toISOString()}` };
      set.add(ts);
      return undefined;
    }
    const last = lastTs.get(key);
    if (last !== undefined) {
      if (ts === last)
        return { field: 'tsEvent', reason: `duplicate timestamp ${new Date(ts).toISOString()}` };
      if (order === 'asc' ? ts < last : ts > last) {
        return {
          field: 'tsEvent',
          reason: `out-of-order timestamp ${new Date(ts).toISOString()} after ${new Date(last).toISOString()} (expected ${order === 'asc' ? 'ascending' : 'descending'})`,
        };
      }
    }
    return undefined;
  };

  const fail = async (line: number, issue: RowIssue): Promise<void> => {
    if (mode === 'strict') {
      await writer.abort();
      throw new SchemaViolationError(
        { file: label, line, field: issue.field },
        `${issue.reason} (strict mode: nothing was written; use --lenient to skip bad rows)`,
      );
    }
    report.skipped += 1;
    if (report.issues.length < maxIssues) report.issues.push({ line, ...issue });
    const cat = reasonCategory(issue.field, issue.reason);
    const r = reasons.get(cat);
    if (r) r.count += 1;
    else reasons.set(cat, { reason: cat, count: 1, firstLine: line });
  };

  try {
    for await (const batch of source.batches) {
      const { rows, lines } = batch;
      for (let i = 0; i < rows.length; i++) {
        const cells = rows[i];
        const line = lines[i];
        report.rows += 1;
        if (width !== undefined && cells.length !== width) {
          const reason =
            cells.length < width
              ? `truncated row: expected ${width} fields, got ${cells.length}`
              : `malformed row: expected ${width} fields, got ${cells.length}`;
          await fail(line, { field: '(row)', reason });
          continue;
        }
        if (fast?.(cells)) {
          report.records += 1;
          continue;
        }
        const c0 = cells[0] as { __jsonError?: string } | undefined;
        if (c0 && typeof c0 === 'object' && c0.__jsonError) {
          await fail(line, { field: '(row)', reason: `malformed JSON: ${c0.__jsonError}` });
          continue;
        }
        rowRecords.length = 0;
        const res = compiled.map(cells, collect);
        if (res === 'filtered') {
          report.filtered += 1;
          continue;
        }
        if (res) {
          await fail(line, res);
          continue;
        }
        let issue: RowIssue | undefined;
        for (let k = 0; k < rowRecords.length && !issue; k++) {
          const v = validateRecord(kind, rowRecords[k], validateOpts);
          if (!v.ok) issue = v.issue;
          else {
            rowRecords[k] = v.record as Record<string, unknown>;
            issue = checkOrder(rowRecords[k]);
          }
        }
        if (issue) {
          await fail(line, issue);
          continue;
        }
        for (let k = 0; k < rowRecords.length; k++) {
          const rec = rowRecords[k];
          const ts = rec.tsEvent as number;
          if (timeKeyed && order !== 'any') lastTs.set(seriesKey(rec), ts);
          if (ts < minTs) minTs = ts;
          if (ts > maxTs) maxTs = ts;
          writer.append(rec);
          report.records += 1;
        }
      }
      opts.onProgress?.(batch.done, source.total);
    }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  report.blankCells = compiled.blankCells();
  report.zeroAsMissing = compiled.zeroCells();
  if (report.rows === 0) {
    await writer.abort();
    throw new InputFileError(label, 'empty file: a header but no data rows');
  }
  const result = await writer.commit();
  report.inserted = result.inserted;
  report.existing = result.existing;
  report.skippedReasons = [...reasons.values()].sort((a, b) => b.count - a.count);
  if (report.records > 0) {
    report.from = Math.min(minTs, range.min);
    report.to = Math.max(maxTs, range.max);
  }
  return report;
}
