import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { SHARED_DATASETS, sharedDatasetMapping } from '../../data/datasets.js';
import { normalizeSymbol } from '../../data/identifiers.js';
import { type IngestReport, ingestFile } from '../../data/ingest/ingestFile.js';
import type { ColumnMappingInput } from '../../data/ingest/mapping.js';
import { presetMapping } from '../../data/ingest/presets.js';
import { isRecordKind, type RecordKind } from '../../data/schemas/index.js';
import { sharedDataPath } from '../../data/sharedData.js';
import { TABLES } from '../../data/tables.js';
import { Store } from '../../data/store.js';
import { UsageError } from '../../errors/base.js';
import { emit, globalOptions, log, resolveDbPath } from '../context.js';
import { startProgress } from '../progress.js';

/** Options of `cwm ingest`. */
export interface IngestCommandOptions {
  kind: string;
  preset?: string;
  map?: string;
  symbol?: string;
  venue?: string;
  interval?: string;
  source?: string;
  set?: string[];
  scale?: string;
  lag?: string;
  order?: string;
  timezone?: string;
  strict?: boolean;
  lenient?: boolean;
}

/** `--set key=value` pairs as constants; values of numeric or boolean fields of `kind` are converted. */
function parseSet(pairs: string[] | undefined, kind: RecordKind): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  const types = new Map(TABLES[kind].columns.map((c) => [c.field, c.type]));
  for (const p of pairs ?? []) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set expects key=value, got "${p}"`);
    const key = p.slice(0, eq);
    const v = p.slice(eq + 1);
    const type = types.get(key);
    if (type === undefined) {
      throw new UsageError(
        `--set ${key}: ${kind} records have no field "${key}" (fields: ${[...types.keys()].join(', ')})`,
      );
    }
    if (type === 'double' || type === 'int' || type === 'ts') {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n))
        throw new UsageError(`--set ${key} expects a number, got "${v}"`);
      out[key] = n;
    } else if (type === 'bool') out[key] = v === 'true' || v === '1';
    else out[key] = v;
  }
  return out;
}

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} expects a number, got "${v}"`);
  return n;
}

/**
 * The mapping for `cwm ingest`: a `--map` file, a `--preset` with the constant flags, the registered mapping of
 * a shared dataset file, or (bars only) the `binance-ohlcv` preset with symbol and interval read from a file
 * name like `BTCUSDT_1d.csv`.
 */
export function resolveIngestMapping(
  file: string,
  kind: RecordKind,
  o: IngestCommandOptions,
): ColumnMappingInput {
  const constants: Record<string, string | number | boolean> = parseSet(o.set, kind);
  if (o.symbol) constants.symbol = o.symbol;
  if (o.venue) constants.venue = o.venue;
  if (o.interval) constants.interval = o.interval;
  if (o.source) constants.source = o.source;
  const overrides = (m: ColumnMappingInput): ColumnMappingInput => ({
    ...m,
    constants: { ...(m.constants ?? {}), ...constants },
    ...(o.order ? { order: o.order as 'asc' | 'desc' | 'any' } : {}),
    ...(o.lag !== undefined ? { lagMs: num('lag', o.lag) } : {}),
  });
  if (o.map) {
    let m: ColumnMappingInput;
    try {
      m = JSON.parse(readFileSync(o.map, 'utf8')) as ColumnMappingInput;
    } catch (cause) {
      throw new UsageError(`--map ${o.map} is not a readable JSON mapping file`, { cause });
    }
    if (m.kind && m.kind !== kind)
      throw new UsageError(`--map ${o.map} maps kind "${m.kind}" but --kind is "${kind}"`);
    return overrides({ ...m, kind });
  }
  if (!o.preset) {
    const abs = resolve(file);
    const shared = SHARED_DATASETS.find((d) => d.kind === kind && resolve(sharedDataPath(d.path)) === abs);
    if (shared) return overrides(sharedDatasetMapping(shared));
  }
  const preset = o.preset ?? (kind === 'bars' ? 'binance-ohlcv' : undefined);
  if (!preset) {
    throw new UsageError(`cwm ingest --kind ${kind} needs --preset <name> or --map <file.json>`);
  }
  if (kind === 'bars') {
    const m = /^([A-Za-z0-9]+?)[-_]?(\d+[smhdw])\b/.exec(basename(file));
    if (!constants.symbol && m) constants.symbol = normalizeSymbol(m[1]);
    if (!constants.interval && m) constants.interval = m[2];
    if (!constants.venue && preset.startsWith('binance')) constants.venue = 'binance';
    if (!constants.symbol || !constants.interval || !constants.venue) {
      throw new UsageError(
        `bars need --symbol, --interval and --venue (could not infer them from "${basename(file)}")`,
      );
    }
  }
  if (!constants.source && constants.venue) constants.source = String(constants.venue);
  const mapping = presetMapping(preset, {
    kind,
    constants,
    scale: num('scale', o.scale),
    lagMs: num('lag', o.lag),
    order: o.order as 'asc' | 'desc' | 'any' | undefined,
    timezone: o.timezone,
  });
  return { ...mapping, kind };
}

function summary(r: IngestReport): string {
  const range =
    r.from !== null && r.to !== null
      ? ` ${new Date(r.from).toISOString()} .. ${new Date(r.to).toISOString()}`
      : '';
  const lines = [
    `${r.file}: ${r.rows} rows -> ${r.records} ${r.kind} records, ${r.inserted} new, ${r.existing} already stored${range}`,
  ];
  if (r.blankCells) lines.push(`  ${r.blankCells} blank cells (unavailable values, no record)`);
  if (r.zeroAsMissing)
    lines.push(`  ${r.zeroAsMissing} zero values are missing-day placeholders (unavailable, no record)`);
  if (r.filtered) lines.push(`  ${r.filtered} rows filtered out by the mapping`);
  if (r.skipped) {
    lines.push(`  ${r.skipped} bad rows skipped (lenient):`);
    for (const s of r.skippedReasons)
      lines.push(`    ${s.count} x ${s.reason} (first at line ${s.firstLine})`);
  }
  return lines.join('\n');
}

/** `cwm ingest <file>`: streams a CSV/JSON/Parquet file into the store through a preset or mapping. */
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('ingest a CSV/JSON/Parquet file into the store (idempotent, atomic, streaming)')
    .argument('<file>', 'input file (.csv, .csv.gz, .json, .jsonl, .parquet)')
    .requiredOption('--kind <kind>', 'record kind (bars, funding, macroSeries, ...)')
    .option(
      '--preset <name>',
      'column-mapping preset (binance-ohlcv, binance-klines, ccxt-ohlcv, coinmetrics, date-value, ...)',
    )
    .option('--map <file.json>', 'column-mapping JSON file')
    .option('--symbol <symbol>', 'unified symbol, e.g. BTC/USDT or BTC/USDT:USDT')
    .option('--venue <venue>', 'venue id, e.g. binance')
    .option('--interval <interval>', 'bar interval, e.g. 1m, 1h, 1d')
    .option('--source <source>', 'data source id (default: the venue)')
    .option('--set <key=value...>', 'other constant fields (chain=bitcoin, series=DGS10, ...)')
    .option('--scale <x>', 'multiply values (0.01 turns percent into a fraction)')
    .option('--lag <ms>', 'publication lag in ms added to tsEvent for tsInit')
    .option('--order <order>', 'row order per series: asc, desc or any')
    .option('--timezone <tz>', 'zone of times without offset (UTC, +08:00, America/New_York)')
    .option('--strict', 'abort on the first bad row and write nothing (default)')
    .option('--lenient', 'skip bad rows and report how many and why')
    .addHelpText(
      'after',
      '\nExamples:\n  cwm ingest BTCUSDT_1d.csv --kind bars --venue binance\n  cwm ingest DGS10.csv --kind macroSeries --preset date-value --set series=DGS10 --scale 0.01 --source fred',
    )
    .action(async function (this: Command, file: string, o: IngestCommandOptions) {
      const g = globalOptions(this);
      if (o.strict && o.lenient) throw new UsageError('choose one of --strict and --lenient');
      if (!isRecordKind(o.kind)) throw new UsageError(`unknown --kind "${o.kind}"`);
      const mapping = resolveIngestMapping(file, o.kind, o);
      const t0 = performance.now();
      const store = await Store.open(resolveDbPath(g));
      const bar = startProgress(`ingest ${basename(file)} (per mille)`, 1000, { silent: g.json || g.quiet });
      try {
        const report = await ingestFile(store, file, mapping, {
          mode: o.lenient ? 'lenient' : 'strict',
          onProgress: (done, total) =>
            bar.update(Math.min(1000, Math.round((1000 * done) / Math.max(1, total)))),
        });
        bar.stop();
        log('info', 'ingest done', {
          file,
          kind: report.kind,
          rows: report.rows,
          inserted: report.inserted,
          existing: report.existing,
          ms: Math.round(performance.now() - t0),
        });
        if (report.skipped) log('warn', 'bad rows skipped', { file, skipped: report.skipped });
        emit(g, report, () => summary(report));
      } finally {
        bar.stop();
        store.close();
      }
    });
}
