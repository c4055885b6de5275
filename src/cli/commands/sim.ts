import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { sharedDataPath } from '../../data/sharedData.js';
import { Store } from '../../data/store.js';
import { UsageError } from '../../errors/base.js';
import { calibrateWorld } from '../../sim/world/calibrate.js';
import { readKlinesCsv } from '../../sim/world/realData.js';
import { BUILTIN_SCENARIOS, loadScenario, type Scenario } from '../../sim/world/scenario.js';
import { simulateFacts } from '../../sim/world/simFacts.js';
import { StoreSink } from '../../sim/world/storeSink.js';
import { computeStylizedFacts, type StylizedFacts } from '../../sim/world/stylizedFacts.js';
import { World } from '../../sim/world/world.js';
import { emit, globalOptions, log, resolveDbPath } from '../context.js';
import { startProgress } from '../progress.js';

function int(name: string, v: string, min: number): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min)
    throw new UsageError(`--${name} must be a number >= ${min} (got "${v}")`);
  return n;
}

function withAssets(sc: Scenario, assets: string | undefined): Scenario {
  if (!assets) return sc;
  const want = assets.split(',').map((s) => s.trim().toUpperCase());
  const picked = sc.assets.filter((a) => want.includes(a.symbol));
  const missing = want.filter((w) => !sc.assets.some((a) => a.symbol === w));
  if (missing.length) {
    throw new UsageError(
      `--assets: unknown ${missing.join(', ')} (scenario has ${sc.assets.map((a) => a.symbol).join(', ')})`,
    );
  }
  return { ...sc, assets: picked };
}

const FACT_ROWS: Array<[keyof StylizedFacts, string]> = [
  ['n', 'returns'],
  ['stdev', 'stdev of 1h log return'],
  ['excessKurtosis', 'excess kurtosis 1h'],
  ['kurtosisDaily', 'excess kurtosis 1d'],
  ['kurtosisWeekly', 'excess kurtosis 1w'],
  ['hillTailIndex', 'Hill tail index (top 2.5%)'],
  ['acfReturnLag1', 'ACF(r, 1)'],
  ['acfAbsLag1', 'ACF(\\|r\\|, 1)'],
  ['acfAbsLag10', 'ACF(\\|r\\|, 10)'],
  ['acfSqLag1', 'ACF(r^2, 1)'],
  ['leverage', 'leverage corr(r, future \\|r\\|)'],
  ['volumeVolCorr', 'corr(volume, \\|r\\|)'],
  ['fundingP5', 'funding p5 (per 8h)'],
  ['fundingP95', 'funding p95 (per 8h)'],
  ['basisP5', 'basis p5'],
  ['basisP95', 'basis p95'],
];

/** Markdown table of stylized facts, one column per named set. */
export function factsTable(cols: Array<[string, StylizedFacts]>): string {
  const fmt = (v: number) =>
    Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : 'n/a';
  const lines = [
    `| fact | ${cols.map((c) => c[0]).join(' | ')} |`,
    `|---|${cols.map(() => '---:').join('|')}|`,
  ];
  for (const [key, label] of FACT_ROWS)
    lines.push(`| ${label} | ${cols.map((c) => fmt(c[1][key] as number)).join(' | ')} |`);
  return lines.join('\n');
}

/** `cwm sim`: run the simulated crypto world, print its stylized facts, calibrate it to real data. */
export function registerSim(program: Command): void {
  const sim = program.command('sim').description('the simulated crypto world (agents, macro, news, regimes)');

  sim
    .command('run')
    .description('simulate N days and write every record kind to the store (plus ground truth JSON)')
    .option(
      '--scenario <name|file>',
      `built-in (${Object.keys(BUILTIN_SCENARIOS).join(', ')}) or a YAML/JSON file`,
      'default',
    )
    .option('--days <n>', 'simulated days', '1')
    .option('--seed <n>', 'random seed', '42')
    .option('--assets <list>', 'comma-separated subset of the scenario assets (e.g. BTC,ETH)')
    .option('--no-trades', 'do not write individual trade prints')
    .action(async function (this: Command) {
      const g = globalOptions(this);
      const o = this.opts<{
        scenario: string;
        days: string;
        seed: string;
        assets?: string;
        trades: boolean;
      }>();
      const days = int('days', o.days, 1 / 1440);
      const seed = int('seed', o.seed, 0);
      let sc = withAssets(loadScenario(o.scenario), o.assets);
      if (!o.trades) sc = { ...sc, record: { ...sc.record, trades: false } };
      const dbPath = resolveDbPath(g);
      const store = await Store.open(dbPath);
      const t0 = performance.now();
      try {
        const sink = await StoreSink.open(store);
        const world = new World(sc, seed, sink);
        const bar = startProgress('sim', Math.ceil(days), { silent: g.quiet || g.json });
        try {
          world.runDays(days, (d) => bar.update(d));
        } catch (err) {
          await sink.abort();
          throw err;
        } finally {
          bar.stop();
        }
        const results = await sink.commit();
        const truthPath = join(dirname(dbPath), `sim-truth-${sc.name}-${seed}.json`);
        writeFileSync(truthPath, JSON.stringify(world.groundTruth()));
        const written = Object.fromEntries(
          results.filter((r) => r.received > 0).map((r) => [r.kind, r.inserted]),
        );
        const info = {
          scenario: sc.name,
          seed,
          days,
          agents: world.agentCount,
          db: dbPath,
          groundTruth: truthPath,
          wallSeconds: (performance.now() - t0) / 1000,
          written,
        };
        emit(g, info, () =>
          [
            `simulated ${days} day(s) of "${sc.name}" (seed ${seed}, ${world.agentCount} agents) in ${info.wallSeconds.toFixed(1)} s`,
            `store: ${dbPath}`,
            `ground truth: ${truthPath}`,
            ...Object.entries(written).map(([k, v]) => `  ${k.padEnd(16)} ${v}`),
          ].join('\n'),
        );
      } finally {
        store.close();
      }
    });

  sim
    .command('facts')
    .description('stylized facts of simulated vs real hourly returns, side by side')
    .option('--scenario <name|file>', 'scenario', 'default')
    .option('--days <n>', 'simulated days', '60')
    .option('--seed <n>', 'random seed', '42')
    .option('--symbol <sym>', 'simulated asset to measure', 'BTC')
    .option('--real <csv>', 'real OHLCV CSV (default: shared Binance BTCUSDT 1h)')
    .action(function (this: Command) {
      const g = globalOptions(this);
      const o = this.opts<{ scenario: string; days: string; seed: string; symbol: string; real?: string }>();
      const sc = loadScenario(o.scenario);
      const days = int('days', o.days, 3);
      const bar = startProgress('sim', days, { silent: g.quiet || g.json });
      const simF = simulateFacts(sc, int('seed', o.seed, 0), days, o.symbol.toUpperCase(), (d) =>
        bar.update(d),
      );
      bar.stop();
      const realPath = resolve(o.real ?? sharedDataPath('market', 'binance_spot_1h', 'BTCUSDT_1h.csv'));
      const realF = computeStylizedFacts(readKlinesCsv(realPath));
      emit(g, { simulated: simF, real: realF, realFile: realPath }, () =>
        factsTable([
          [`sim ${o.symbol} ${days}d`, simF],
          ['real', realF],
        ]),
      );
    });

  sim
    .command('calibrate')
    .description('tune world parameters so simulated stylized facts match real data; writes a report')
    .requiredOption(
      '--target <csv>',
      'real OHLCV CSV (e.g. ../shared/data/market/binance_spot_1h/BTCUSDT_1h.csv)',
    )
    .option('--scenario <name|file>', 'scenario', 'default')
    .option('--symbol <sym>', 'simulated asset matched to the target', 'BTC')
    .option('--days <n>', 'simulated days per evaluation', '30')
    .option('--budget <n>', 'world evaluations', '16')
    .option('--seed <n>', 'random seed', '42')
    .option('--out <file>', 'report file (markdown)', 'cwm-data/sim-calibration.md')
    .action(function (this: Command) {
      const g = globalOptions(this);
      const o = this.opts<{
        target: string;
        scenario: string;
        symbol: string;
        days: string;
        budget: string;
        seed: string;
        out: string;
      }>();
      const target = computeStylizedFacts(readKlinesCsv(resolve(o.target)));
      const budget = int('budget', o.budget, 1);
      const bar = startProgress('calibrate', budget, { silent: g.quiet || g.json });
      const res = calibrateWorld(loadScenario(o.scenario), target, {
        days: int('days', o.days, 3),
        budget,
        seed: int('seed', o.seed, 0),
        symbol: o.symbol.toUpperCase(),
        onEval: (i, d, best) => {
          bar.update(i);
          if (g.quiet) return;
          log('info', 'calibrate', {
            eval: i,
            distance: Number(d.toFixed(3)),
            best: Number(best.toFixed(3)),
          });
        },
      });
      bar.stop();
      const report = [
        `# Simulated world calibration (${o.symbol.toUpperCase()} vs ${o.target})`,
        '',
        `${res.evaluations} evaluations of ${o.days} simulated days; distance = RMS of scaled fact differences.`,
        `Distance before: ${res.before.distance.toFixed(3)}, after: ${res.after.distance.toFixed(3)}.`,
        '',
        factsTable([
          ['real', res.target],
          ['before', res.before.facts],
          ['after', res.after.facts],
        ]),
        '',
        '| parameter | before | after |',
        '|---|---:|---:|',
        ...Object.keys(res.after.params).map(
          (k) =>
            `| ${k} | ${(res.before.params as Record<string, number>)[k].toPrecision(3)} | ${(res.after.params as Record<string, number>)[k].toPrecision(3)} |`,
        ),
      ].join('\n');
      mkdirSync(dirname(resolve(o.out)), { recursive: true });
      writeFileSync(resolve(o.out), `${report}\n`);
      emit(g, { ...res, report: resolve(o.out) }, () => `${report}\n\nreport: ${resolve(o.out)}`);
    });

  sim
    .command('scenarios')
    .description('list the built-in scenarios')
    .action(function (this: Command) {
      const g = globalOptions(this);
      const list = Object.entries(BUILTIN_SCENARIOS).map(([name, s]) => ({
        name,
        description: s.description ?? '',
      }));
      emit(g, list, () => list.map((s) => `${s.name.padEnd(22)} ${s.description}`).join('\n'));
    });
}
