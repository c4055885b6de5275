import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ingestFile } from '../../data/ingest/ingestFile.js';
import { ingestSample } from '../../data/sample.js';
import { isRecordKind } from '../../data/schemas/index.js';
import { Store } from '../../data/store.js';
import { UsageError } from '../../errors/base.js';
import {
  MAIN_JOB_SOURCES,
  type MainJobOutput,
  type MainJobSource,
  type MainJobStage,
  runMainJob,
} from '../../pipeline/mainJob.js';
import { writeReport } from '../../report/runFolder.js';
import { loadConfig } from '../config.js';
import { emit, globalOptions, log, resolveDbPath } from '../context.js';
import { type Progress, startProgress } from '../progress.js';
import { writeRunInfo } from '../runInfo.js';
import { formatDatasets } from './data.js';
import { resolveIngestMapping } from './ingest.js';

const pct = (x: number | null): string =>
  typeof x === 'number' && Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : 'n/a';
const f2 = (x: number | null): string => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(2) : 'n/a');

/** Text summary of a main-job run for the terminal. */
export function formatMainJob(out: MainJobOutput, reportPath: string, seconds: number): string {
  const r = out.results;
  const lines = [
    `cwm start (seed ${r.seed}): ${r.source.kind === 'sim' ? `simulated world "${r.source.scenario}" (${r.source.days} days, ${r.source.agents} agents, venue ${r.sample.venue})` : 'built-in sample'} ${r.sample.symbols.join(', ')} ${r.sample.interval}, ${r.sample.from.slice(0, 10)} .. ${r.sample.to.slice(0, 10)}`,
    ...(r.source.kind === 'sim' && r.source.regimeHours
      ? [
          `ground truth: regimes (hours) ${Object.entries(r.source.regimeHours)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}; ${r.source.newsEvents ?? 0} news items`,
        ]
      : []),
    `factors: ${r.factors.computed} of ${r.factors.total} computable, ${r.factors.tableRows} rows written to ${r.factors.table}`,
    `walk-forward backtests (${r.backtest.trainBars}/${r.backtest.testBars} bars, costs on):`,
    ...r.riskSkipped.map((x) => `  (no risk report for ${x.strategy}: ${x.reason})`),
    ...r.backtest.strategies.map((s) => {
      const risk = r.risk.find((x) => x.strategy === s.strategy);
      const v = risk?.var.find((x) => x.method === 'historical' && x.level === 0.99 && x.horizon === '1h');
      return `  ${s.strategy.padEnd(20)} Sharpe ${f2(s.withCosts.sharpe).padStart(6)} (no cost ${f2(s.withoutCosts.sharpe)})  ann. return ${pct(s.withCosts.annualReturn).padStart(7)}  max DD ${pct(s.withCosts.maxDrawdown).padStart(7)}  1h VaR99 ${pct(v?.var ?? null)}`;
    }),
    `stages (s): ${Object.entries(out.timingsMs)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
      .join(', ')}; total ${seconds.toFixed(1)} s`,
    '',
    `report: ${reportPath}`,
    `run folder: ${join(reportPath, '..')}`,
  ];
  return lines.join('\n');
}

/**
 * `cwm start`: the main job on the built-in default. Ingests any files the config lists, then runs
 * `runMainJob` (by default the simulated default world for `--days` days, or with `--world sample` the seeded
 * sample -> store -> factors on the 1 h grid -> walk-forward backtests with costs -> risk
 * report) and renders the self-contained HTML report. The run folder gets `run.json` (resolved config, seed,
 * version, commit), `results.json`, `datasets.json`, `timings.json` and `report.html`. With `--data-only`
 * (or `sample.enabled: false` in the config) it only ingests and prints the data summary.
 */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      'the main job: simulated world (or sample) -> store -> factors -> walk-forward backtests -> risk -> HTML report',
    )
    .option('--world <source>', `data source: ${MAIN_JOB_SOURCES.join(' | ')}`, 'sim')
    .option('--days <n>', 'simulated days of the world (default 45)')
    .option('--scenario <name|file>', 'world scenario (built-in name or YAML/JSON file)', 'default')
    .option('--seed <n>', 'master seed (default: config seed, 42)')
    .option('--hours <n>', '--world sample: hours of sample bars per asset (default 2160 = 90 days)')
    .option('--out <dir>', 'run folder (default runs/start-seed<seed>)')
    .option('--train <bars>', 'walk-forward training window in 1h bars (default sim 168, sample 720)')
    .option('--test <bars>', 'walk-forward test window in 1h bars (default sim 72, sample 240)')
    .option('--data-only', 'only generate the sample, ingest configured files and print the data summary')
    .addHelpText(
      'after',
      '\nExample:\n  cwm start --seed 7 --out runs/demo\n  cwm start --world sample --hours 2160\n  cwm report runs/demo',
    )
    .action(async function (
      this: Command,
      o: {
        seed?: string;
        hours?: string;
        out?: string;
        train?: string;
        test?: string;
        dataOnly?: boolean;
        world: string;
        days?: string;
        scenario: string;
      },
    ) {
      if (!(MAIN_JOB_SOURCES as readonly string[]).includes(o.world))
        throw new UsageError(`--world must be one of ${MAIN_JOB_SOURCES.join(', ')}, got "${o.world}"`);
      const world = o.world as MainJobSource;
      let days: number | undefined;
      if (o.days !== undefined) {
        days = Number(o.days);
        if (!Number.isInteger(days) || days <= 0)
          throw new UsageError(`--days must be a positive integer, got "${o.days}"`);
      }
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
      const bars = (v: string | undefined, flag: string): number | undefined => {
        if (v === undefined) return undefined;
        const n = Number(v);
        if (!Number.isInteger(n) || n <= 0)
          throw new UsageError(`${flag} must be a positive integer, got "${v}"`);
        return n;
      };
      const trainBars = bars(o.train, '--train');
      const testBars = bars(o.test, '--test');
      const db = g.db || !config.db ? resolveDbPath(g) : resolve(config.db);
      const outDir = resolve(o.out ?? config.out ?? join('runs', `start-seed${config.seed}`));
      const t0 = performance.now();
      const store = await Store.open(db);
      const silent = g.json || g.quiet;
      let bar: Progress | undefined;
      try {
        const ingested = [];
        if (config.ingest.length) {
          bar = startProgress('ingest', config.ingest.length, { silent });
          for (const entry of config.ingest) {
            if (!isRecordKind(entry.kind))
              throw new UsageError(`config ingest: unknown kind "${entry.kind}"`);
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
        }
        const ingestedSummary = ingested.map((r) => ({
          file: r.file,
          kind: r.kind,
          rows: r.rows,
          inserted: r.inserted,
        }));
        if (!config.sample.enabled || o.dataOnly) {
          const sample = config.sample.enabled
            ? await ingestSample(store, {
                seed: config.seed,
                hours: config.sample.hours,
                start: Date.parse(`${config.sample.start}T00:00:00Z`),
              })
            : [];
          const datasets = await store.listDatasets();
          const runInfo = writeRunInfo(outDir, { ...config, db }, config.seed);
          writeFileSync(join(outDir, 'datasets.json'), `${JSON.stringify(datasets, null, 2)}\n`);
          const summary = sample.map((r) => ({ kind: r.kind, rows: r.received, inserted: r.inserted }));
          emit(
            g,
            {
              db,
              runDir: outDir,
              runInfo,
              seed: config.seed,
              sample: summary,
              ingested: ingestedSummary,
              datasets,
            },
            () =>
              [
                `cwm start --data-only (seed ${config.seed}) -> store ${db}`,
                `sample: ${sample.map((r) => `${r.kind} +${r.inserted}`).join(', ') || 'disabled in the config (the main job needs it)'}`,
                '',
                formatDatasets(datasets),
                '',
                `run folder: ${outDir}`,
              ].join('\n'),
          );
          return;
        }
        let stage: MainJobStage | undefined;
        const out = await runMainJob({
          store,
          outDir,
          seed: config.seed,
          source: world,
          scenario: o.scenario,
          days,
          hours: config.sample.hours,
          start: Date.parse(`${config.sample.start}T00:00:00Z`),
          trainBars,
          testBars,
          config: {
            ...config,
            db,
            world,
            ...(world === 'sim' ? { scenario: o.scenario, days: days ?? 45 } : {}),
            trainBars,
            testBars,
          },
          writeRunInfo,
          onProgress: (e) => {
            if (e.stage !== stage) {
              bar?.stop();
              stage = e.stage;
              bar = startProgress(e.stage, Math.max(1, e.total), { silent });
              log('info', `start: ${e.stage}`, { total: e.total });
            }
            bar?.update(e.done);
          },
        });
        bar?.stop();
        const datasets = await store.listDatasets();
        writeFileSync(join(outDir, 'datasets.json'), `${JSON.stringify(datasets, null, 2)}\n`);
        writeFileSync(join(outDir, 'timings.json'), `${JSON.stringify(out.timingsMs, null, 2)}\n`);
        const reportPath = writeReport(outDir);
        const seconds = (performance.now() - t0) / 1000;
        log('info', 'start: done', { db, seed: config.seed, report: reportPath, seconds });
        const r = out.results;
        emit(
          g,
          {
            db,
            runDir: outDir,
            runInfo: out.runInfoPath,
            results: out.resultsPath,
            report: reportPath,
            seed: config.seed,
            source: r.source,
            ingested: ingestedSummary,
            factors: { computed: r.factors.computed, total: r.factors.total, rows: r.factors.tableRows },
            strategies: r.backtest.strategies.map((s) => ({
              strategy: s.strategy,
              sharpe: s.withCosts.sharpe,
              sharpeNoCost: s.withoutCosts.sharpe,
              annualReturn: s.withCosts.annualReturn,
              maxDrawdown: s.withCosts.maxDrawdown,
            })),
            timingsMs: out.timingsMs,
            seconds,
          },
          () => formatMainJob(out, reportPath, seconds),
        );
      } finally {
        bar?.stop();
        store.close();
      }
    });
}
