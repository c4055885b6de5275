import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ingestFile } from '../../data/ingest/ingestFile.js';
import { ingestSample } from '../../data/sample.js';
import { isRecordKind } from '../../data/schemas/index.js';
import { Store } from '../../data/store.js';
import { UsageError } from '../../errors/base.js';
import { loadConfig } from '../config.js';
import { emit, globalOptions, log, resolveDbPath } from '../context.js';
import { startProgress } from '../progress.js';
import { writeRunInfo } from '../runInfo.js';
import { formatDatasets } from './data.js';
import { resolveIngestMapping } from './ingest.js';

/**
 * `cwm start`: the main job for now. Generates the built-in seeded sample into the store (idempotent), ingests
 * any files the config lists, prints the data summary and writes the run folder (`run.json` with the resolved
 * config, seed, version and commit, plus `datasets.json`).
 */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      'generate the built-in sample into the store, ingest configured files, print the data summary',
    )
    .option('--seed <n>', 'master seed (default: config seed, 42)')
    .option('--hours <n>', 'hours of sample bars per asset (default 2160 = 90 days)')
    .option('--out <dir>', 'run folder (default runs/start-seed<seed>)')
    .action(async function (this: Command, o: { seed?: string; hours?: string; out?: string }) {
      const g = globalOptions(this);
      const config = loadConfig(g.config);
      if (o.seed !== undefined) {
        const s = Number(o.seed);
        if (!Number.isInteger(s) || s < 0)
          throw new UsageError(`--seed must be a non-negative integer, got "${o.seed}"`);
        config.seed = s;
      }
      if (o.hours !== undefined) {
        const h = Number(o.hours);
        if (!Number.isInteger(h) || h <= 0)
          throw new UsageError(`--hours must be a positive integer, got "${o.hours}"`);
        config.sample.hours = h;
      }
      const db = g.db || !config.db ? resolveDbPath(g) : resolve(config.db);
      const outDir = resolve(o.out ?? config.out ?? join('runs', `start-seed${config.seed}`));
      const store = await Store.open(db);
      const steps = (config.sample.enabled ? 1 : 0) + config.ingest.length;
      const bar = startProgress('start', Math.max(1, steps), { silent: g.json || g.quiet });
      try {
        const sample = config.sample.enabled
          ? await ingestSample(store, {
              seed: config.seed,
              hours: config.sample.hours,
              start: Date.parse(`${config.sample.start}T00:00:00Z`),
            })
          : [];
        bar.increment();
        const ingested = [];
        for (const entry of config.ingest) {
          if (!isRecordKind(entry.kind)) throw new UsageError(`config ingest: unknown kind "${entry.kind}"`);
          const mapping = resolveIngestMapping(entry.file, entry.kind, {
            kind: entry.kind,
            preset: entry.preset,
            map: entry.map,
            set: Object.entries(entry.set).map(([k, v]) => `${k}=${String(v)}`),
          });
          ingested.push(await ingestFile(store, entry.file, mapping, { mode: entry.mode }));
          bar.increment();
        }
        bar.stop();
        log('info', 'start: data ready', { db, seed: config.seed, files: ingested.length });
        const datasets = await store.listDatasets();
        const runInfo = writeRunInfo(outDir, { ...config, db }, config.seed);
        writeFileSync(join(outDir, 'datasets.json'), `${JSON.stringify(datasets, null, 2)}\n`);
        const result = {
          db,
          runDir: outDir,
          runInfo,
          seed: config.seed,
          sample: sample.map((r) => ({ kind: r.kind, rows: r.received, inserted: r.inserted })),
          ingested: ingested.map((r) => ({ file: r.file, kind: r.kind, rows: r.rows, inserted: r.inserted })),
          datasets,
        };
        emit(g, result, () =>
          [
            `cwm start (seed ${config.seed}) -> store ${db}`,
            `sample: ${sample.map((r) => `${r.kind} +${r.inserted}`).join(', ') || 'disabled'}`,
            '',
            formatDatasets(datasets),
            '',
            `run folder: ${outDir}`,
          ].join('\n'),
        );
      } finally {
        bar.stop();
        store.close();
      }
    });
}
