import { UsageError } from '../../errors/base.js';
import type { RecordKind } from '../schemas/index.js';
import type { ColumnMappingInput, FieldSource } from './mapping.js';

/** Values a preset needs or accepts: constants of every record (symbol, venue, interval, chain...) and units. */
export interface PresetOptions {
  /** Record kind, for presets that fit several (date-value, epoch-value, json-pairs, cryptoquant). */
  kind?: RecordKind;
  /** Constant fields: source, venue, symbol, interval, chain, asset, series, metric, index, subject, protocol... */
  constants?: Record<string, string | number | boolean>;
  /** Multiply values (0.01: percent to fraction). */
  scale?: number;
  /** Publication lag in ms (default tsInit = tsEvent + lag; bars add their interval). */
  lagMs?: number;
  order?: 'asc' | 'desc' | 'any';
  timezone?: string;
  /** Value column of single-value presets (default: every non-time column). */
  valueColumn?: string;
  /** Zero values are the source's missing-day placeholder (level series where 0 is impossible). */
  zeroAsMissing?: boolean;
}

const TIME_COLUMNS = [
  'timestamp',
  'date',
  'Date',
  'DATE',
  'time',
  'ts',
  'open_time',
  'datetime',
  'Timestamp',
  '',
];

/** The field that names a series in each single-value kind. */
const SERIES_KEY: Partial<Record<RecordKind, string>> = {
  macroSeries: 'series',
  indexSeries: 'index',
  onchainMetrics: 'metric',
  defiMetrics: 'metric',
};

function col(names: string[], optional = false): FieldSource {
  return optional ? { column: names, optional: true } : { column: names };
}

function ohlcvFields(): Record<string, FieldSource> {
  return {
    open: col(['open', 'Open', 'OPEN']),
    high: col(['high', 'High', 'HIGH']),
    low: col(['low', 'Low', 'LOW']),
    close: col(['close', 'Close', 'CLOSE']),
    volume: col(['volume', 'Volume', 'VOLUME', 'volumefrom'], true),
    quoteVolume: col(['quote_volume', 'qav', 'quote_asset_volume', 'volumeto'], true),
    tradeCount: col(['num_trades', 'trades', 'number_of_trades', 'count'], true),
  };
}

function singleValue(
  name: string,
  o: PresetOptions,
  time: ColumnMappingInput['time'],
  extra: Partial<ColumnMappingInput> = {},
): ColumnMappingInput {
  const kind = o.kind ?? 'macroSeries';
  const keyField = SERIES_KEY[kind];
  if (!keyField)
    throw new UsageError(
      `preset ${name} fits macroSeries, indexSeries, onchainMetrics or defiMetrics, not ${kind}`,
    );
  const constants = { ...(o.constants ?? {}) };
  const fixedKey = constants[keyField];
  delete constants[keyField];
  return {
    kind,
    time,
    constants,
    wide: {
      value: 'value',
      scale: o.scale,
      columns: o.valueColumn ? [o.valueColumn] : undefined,
      key: { [keyField]: fixedKey !== undefined ? String(fixedKey) : '{column}' },
    },
    order: o.order,
    lagMs: o.lagMs,
    zeroAsMissing: o.zeroAsMissing ? ['value'] : undefined,
    ...extra,
  };
}

/**
 * Built-in column mappings for common layouts. Each takes {@link PresetOptions} and returns a mapping.
 *
 * - `binance-ohlcv`: header CSV `timestamp|date|open_time, open, high, low, close, volume[, qav, num_trades]`
 *   (Binance kline exports, also most OHLCV CSVs); bars.
 * - `binance-klines`: headerless Binance kline CSV as published on data.binance.vision
 *   (`open_time, open, high, low, close, volume, close_time, quote_volume, trades, taker_base, taker_quote,
 *   ignore`; times in ms, or µs since 2025); bars.
 * - `ccxt-ohlcv`: ccxt `fetchOHLCV` JSON, an array of `[ts_ms, open, high, low, close, volume]`; bars.
 * - `coinmetrics`: wide metric table `time, [asset,] Metric1, Metric2, ...` (one series per column); on-chain.
 * - `date-value`: `date, value[, value2...]` with calendar dates; each value column is one series.
 * - `epoch-value`: `ts, value` with epoch ms (or s) times.
 * - `json-pairs`: JSON `[[ts_ms, value], ...]` (nulls are unavailable values).
 * - `cryptoquant`: `Date, Data` with `YYYY.M.D` dates and a UTF-8 BOM.
 * - `ts-rate-funding`: `ts, rate` funding prints (epoch ms, decimal per interval); funding.
 */
export const PRESETS = {
  'binance-ohlcv': (o: PresetOptions): ColumnMappingInput => ({
    kind: 'bars',
    time: { column: TIME_COLUMNS, format: 'auto', timezone: o.timezone ?? 'UTC' },
    fields: ohlcvFields(),
    constants: o.constants ?? {},
    order: o.order,
    lagMs: o.lagMs,
  }),
  'binance-klines': (o: PresetOptions): ColumnMappingInput => ({
    kind: 'bars',
    hasHeader: false,
    time: { column: 0, format: 'auto' },
    fields: {
      open: { column: 1 },
      high: { column: 2 },
      low: { column: 3 },
      close: { column: 4 },
      volume: { column: 5 },
      quoteVolume: { column: 7 },
      tradeCount: { column: 8 },
    },
    constants: o.constants ?? {},
    order: o.order,
    lagMs: o.lagMs,
  }),
  'ccxt-ohlcv': (o: PresetOptions): ColumnMappingInput => ({
    kind: 'bars',
    format: 'json',
    json: { shape: 'arrays' },
    time: { column: 0, format: 'epoch_ms' },
    fields: {
      open: { column: 1 },
      high: { column: 2 },
      low: { column: 3 },
      close: { column: 4 },
      volume: { column: 5 },
    },
    constants: o.constants ?? {},
    order: o.order,
    lagMs: o.lagMs,
  }),
  coinmetrics: (o: PresetOptions): ColumnMappingInput => ({
    kind: o.kind ?? 'onchainMetrics',
    time: { column: ['time', 'date'], format: 'auto', timezone: o.timezone ?? 'UTC' },
    constants: o.constants ?? {},
    wide: { value: 'value', scale: o.scale, key: { metric: '{column}' }, exclude: ['asset'] },
    order: o.order,
    lagMs: o.lagMs,
  }),
  'date-value': (o: PresetOptions): ColumnMappingInput =>
    singleValue('date-value', o, { column: TIME_COLUMNS, format: 'auto', timezone: o.timezone ?? 'UTC' }),
  'epoch-value': (o: PresetOptions): ColumnMappingInput =>
    singleValue('epoch-value', o, { column: TIME_COLUMNS, format: 'auto' }),
  'json-pairs': (o: PresetOptions): ColumnMappingInput => {
    const m = singleValue(
      'json-pairs',
      o,
      { column: 0, format: 'auto' },
      { format: 'json', json: { shape: 'arrays' } },
    );
    const key = m.wide?.key ?? {};
    const fixed = Object.fromEntries(
      Object.entries(key).map(([k, v]) => [k, v === '{column}' ? 'value' : v]),
    );
    return { ...m, wide: { value: 'value', scale: o.scale, columns: ['1'], key: fixed } };
  },
  cryptoquant: (o: PresetOptions): ColumnMappingInput =>
    singleValue('cryptoquant', o, { column: 'Date', format: 'iso' }, {}),
  'ts-rate-funding': (o: PresetOptions): ColumnMappingInput => ({
    kind: 'funding',
    time: { column: ['ts', 'time', 'timestamp', 'fundingTime'], format: 'auto' },
    fields: { rate: { column: ['rate', 'fundingRate', 'funding_rate'], scale: o.scale } },
    constants: o.constants ?? {},
    order: o.order,
    lagMs: o.lagMs,
  }),
} as const satisfies Record<string, (o: PresetOptions) => ColumnMappingInput>;

/** A preset name. */
export type PresetName = keyof typeof PRESETS;

/** All preset names. */
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

/**
 * The mapping of preset `name` with `opts`.
 *
 * @throws {UsageError} for an unknown preset.
 */
export function presetMapping(name: string, opts: PresetOptions = {}): ColumnMappingInput {
  if (!Object.hasOwn(PRESETS, name)) {
    throw new UsageError(`unknown preset "${name}" (known: ${PRESET_NAMES.join(', ')})`);
  }
  return PRESETS[name as PresetName](opts);
}
