import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../math/rng.js';
import { ingestFile } from './ingest/ingestFile.js';
import { presetMapping } from './ingest/presets.js';
import { Store } from './store.js';

/**
 * The shape of `bench/runner.ts`'s `Benchmark`, restated here so `src/data` does not import outside `src`
 * (the architecture test allows only domain imports); the runner loads `benchmark` by name.
 */
interface Benchmark {
  name: string;
  description: string;
  run(opts: {
    json: boolean;
    args: Record<string, string>;
    log: (msg: string) => void;
  }): Promise<Record<string, number | string | boolean | null>>;
}

/** Writes `rows` 1-minute OHLCV bars (epoch-ms times, random walk) as CSV, streamed to disk. */
async function writeCsv(path: string, rows: number, seed: number): Promise<void> {
  const rng = new Rng(seed);
  const out = createWriteStream(path);
  const start = Date.UTC(2020, 0, 1);
  let price = 30_000;
  let buf = 'open_time,open,high,low,close,volume\n';
  for (let i = 0; i < rows; i++) {
    const open = price;
    const close = open * Math.exp(0.001 * rng.normal());
    const high = Math.max(open, close) * (1 + 0.0005 * rng.uniform());
    const low = Math.min(open, close) * (1 - 0.0005 * rng.uniform());
    const vol = 10 * rng.uniform();
    buf += `${start + i * 60_000},${open.toFixed(2)},${high.toFixed(2)},${low.toFixed(2)},${close.toFixed(2)},${vol.toFixed(5)}\n`;
    price = close;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
}

/**
 * `npm run bench -- ingest [--rows N] [--json]`: rows/s ingesting N (default 1M) OHLCV rows from a generated
 * CSV into a file-backed DuckDB store (parse, validate, appender, idempotent insert), then rows/s reading them
 * back into a columnar Frame, and the time of an idempotent re-ingest.
 */
export const benchmark: Benchmark = {
  name: 'ingest',
  description: 'CSV -> DuckDB ingest of 1M OHLCV rows and read-back into a Frame (rows/s)',
  async run({ args, log }) {
    const rows = Number(args.rows ?? 1_000_000);
    const dir = mkdtempSync(join(tmpdir(), 'cwm-bench-ingest-'));
    try {
      const csv = join(dir, 'bars.csv');
      log(`writing ${rows} rows of CSV`);
      await writeCsv(csv, rows, 1);
      const store = await Store.open(join(dir, 'bench.duckdb'));
      const mapping = presetMapping('binance-ohlcv', {
        constants: { source: 'bench', venue: 'binance', symbol: 'BTC/USDT', interval: '1m' },
      });
      log('ingesting');
      const cpu = () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      };
      const c0 = cpu();
      const t0 = performance.now();
      const report = await ingestFile(store, csv, {
        ...mapping,
        time: { column: 'open_time', format: 'epoch_ms' },
      });
      const ingestMs = performance.now() - t0;
      const ingestCpuMs = cpu() - c0;
      log('re-ingesting (idempotent)');
      const t1 = performance.now();
      const again = await ingestFile(store, csv, {
        ...mapping,
        time: { column: 'open_time', format: 'epoch_ms' },
      });
      const reingestMs = performance.now() - t1;
      log('reading back');
      const c2 = cpu();
      const t2 = performance.now();
      const frame = await store.readBars({ symbol: 'BTC/USDT', interval: '1m' });
      const readMs = performance.now() - t2;
      const readCpuMs = cpu() - c2;
      store.close();
      if (report.inserted !== rows || again.inserted !== 0 || frame.ts.length !== rows) {
        throw new Error(
          `bench check failed: inserted ${report.inserted}, again ${again.inserted}, read ${frame.ts.length}`,
        );
      }
      return {
        rows,
        csvMB: Math.round(statSync(csv).size / 1e5) / 10,
        ingestMs: Math.round(ingestMs),
        rowsPerSec: Math.round(rows / (ingestMs / 1000)),
        // CPU time of this process (JS and DuckDB threads): a load-independent view when the machine is shared
        ingestCpuMs: Math.round(ingestCpuMs),
        reingestMs: Math.round(reingestMs),
        readMs: Math.round(readMs),
        readRowsPerSec: Math.round(rows / (readMs / 1000)),
        readCpuMs: Math.round(readCpuMs),
        goalRowsPerSec: 1_000_000,
        cpus: availableParallelism(),
        loadAvg1m: Math.round(loadavg()[0] * 10) / 10,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
