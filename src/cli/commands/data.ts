import { basename } from 'node:path';
import type { Command } from 'commander';
import { isRecordKind } from '../../data/schemas/index.js';
import { type DatasetSummary, Store } from '../../data/store.js';
import { UsageError } from '../../errors/base.js';
import { emit, globalOptions, resolveDbPath } from '../context.js';
import { startProgress } from '../progress.js';

/** Renders `data ls` as an aligned text table. */
export function formatDatasets(ds: DatasetSummary[]): string {
  if (ds.length === 0) return 'the store is empty (try `cwm start` or `cwm ingest`)';
  const rows = ds.map((d) => [
    d.kind,
    Object.entries(d.key)
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
    String(d.rows),
    d.fromIso.replace('.000Z', 'Z'),
    d.toIso.replace('.000Z', 'Z'),
  ]);
  const head = ['kind', 'series', 'rows', 'from', 'to'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) =>
    r.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [fmt(head), ...rows.map(fmt)].join('\n');
}

async function withStore<T>(cmd: Command, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await Store.open(resolveDbPath(globalOptions(cmd)));
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

/** `cwm data ls|export|import`: inspect the store, export tables or queries, import Parquet. */
export function registerData(program: Command): void {
  const data = program
    .command('data')
    .description('inspect the store, export to Parquet/CSV, import Parquet');

  data
    .command('ls')
    .description('list stored datasets: kinds, series (symbol, interval, metric...), row counts, time ranges')
    .action(async function (this: Command) {
      const g = globalOptions(this);
      const ds = await withStore(this, (s) => s.listDatasets());
      const total = ds.reduce((n, d) => n + d.rows, 0);
      emit(
        g,
        { db: resolveDbPath(g), datasets: ds, totalRows: total },
        () => `${formatDatasets(ds)}\n${ds.length} datasets, ${total} rows`,
      );
    });

  data
    .command('export')
    .description('export a table (bars, funding, macro_series...) or a SQL query to Parquet or CSV')
    .argument('<tableOrQuery>', 'table or kind name, or a SELECT query')
    .requiredOption('--out <file>', 'output file ending in .parquet or .csv')
    .addHelpText(
      'after',
      '\nExamples:\n  cwm data export bars --out bars.parquet\n  cwm data export "SELECT * FROM bars WHERE symbol = \'BTC/USDT\'" --out btc.csv',
    )
    .action(async function (this: Command, what: string, o: { out: string }) {
      const g = globalOptions(this);
      if (!/\.(parquet|csv)$/i.test(o.out))
        throw new UsageError(`--out must end in .parquet or .csv, got "${o.out}"`);
      const r = await withStore(this, (s) => s.exportQuery(what, o.out));
      emit(g, r, () => `wrote ${r.rows} rows to ${r.path}`);
    });

  data
    .command('import')
    .description('import a Parquet file of one kind (columns named like the table), validated and idempotent')
    .argument('<file>', 'Parquet file')
    .requiredOption('--kind <kind>', 'record kind of the rows')
    .action(async function (this: Command, file: string, o: { kind: string }) {
      const g = globalOptions(this);
      if (!isRecordKind(o.kind)) throw new UsageError(`unknown --kind "${o.kind}"`);
      const kind = o.kind;
      const bar = startProgress(`import ${basename(file)}`, 1, { silent: g.json || g.quiet });
      try {
        const r = await withStore(this, (s) => s.importParquet(kind, file));
        bar.update(1);
        emit(
          g,
          r,
          () => `${file}: ${r.received} ${r.kind} rows, ${r.inserted} new, ${r.existing} already stored`,
        );
      } finally {
        bar.stop();
      }
    });
}
