import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputFileError } from '../../errors/data.js';

/**
 * Reads a small CSV (optionally .gz) from the shared data folder into numeric columns by header name, for
 * reference tests. Non-numeric cells are NaN; the `date`-like column is returned as text.
 */
export function readCsvColumns(path: string): {
  header: string[];
  text: string[][];
  num: Record<string, Float64Array>;
} {
  const raw = readFileSync(path);
  const body = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const lines = body.split(/\r?\n/).filter((l) => l.length > 0);
  if (lines.length < 2) throw new InputFileError(path, 'no data rows');
  const header = lines[0].split(',').map((h) => h.trim());
  const text = lines.slice(1).map((l) => l.split(','));
  const num: Record<string, Float64Array> = {};
  header.forEach((h, k) => {
    num[h] = Float64Array.from(text, (row) => {
      const v = row[k]?.trim();
      return v === undefined || v === '' ? Number.NaN : Number(v);
    });
  });
  return { header, text, num };
}
