import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputFileError } from '../../errors/data.js';
import { readCsv } from './csvReader.js';
import type { ColumnMapping } from './mapping.js';

/** A batch of rows (cells aligned with `header`, or positional when there is no header). */
export interface RowBatch {
  /** 1-based line (CSV, JSON Lines) or record number (JSON, Parquet) of each row. */
  lines: number[];
  rows: unknown[][];
  /** Progress: bytes (CSV) or rows (others) done so far, out of `total`. */
  done: number;
}

/** A file opened for row reading: header (if any), total work units for progress, and the batches. */
export interface RowSource {
  format: 'csv' | 'json' | 'jsonl' | 'parquet';
  header: string[] | undefined;
  total: number;
  batches: AsyncGenerator<RowBatch>;
  /** First data row (CSV), to sniff the time format. */
  firstRow?: unknown[];
  /** Word for a position in error messages: `line` or `record`. */
}

/** The file format from the mapping or the extension. */
export function detectFormat(file: string, mapping: ColumnMapping): RowSource['format'] {
  if (mapping.format) return mapping.format;
  const f = file.toLowerCase().replace(/\.gz$/, '');
  if (f.endsWith('.parquet')) return 'parquet';
  if (f.endsWith('.jsonl') || f.endsWith('.ndjson')) return 'jsonl';
  if (f.endsWith('.json')) return 'json';
  return 'csv';
}

function getPath(obj: unknown, path: string | undefined): unknown {
  if (!path) return obj;
  let cur: unknown = obj;
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** Flattens nested objects one or two levels deep into dotted keys (`stats.volume`). */
function flatten(
  o: Record<string, unknown>,
  prefix = '',
  out: Record<string, unknown> = {},
  depth = 0,
): Record<string, unknown> {
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < 2)
      flatten(v as Record<string, unknown>, key, out, depth + 1);
    else out[key] = v;
  }
  return out;
}

function objectRows(objs: Record<string, unknown>[]): { header: string[]; rows: unknown[][] } {
  const flat = objs.map((o) => flatten(o));
  const header: string[] = [];
  const seen = new Set<string>();
  for (const f of flat) {
    for (const k of Object.keys(f)) {
      if (!seen.has(k)) {
        seen.add(k);
        header.push(k);
      }
    }
  }
  return { header, rows: flat.map((f) => header.map((h) => f[h])) };
}

async function* once(batch: RowBatch): AsyncGenerator<RowBatch> {
  yield batch;
}

/**
 * Opens a CSV (streamed), JSON (parsed whole), JSON Lines (streamed) or Parquet (streamed through DuckDB) file
 * as row batches.
 *
 * @throws {InputFileError} for a missing or empty file, malformed or truncated JSON, an unreadable Parquet file.
 */
export async function openRows(
  file: string,
  mapping: ColumnMapping,
  connect: () => Promise<DuckDBConnection>,
): Promise<RowSource> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    throw new InputFileError(file, 'file not found or not readable', { cause: err });
  }
  if (size === 0) throw new InputFileError(file, 'empty file (0 bytes)');
  const format = detectFormat(file, mapping);
  if (format === 'csv') {
    const gen = readCsv(file, mapping.delimiter ? { delimiter: mapping.delimiter } : {});
    const first = await gen.next();
    if (first.done || first.value.rows.length === 0)
      throw new InputFileError(file, 'empty file: no header row');
    const head = first.value;
    const header = mapping.hasHeader
      ? head.rows[0].map((h) => h.trim())
      : head.rows[0].map((_, i) => String(i));
    const skip = mapping.hasHeader ? 1 : 0;
    async function* batches(): AsyncGenerator<RowBatch> {
      yield { lines: head.lines.slice(skip), rows: head.rows.slice(skip), done: head.bytesRead };
      for await (const b of gen) yield { lines: b.lines, rows: b.rows, done: b.bytesRead };
    }
    return { format, header, total: size, batches: batches(), firstRow: head.rows[skip] };
  }
  if (format === 'json') {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new InputFileError(
        file,
        `malformed or truncated JSON: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
    const shape = mapping.json?.shape ?? 'objects';
    const arr = getPath(doc, mapping.json?.path);
    if (shape === 'keyed') {
      if (arr === null || typeof arr !== 'object' || Array.isArray(arr))
        throw new InputFileError(file, 'expected a JSON object keyed by id');
      const keyCol = mapping.json?.keyColumn ?? '_key';
      const objs = Object.entries(arr as Record<string, unknown>).map(([k, v]) => ({
        [keyCol]: k,
        ...(v as Record<string, unknown>),
      }));
      const { header, rows } = objectRows(objs);
      return {
        format,
        header,
        total: rows.length,
        batches: once({ lines: rows.map((_, i) => i + 1), rows, done: rows.length }),
      };
    }
    if (!Array.isArray(arr))
      throw new InputFileError(
        file,
        `expected a JSON array${mapping.json?.path ? ` at "${mapping.json.path}"` : ''}`,
      );
    if (shape === 'arrays') {
      const rows = arr.map((r) => (Array.isArray(r) ? r : [r]));
      let width = 0;
      for (const r of rows) if (r.length > width) width = r.length;
      const header = Array.from({ length: width }, (_, i) => String(i));
      return {
        format,
        header,
        total: rows.length,
        batches: once({ lines: rows.map((_, i) => i + 1), rows, done: rows.length }),
      };
    }
    const { header, rows } = objectRows(
      arr.map((o) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>) : { value: o })),
    );
    return {
      format,
      header,
      total: rows.length,
      batches: once({ lines: rows.map((_, i) => i + 1), rows, done: rows.length }),
    };
  }
  if (format === 'jsonl') {
    // Header = keys of the first record; later records are aligned to it.
    const rl = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
    const it = rl[Symbol.asyncIterator]();
    let lineNo = 0;
    let firstObj: Record<string, unknown> | undefined;
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      lineNo += 1;
      if (r.value.trim() === '') continue;
      try {
        firstObj = flatten(JSON.parse(r.value));
      } catch (err) {
        throw new InputFileError(
          file,
          `line ${lineNo}: malformed JSON: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      break;
    }
    if (!firstObj) throw new InputFileError(file, 'empty file: no JSON records');
    const header = Object.keys(firstObj);
    const firstLine = lineNo;
    const first = firstObj;
    async function* batches(): AsyncGenerator<RowBatch> {
      let lines = [firstLine];
      let rows: unknown[][] = [header.map((h) => first[h])];
      for (;;) {
        const r = await it.next();
        if (r.done) break;
        lineNo += 1;
        if (r.value.trim() === '') continue;
        let o: Record<string, unknown>;
        try {
          o = flatten(JSON.parse(r.value));
        } catch (err) {
          // a malformed line is a row problem: an empty row with the parse error is reported by the caller
          lines.push(lineNo);
          rows.push([{ __jsonError: err instanceof Error ? err.message : String(err) }]);
          continue;
        }
        lines.push(lineNo);
        rows.push(header.map((h) => o[h]));
        if (rows.length >= 8192) {
          yield { lines, rows, done: lineNo };
          lines = [];
          rows = [];
        }
      }
      if (rows.length) yield { lines, rows, done: lineNo };
    }
    return { format, header, total: size, batches: batches() };
  }
  // parquet: stream through DuckDB, every column as text so the mapping parses it like CSV
  let result: Awaited<ReturnType<DuckDBConnection['stream']>>;
  const lit = `'${file.replace(/'/g, "''")}'`;
  let total = 0;
  const con = await connect();
  try {
    const cnt = await con.runAndReadAll(`SELECT count(*)::DOUBLE FROM read_parquet(${lit})`);
    total = cnt.getRows()[0][0] as number;
    result = await con.stream(`SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${lit})`);
  } catch (err) {
    throw new InputFileError(
      file,
      `cannot read Parquet: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  const header = result.columnNames();
  async function* batches(): AsyncGenerator<RowBatch> {
    let n = 0;
    try {
      for await (const rows of result.yieldRows()) {
        const lines = rows.map((_, i) => n + i + 1);
        n += rows.length;
        yield { lines, rows: rows as unknown[][], done: n };
      }
    } finally {
      con.closeSync();
    }
  }
  return { format, header, total, batches: batches() };
}
