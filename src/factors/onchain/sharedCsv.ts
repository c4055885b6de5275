/**
 * Minimal RFC 4180 CSV reader used by the factor tests to read `../shared/data` files in place (quoted
 * fields, doubled quotes, CRLF, a leading BOM). Returns string columns by header name.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputFileError } from '../../errors/data.js';

/** Parsed CSV: header names and one string array per column. */
export interface CsvTable {
  header: string[];
  rows: string[][];
  column(name: string): string[];
  numeric(name: string): Float64Array;
}

/** Splits CSV text into records of fields. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let field = '';
  let rec: string[] = [];
  let q = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else q = false;
      } else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      rec.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rec.push(field);
      field = '';
      out.push(rec);
      rec = [];
    } else field += c;
  }
  if (field !== '' || rec.length > 0) {
    rec.push(field);
    out.push(rec);
  }
  return out;
}

/**
 * Reads a CSV (optionally `.gz`) file into a {@link CsvTable}.
 * @throws {InputFileError} when the file is empty or a requested column is absent.
 */
export function readCsvTable(path: string): CsvTable {
  const buf = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
  const recs = parseCsv(text);
  if (recs.length === 0) throw new InputFileError(path, 'empty CSV');
  const header = recs[0];
  const rows = recs.slice(1).filter((r) => r.length > 1 || r[0] !== '');
  const column = (name: string): string[] => {
    const j = header.indexOf(name);
    if (j < 0)
      throw new InputFileError(path, `no column "${name}" (has ${header.slice(0, 12).join(', ')}...)`);
    return rows.map((r) => r[j] ?? '');
  };
  const numeric = (name: string): Float64Array =>
    Float64Array.from(column(name), (s) => (s === '' ? Number.NaN : Number(s)));
  return { header, rows, column, numeric };
}
