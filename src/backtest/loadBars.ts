import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFrame, type Frame } from '../data/frame.js';
import { sharedDataPath } from '../data/sharedData.js';
import { InputFileError, SchemaViolationError } from '../errors/data.js';
import { alignPanel, type MarketPanel } from './panel.js';

/**
 * Reads an OHLCV CSV (header with `timestamp` or `date`, then open, high, low, close, volume; dates
 * `YYYY-MM-DD[ HH:MM:SS]` UTC or epoch ms) into a {@link Frame} with those five columns.
 *
 * @throws {InputFileError} when the file is missing or lacks a column; {@link SchemaViolationError} naming
 *   the line and field of an unparsable value.
 */
export function readOhlcvCsv(file: string): Frame {
  const lines = readNonEmptyLines(file);
  const header = (lines[0] ?? '').toLowerCase().split(',');
  const iT = header.findIndex((h) => h === 'timestamp' || h === 'date' || h === 'open_time');
  const names = ['open', 'high', 'low', 'close', 'volume'] as const;
  const idx = names.map((n) => header.indexOf(n));
  if (iT < 0) throw new InputFileError(file, 'no timestamp/date column in the header');
  names.forEach((n, k) => {
    if (idx[k] < 0) throw new InputFileError(file, `no "${n}" column in the header`);
  });
  const n = lines.length - 1;
  const ts = new Float64Array(n);
  const cols = names.map(() => new Float64Array(n));
  for (let li = 1; li <= n; li++) {
    const f = lines[li].split(',');
    const raw = f[iT];
    const t = /^\d+$/.test(raw)
      ? Number(raw)
      : Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : `${raw.replace(' ', 'T')}Z`);
    if (!Number.isFinite(t))
      throw new SchemaViolationError({ file, line: li + 1, field: header[iT] }, `bad time "${raw}"`);
    ts[li - 1] = t;
    for (let k = 0; k < 5; k++) {
      const v = Number(f[idx[k]]);
      if (!Number.isFinite(v) || v < 0) {
        throw new SchemaViolationError({ file, line: li + 1, field: names[k] }, `bad value "${f[idx[k]]}"`);
      }
      cols[k][li - 1] = v;
    }
  }
  return createFrame(ts, { open: cols[0], high: cols[1], low: cols[2], close: cols[3], volume: cols[4] });
}

/** The 15 majors of the shared daily Binance spot data. */
export const SHARED_DAILY_MAJORS = [
  'BTCUSDT',
  'ETHUSDT',
  'BNBUSDT',
  'SOLUSDT',
  'XRPUSDT',
  'ADAUSDT',
  'DOGEUSDT',
  'TRXUSDT',
  'DOTUSDT',
  'LINKUSDT',
  'LTCUSDT',
  'AVAXUSDT',
  'UNIUSDT',
  'MATICUSDT',
  'PAXGUSDT',
] as const;

/** Options of {@link loadDailyPanel}. */
export interface LoadPanelOptions {
  /** Folder of `<SYMBOL>_1d.csv` files (default: the shared `market/binance_spot_1d`). */
  dir?: string;
  /** Inclusive start, UTC ms. */
  from?: number;
  /** Exclusive end, UTC ms. */
  to?: number;
  /**
   * Drop each file's last row (default true): in the shared exports it is an incomplete, in-progress candle
   * (see the data MANIFEST), which a point-in-time backtest must not treat as a closed bar.
   */
  dropLast?: boolean;
}

/** Bar intervals of the shared Binance spot folders and their length in ms. */
export const SHARED_INTERVALS: Readonly<Record<string, number>> = {
  '1d': 86_400_000,
  '4h': 14_400_000,
  '1h': 3_600_000,
};

/**
 * Loads daily bars of several symbols into one aligned panel.
 * @throws {InputFileError} for a symbol without a file (listing where it looked).
 */
export function loadDailyPanel(symbols: readonly string[], opts: LoadPanelOptions = {}): MarketPanel {
  return loadPanel(symbols, '1d', opts);
}

/**
 * Loads bars of one interval (`1d`, `4h`, `1h`: the shared `market/binance_spot_<interval>` folders, files
 * `<SYMBOL>_<interval>.csv`) for several symbols into one aligned panel.
 * @throws {InputFileError} for an unknown interval or a symbol without a file.
 */
export function loadPanel(
  symbols: readonly string[],
  interval: string,
  opts: LoadPanelOptions = {},
): MarketPanel {
  const barMs = SHARED_INTERVALS[interval];
  const dir = opts.dir ?? sharedDataPath('market', `binance_spot_${interval}`);
  if (!barMs)
    throw new InputFileError(
      dir,
      `unknown interval "${interval}" (known: ${Object.keys(SHARED_INTERVALS).join(', ')})`,
    );
  const frames: Record<string, Frame> = {};
  for (const s of symbols) {
    const file = join(dir, `${s}_${interval}.csv`);
    if (!existsSync(file)) throw new InputFileError(file, `no ${interval} bars for symbol ${s}`);
    let f = readOhlcvCsv(file);
    const n = f.ts.length - (opts.dropLast === false ? 0 : 1);
    let a = 0;
    while (a < n && opts.from !== undefined && f.ts[a] < opts.from) a++;
    let b = n;
    while (b > a && opts.to !== undefined && f.ts[b - 1] >= opts.to) b--;
    f = {
      ts: f.ts.subarray(a, b),
      columns: Object.fromEntries(Object.entries(f.columns).map(([k, v]) => [k, v.subarray(a, b)])),
    };
    frames[s] = f;
  }
  return alignPanel(frames, barMs);
}

/**
 * Daily BTCUSDT perpetual funding from the shared data: the sum of the day's three 8-hourly prints
 * (3 x `funding_mean`), decimal, keyed by the day's UTC midnight.
 */
export function readDailyFunding(
  file = sharedDataPath('derivatives', 'binance_btcusdt_funding_daily.csv'),
): Map<number, number> {
  const lines = readNonEmptyLines(file);
  const header = lines[0].split(',');
  const iD = header.indexOf('date');
  const iF = header.indexOf('funding_mean');
  if (iD < 0 || iF < 0) throw new InputFileError(file, 'expected columns date and funding_mean');
  const out = new Map<number, number>();
  for (let li = 1; li < lines.length; li++) {
    const f = lines[li].split(',');
    const t = Date.parse(`${f[iD]}T00:00:00Z`);
    const v = Number(f[iF]);
    if (!Number.isFinite(t) || !Number.isFinite(v)) {
      throw new SchemaViolationError({ file, line: li + 1, field: 'funding_mean' }, `bad row "${lines[li]}"`);
    }
    out.set(t, 3 * v);
  }
  return out;
}

/**
 * A two-asset panel for the funding carry trade: BTC spot and the BTCUSDT perpetual with its daily funding.
 * The perpetual's price is proxied by the spot price (the shared data has no perp price history before
 * 2024; the basis is ignored), so carry P&L is funding minus trading costs.
 */
export function loadCarryPanel(opts: LoadPanelOptions & { fundingFile?: string } = {}): MarketPanel {
  const spot = loadDailyPanel(['BTCUSDT'], opts);
  const funding = readDailyFunding(opts.fundingFile);
  const f = new Float64Array(spot.ts.length);
  for (let i = 0; i < spot.ts.length; i++) f[i] = funding.get(spot.ts[i]) ?? Number.NaN;
  return {
    ...spot,
    symbols: ['BTCUSDT', 'BTCUSDT-PERP'],
    open: [spot.open[0], spot.open[0]],
    high: [spot.high[0], spot.high[0]],
    low: [spot.low[0], spot.low[0]],
    close: [spot.close[0], spot.close[0]],
    volume: [spot.volume[0], spot.volume[0]],
    funding: [undefined, f],
    perp: [false, true],
  };
}

/** The non-empty lines of a text file (LF or CRLF). @throws {InputFileError} when it cannot be read */
function readNonEmptyLines(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputFileError(file, 'cannot read file', { cause: err });
  }
  return text.split(/\r?\n/).filter((l) => l.length > 0);
}
