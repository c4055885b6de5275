import { readFileSync } from 'node:fs';
import { InputFileError, SchemaViolationError } from '../../errors/data.js';

/** Close and volume columns of an OHLCV CSV, on a regular grid (missing bars are NaN). */
export interface KlineSeries {
  /** Bar open times, UTC epoch ms, regular spacing `barMs`. */
  ts: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  barMs: number;
}

/**
 * Reads a Binance-style OHLCV CSV (`date,open,high,low,close,volume`, dates `YYYY-MM-DD HH:MM:SS` UTC) into
 * a regular grid at the file's bar interval (the most common spacing); missing bars become NaN so returns
 * are never bridged across gaps.
 *
 * @throws {InputFileError} when the file is unreadable or has no `date`/`close` header.
 * @throws {SchemaViolationError} on an unparsable date or close, naming the line.
 */
export function readKlinesCsv(file: string): KlineSeries {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputFileError(file, 'cannot read file', { cause: err });
  }
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines[0] ?? '').split(',');
  const iDate = header.indexOf(header.includes('date') ? 'date' : 'timestamp');
  const iClose = header.indexOf('close');
  const iVol = header.indexOf('volume');
  if (iDate < 0 || iClose < 0)
    throw new InputFileError(file, 'expected a header with date and close columns');
  const ts: number[] = [];
  const close: number[] = [];
  const vol: number[] = [];
  for (let li = 1; li < lines.length; li++) {
    const f = lines[li].split(',');
    const raw = f[iDate];
    const t = /^\d+$/.test(raw) ? Number(raw) : Date.parse(`${raw.replace(' ', 'T')}Z`);
    if (!Number.isFinite(t))
      throw new SchemaViolationError({ file, line: li + 1, field: 'date' }, `bad date "${raw}"`);
    const c = Number(f[iClose]);
    if (!(c > 0))
      throw new SchemaViolationError({ file, line: li + 1, field: 'close' }, `bad close "${f[iClose]}"`);
    ts.push(t);
    close.push(c);
    vol.push(iVol >= 0 ? Number(f[iVol]) : Number.NaN);
  }
  if (ts.length < 2) throw new InputFileError(file, 'fewer than 2 rows');
  const gaps = new Map<number, number>();
  for (let i = 1; i < ts.length; i++) gaps.set(ts[i] - ts[i - 1], (gaps.get(ts[i] - ts[i - 1]) ?? 0) + 1);
  const barMs = [...gaps.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const n = Math.floor((ts[ts.length - 1] - ts[0]) / barMs) + 1;
  const out: KlineSeries = {
    ts: new Float64Array(n),
    close: new Float64Array(n).fill(Number.NaN),
    volume: new Float64Array(n).fill(Number.NaN),
    barMs,
  };
  for (let i = 0; i < n; i++) out.ts[i] = ts[0] + i * barMs;
  for (let i = 0; i < ts.length; i++) {
    const k = Math.round((ts[i] - ts[0]) / barMs);
    if (k >= 0 && k < n) {
      out.close[k] = close[i];
      out.volume[k] = vol[i];
    }
  }
  return out;
}
