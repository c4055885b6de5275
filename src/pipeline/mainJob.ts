import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metrics } from '../backtest/metrics.js';
import { alignPanel, type MarketPanel } from '../backtest/panel.js';
import { makeStrategy } from '../backtest/strategies.js';
import { type AttributionSummary, sumFoldAttribution, walkForward } from '../backtest/walkForward.js';
import type { Frame } from '../data/frame.js';
import { ingestSample, SAMPLE_ASSETS, SAMPLE_SOURCE } from '../data/sample.js';
import type { Store } from '../data/store.js';
import { DEFAULT_EXECUTION_CONFIG } from '../execution/config.js';
import { PipelineConfigError } from '../errors/pipeline.js';
import { ModelInputError } from '../errors/risk.js';
import { type FactorCoverage, factorCoverage } from '../factors/coverage.js';
import { factorTableName, writeFactorTable } from '../factors/factorStore.js';
import { allFactors } from '../factors/registry.js';
import { HOUR_MS } from '../factors/spec.js';
import { StoreProvider } from '../factors/storeProvider.js';
import { computeFactorTable } from '../factors/table.js';
import { type RiskReport, riskReport } from '../risk/riskReport.js';
import { SIM_SOURCE } from '../sim/index.js';
import { loadScenario, MARKET_REGIMES, StoreSink, World } from '../sim/world/index.js';

/** Stages of the main job, in order. */
export const MAIN_JOB_STAGES = ['data', 'factors', 'backtest', 'risk', 'write'] as const;
export type MainJobStage = (typeof MAIN_JOB_STAGES)[number];

/**
 * Where the main job's data comes from: `sim` runs the simulated default crypto world (agents, macro, news,
 * hidden regimes; every record kind) into the store; `sample` generates the small seeded GARCH-style sample.
 */
export const MAIN_JOB_SOURCES = ['sim', 'sample'] as const;
export type MainJobSource = (typeof MAIN_JOB_SOURCES)[number];

/** A progress event: `done` of `total` units of `stage` (units: simulated days or kinds, factor x symbol pairs, strategies). */
export interface MainJobProgress {
  stage: MainJobStage;
  done: number;
  total: number;
  detail?: string;
}

/** One built-in strategy of the main job with its walk-forward grid (bar counts on the 1 h grid). */
export interface MainJobStrategy {
  name: 'buy-and-hold' | 'equal-weight' | 'inverse-volatility' | 'ma-crossover';
  grid: Record<string, number[]>;
}

/**
 * The built-in example strategies on hourly bars: the grids of `cwm backtest examples` rescaled from days to
 * hours (rebalance daily/weekly, 1-2 week volatility lookbacks, 12-24 h vs 3-7 day moving averages).
 * `funding-carry` is left out: the sample has perp funding but no perp prices, so its short leg cannot be
 * marked to market without inventing a price.
 */
export const MAIN_JOB_STRATEGIES: readonly MainJobStrategy[] = [
  { name: 'buy-and-hold', grid: {} },
  { name: 'equal-weight', grid: { rebalanceEvery: [24, 168] } },
  { name: 'inverse-volatility', grid: { lookback: [168, 336], rebalanceEvery: [24] } },
  { name: 'ma-crossover', grid: { fast: [12, 24], slow: [72, 168] } },
];

/** Options of {@link runMainJob}. */
export interface MainJobOptions {
  /** Open store the data goes into and the factor table is written to (the caller closes it). */
  store: Store;
  /** Data source (default `sim`: the simulated default world; `sample`: the seeded GARCH-style sample). */
  source?: MainJobSource;
  /** `sim`: built-in scenario name or YAML/JSON file (default `default`). */
  scenario?: string;
  /** `sim`: simulated days (default 45 = 1080 hourly bars; about 30 s of `npm start` on a quiet 2-core machine). */
  days?: number;
  /** `sim`: also write individual trade prints (default false: the hourly pipeline does not need them). */
  simTrades?: boolean;
  /** Run folder: `results.json` (and `run.json` through `writeRunInfo`) are written here. */
  outDir: string;
  /** Master seed of the sample or world and of the risk simulations (default 42). */
  seed?: number;
  /** `sample`: hours of bars per asset (default 2160 = 90 days). */
  hours?: number;
  /** `sample`: first bar open time, UTC ms (default 2024-01-01T00:00Z; the world starts at its scenario's start). */
  start?: number;
  /**
   * Walk-forward windows in 1 h bars (default `sample`: train 720 = 30 days, test 240 = 10 days; `sim`: train
   * 168 = 7 days, test 72 = 3 days; purge 1).
   */
  trainBars?: number;
  testBars?: number;
  /** Monte Carlo draws per VaR cell (default 5000). */
  riskDraws?: number;
  /** The resolved configuration, recorded in run.json. */
  config?: unknown;
  /**
   * Writes run.json (resolved config, seed, version, commit) into the run folder and returns its path. The CLI
   * passes `writeRunInfo` from `src/cli/runInfo.ts` (the pipeline sits left of the CLI and cannot import it).
   */
  writeRunInfo?: (outDir: string, config: unknown, seed: number) => string;
  onProgress?: (e: MainJobProgress) => void;
}

/** Factor coverage of one factor: available fraction of the grid per symbol (null: not computable). */
export interface FactorCoverageRow {
  id: string;
  category: string;
  computable: boolean;
  /** Symbol -> fraction of grid times where the factor's main output is finite (0..1), null if not computed. */
  available: Record<string, number | null>;
  /** Required inputs missing from the store (first symbol's view). */
  missing: string[];
}

/** Walk-forward outcome of one strategy. */
export interface StrategyResult {
  strategy: string;
  folds: number;
  nTrials: number;
  chosenParams: Array<Record<string, number>>;
  withCosts: Metrics;
  withoutCosts: Metrics;
  /** Annual return lost to costs (decimal). */
  costDragAnnual: number;
  attribution: AttributionSummary;
  /** Out-of-sample bar open times (UTC ms), with equity (start 1) and drawdown (<= 0) after each bar. */
  ts: number[];
  equity: number[];
  equityNoCost: number[];
  drawdown: number[];
}

/** Risk report of one strategy's out-of-sample returns (chart series kept: returns and rolling 99% VaR). */
export type StrategyRisk = Omit<RiskReport, 'charts'> & {
  strategy: string;
  /** What had to be left out and why (e.g. a rolling method that refused a flat window). */
  notes: string[];
  charts: { ts: number[]; returns: number[]; var99: number[] };
};

/** What the data came from: the simulated world's scenario and ground truth, or the built-in sample. */
export interface MainJobSourceInfo {
  kind: MainJobSource;
  /** `sim`: scenario name, simulated days, agent count. */
  scenario?: string;
  description?: string;
  days?: number;
  agents?: number;
  /** `sim`: whether individual trade prints were written. */
  trades?: boolean;
  /** `sim`: hours the hidden regime chain spent in each regime (ground truth). */
  regimeHours?: Record<string, number>;
  /** `sim`: labelled news items and social posts the world emitted (ground truth). */
  newsEvents?: number;
  /** `sim`: latent fundamental price (USDT) of each asset at the first and last hour (ground truth). */
  fundamentals?: Record<string, { first: number; last: number }>;
}

/** Everything the main job computed: deterministic for a seed (no timings, no paths). */
export interface MainJobResults {
  schema: 'cwm.mainJob/2';
  seed: number;
  /** Data source of the run (`sample` below describes the bars whichever the source). */
  source: MainJobSourceInfo;
  sample: {
    source: string;
    venue: string;
    symbols: string[];
    interval: string;
    from: string;
    to: string;
    hours: number;
    records: Array<{ kind: string; rows: number }>;
  };
  prices: { ts: number[]; close: Record<string, number[]> };
  factors: {
    freq: string;
    /** Store table holding the factor values (`factor_values_1h`). */
    table: string;
    total: number;
    computed: number;
    tableRows: number;
    coverage: FactorCoverageRow[];
  };
  backtest: {
    trainBars: number;
    testBars: number;
    purgeBars: number;
    mode: 'rolling';
    /** Cost model of every backtest (the execution model's defaults: costs always on). */
    costs: {
      takerFeeBps: number;
      halfSpreadBps: number;
      impact: string;
      sqrtImpactCoef: number;
      latencyBars: number;
      maxGrossLeverage: number;
    };
    skipped: Array<{ strategy: string; reason: string }>;
    strategies: StrategyResult[];
  };
  risk: StrategyRisk[];
  /** Strategies whose risk report could not be built, with the reason. */
  riskSkipped: Array<{ strategy: string; reason: string }>;
}

/** What {@link runMainJob} returns: the results plus where they went and how long each stage took. */
export interface MainJobOutput {
  results: MainJobResults;
  resultsPath: string;
  runInfoPath: string | null;
  /** Wall time per stage in ms (not part of results.json, which is deterministic). */
  timingsMs: Record<MainJobStage, number>;
}

const iso = (t: number): string => new Date(t).toISOString();

/** JSON with non-finite numbers as null (JSON has no NaN). */
export function resultsToJson(results: MainJobResults): string {
  return `${JSON.stringify(results, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))}\n`;
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v <= 0)
    throw new PipelineConfigError(name, `must be a positive integer, got ${v}`);
  return v;
}

function equityOf(r: Float64Array): { equity: number[]; drawdown: number[] } {
  const equity = new Array<number>(r.length);
  const drawdown = new Array<number>(r.length);
  let g = 1;
  let peak = 1;
  for (let i = 0; i < r.length; i++) {
    if (Number.isFinite(r[i])) g *= 1 + r[i];
    if (g > peak) peak = g;
    equity[i] = g;
    drawdown[i] = g / peak - 1;
  }
  return { equity, drawdown };
}

/**
 * The main job on the built-in default, end to end: the data into the store (by default the simulated default
 * crypto world of `src/sim/world` for `days` days: BTC/ETH/SOL on two CEXs, perps, options, a DEX, lending,
 * on-chain, macro, sentiment and news, with trade prints left out; with `source: 'sample'` the seeded
 * GARCH-style sample) -> every factor computable from it on the 1 h grid (venue `binance` for the world,
 * `cwm` for the sample), point in time, written to the store's factor table -> the built-in strategies walk-forward
 * (parameters chosen in sample, traded out of sample through the execution model with fees, spread and
 * impact) -> a risk report of each strategy's out-of-sample returns (VaR/ES table, rolling-VaR backtests
 * with Kupiec and Christoffersen tests, drawdown, GARCH(1,1), HMM regimes) -> `results.json` in `outDir`.
 *
 * Deterministic: the same options give a byte-identical `results.json`.
 *
 * @throws {PipelineConfigError} when the sample is too short for the walk-forward windows and the risk report
 *   (at least 250 out-of-sample bars), or a simulated run leaves fewer than 24 out-of-sample bars (between
 *   24 and 249 the risk report is skipped with the reason in `riskSkipped`).
 * @example
 * const store = await Store.open(':memory:');
 * const { results } = await runMainJob({ store, outDir: 'runs/x', seed: 7 });
 */
export async function runMainJob(opts: MainJobOptions): Promise<MainJobOutput> {
  const seed = opts.seed ?? 42;
  if (!Number.isInteger(seed) || seed < 0)
    throw new PipelineConfigError('seed', `must be a non-negative integer, got ${seed}`);
  const sourceKind = opts.source ?? 'sim';
  if (!MAIN_JOB_SOURCES.includes(sourceKind))
    throw new PipelineConfigError(
      'source',
      `must be one of ${MAIN_JOB_SOURCES.join(', ')}, got "${sourceKind}"`,
    );
  const isSim = sourceKind === 'sim';
  const days = positiveInt('days', opts.days ?? 45);
  const scenario = isSim ? loadScenario(opts.scenario ?? 'default') : undefined;
  const hours = isSim ? days * 24 : positiveInt('hours', opts.hours ?? 24 * 90);
  const start = scenario ? Date.parse(`${scenario.start}T00:00:00Z`) : (opts.start ?? Date.UTC(2024, 0, 1));
  if (!Number.isFinite(start) || start % HOUR_MS !== 0)
    throw new PipelineConfigError('start', 'must be a whole hour in UTC ms');
  const trainBars = positiveInt('trainBars', opts.trainBars ?? (isSim ? 168 : 720));
  const testBars = positiveInt('testBars', opts.testBars ?? (isSim ? 72 : 240));
  const purgeBars = 1;
  const oos = hours - trainBars - purgeBars;
  if (oos < 250 && !isSim)
    throw new PipelineConfigError(
      'hours',
      `${hours} hours leave ${oos} out-of-sample bars after a ${trainBars}-bar training window; the risk report needs 250`,
    );
  if (oos < 24)
    throw new PipelineConfigError(
      'days',
      `${days} simulated days (${hours} h) leave ${oos} out-of-sample bars after a ${trainBars}-bar training window; the walk-forward needs 24 (the risk report 250)`,
    );
  const progress = opts.onProgress ?? (() => undefined);
  const timingsMs = { data: 0, factors: 0, backtest: 0, risk: 0, write: 0 } as Record<MainJobStage, number>;
  let t0 = performance.now();
  const lap = (stage: MainJobStage) => {
    const t = performance.now();
    timingsMs[stage] = Math.round(t - t0);
    t0 = t;
  };
  const { store } = opts;
  const end = start + (hours - 1) * HOUR_MS;

  // ---- 1. data -> store: the simulated world or the sample -------------------------------------------------
  let symbols: string[];
  let venue: string;
  let dataSource: string;
  let inserted: Array<{ kind: string; received: number }>;
  let source: MainJobSourceInfo;
  if (scenario) {
    const sc = opts.simTrades ? scenario : { ...scenario, record: { ...scenario.record, trades: false } };
    symbols = sc.assets.map((a) => `${a.symbol}/USDT`);
    venue = 'binance';
    dataSource = SIM_SOURCE;
    progress({ stage: 'data', done: 0, total: days, detail: `simulating "${sc.name}"` });
    const sink = await StoreSink.open(store);
    const world = new World(sc, seed, sink);
    try {
      world.runDays(days, (d) => progress({ stage: 'data', done: d, total: days, detail: `day ${d}` }));
    } catch (err) {
      await sink.abort();
      throw err;
    }
    inserted = (await sink.commit()).filter((r) => r.received > 0);
    const truth = world.groundTruth();
    const regimeHours: Record<string, number> = Object.fromEntries(MARKET_REGIMES.map((m) => [m, 0]));
    for (const r of truth.regimes) regimeHours[r] += 1;
    const fundamentals: Record<string, { first: number; last: number }> = {};
    for (const [k, v] of Object.entries(truth.fundamentals))
      if (v.length) fundamentals[k] = { first: v[0], last: v[v.length - 1] };
    source = {
      kind: 'sim',
      scenario: sc.name,
      description: sc.description,
      days,
      agents: world.agentCount,
      trades: sc.record.trades,
      regimeHours,
      newsEvents: truth.news.length,
      fundamentals,
    };
  } else {
    symbols = SAMPLE_ASSETS.map((a) => `${a.base}/USDT`);
    venue = 'cwm';
    dataSource = SAMPLE_SOURCE;
    progress({ stage: 'data', done: 0, total: 1, detail: 'generating the built-in sample' });
    inserted = await ingestSample(store, { seed, hours, start });
    progress({ stage: 'data', done: 1, total: 1 });
    source = { kind: 'sample' };
  }
  lap('data');

  // ---- 2. factors on the 1 h grid ------------------------------------------------------------------------
  const provider = new StoreProvider(store);
  const coverageBySymbol: FactorCoverage[][] = [];
  for (const s of symbols)
    coverageBySymbol.push(await factorCoverage(allFactors, provider, s, { venue, barMs: HOUR_MS }));
  const computable = allFactors.filter((_, i) => coverageBySymbol.some((c) => c[i].computable));
  const grid = { from: start, to: end, barMs: HOUR_MS };
  const table = await computeFactorTable({
    specs: computable,
    symbols,
    grid,
    provider,
    venue,
    onProgress: (done, total, what) => progress({ stage: 'factors', done, total, detail: what }),
  });
  const tableRows = await writeFactorTable(store, table, '1h');
  const coverage: FactorCoverageRow[] = allFactors.map((spec, i) => {
    const available: Record<string, number | null> = {};
    symbols.forEach((s, k) => {
      const mask = coverageBySymbol[k][i].computable ? table.available.get(s)?.[spec.id] : undefined;
      if (!mask) {
        available[s] = null;
        return;
      }
      let n = 0;
      for (let j = 0; j < mask.length; j++) n += mask[j];
      available[s] = mask.length ? n / mask.length : 0;
    });
    return {
      id: spec.id,
      category: spec.category,
      computable: coverageBySymbol.some((c) => c[i].computable),
      available,
      missing: coverageBySymbol[0][i].missing,
    };
  });
  lap('factors');

  // ---- 3. walk-forward backtests with costs ---------------------------------------------------------------
  const frames: Record<string, Frame> = {};
  for (const s of symbols)
    frames[s] = await store.readBars({
      symbol: s,
      interval: '1h',
      venue,
      source: dataSource,
      from: start,
      to: end + HOUR_MS, // exclusive
    });
  const panel: MarketPanel = alignPanel(frames, HOUR_MS);
  const strategies: StrategyResult[] = [];
  const returnsOf: Array<{ strategy: string; ts: Float64Array; r: Float64Array }> = [];
  MAIN_JOB_STRATEGIES.forEach((s, k) => {
    progress({ stage: 'backtest', done: k, total: MAIN_JOB_STRATEGIES.length, detail: s.name });
    const res = walkForward(panel, (p) => makeStrategy(s.name, p), s.grid, {
      trainBars,
      testBars,
      purgeBars,
      mode: 'rolling',
    });
    const attribution = sumFoldAttribution(res.folds);
    const withCost = equityOf(res.returns);
    strategies.push({
      strategy: s.name,
      folds: res.folds.length,
      nTrials: res.nTrials,
      chosenParams: res.folds.map((f) => f.params),
      withCosts: res.withCosts,
      withoutCosts: res.withoutCosts,
      costDragAnnual: res.withoutCosts.annualReturn - res.withCosts.annualReturn,
      attribution,
      ts: Array.from(res.ts),
      equity: withCost.equity,
      equityNoCost: equityOf(res.returnsNoCost).equity,
      drawdown: withCost.drawdown,
    });
    returnsOf.push({ strategy: s.name, ts: res.ts, r: res.returns });
  });
  progress({ stage: 'backtest', done: MAIN_JOB_STRATEGIES.length, total: MAIN_JOB_STRATEGIES.length });
  lap('backtest');

  // ---- 4. risk ---------------------------------------------------------------------------------------------
  const risk: StrategyRisk[] = [];
  const riskSkipped: Array<{ strategy: string; reason: string }> = [];
  returnsOf.forEach((x, k) => {
    progress({ stage: 'risk', done: k, total: returnsOf.length, detail: x.strategy });
    const base = {
      barMs: HOUR_MS,
      seed,
      draws: opts.riskDraws ?? 5000,
      // The 2020-2022 crisis windows do not overlap synthetic data; the worst windows are still replayed.
      crises: [],
    };
    if (x.r.length < 250) {
      // a short simulated run still factors and backtests; the risk models need 250 returns
      riskSkipped.push({
        strategy: x.strategy,
        reason: `${x.r.length} out-of-sample returns; the risk report needs 250 (simulate more days)`,
      });
      return;
    }
    const notes: string[] = [];
    let rep: RiskReport | undefined;
    try {
      rep = riskReport(x.ts, x.r, base);
    } catch (err) {
      if (!(err instanceof ModelInputError)) throw err;
      // A model that cannot be fitted on this strategy's returns (e.g. GARCH on a series with no variance)
      // leaves the FHS backtest out; the other rolling methods still backtest.
      notes.push(`FHS rolling VaR backtest left out: ${err.shortMessage}`);
      try {
        rep = riskReport(x.ts, x.r, {
          ...base,
          backtestMethods: ['historical', 'gaussian', 'student-t', 'cornish-fisher'],
        });
      } catch (err2) {
        if (!(err2 instanceof ModelInputError)) throw err2;
        riskSkipped.push({ strategy: x.strategy, reason: err2.shortMessage });
      }
    }
    if (rep)
      risk.push({
        ...rep,
        strategy: x.strategy,
        notes,
        charts: { ts: rep.charts.ts, returns: rep.charts.returns, var99: rep.charts.var99 },
      });
  });
  progress({ stage: 'risk', done: returnsOf.length, total: returnsOf.length });
  lap('risk');

  // ---- 5. results -------------------------------------------------------------------------------------------
  progress({ stage: 'write', done: 0, total: 1 });
  const results: MainJobResults = {
    schema: 'cwm.mainJob/2',
    seed,
    source,
    sample: {
      source: dataSource,
      venue,
      symbols,
      interval: '1h',
      from: iso(start),
      to: iso(end),
      hours,
      records: inserted.map((r) => ({ kind: r.kind, rows: r.received })),
    },
    prices: {
      ts: Array.from(panel.ts),
      close: Object.fromEntries(symbols.map((s, a) => [s, Array.from(panel.close[a])])),
    },
    factors: {
      freq: '1h',
      table: factorTableName('1h'),
      total: allFactors.length,
      computed: computable.length,
      tableRows,
      coverage,
    },
    backtest: {
      trainBars,
      testBars,
      purgeBars,
      mode: 'rolling',
      costs: {
        takerFeeBps: DEFAULT_EXECUTION_CONFIG.takerFeeBps,
        halfSpreadBps: DEFAULT_EXECUTION_CONFIG.halfSpreadBps,
        impact: DEFAULT_EXECUTION_CONFIG.impact,
        sqrtImpactCoef: DEFAULT_EXECUTION_CONFIG.sqrtImpactCoef,
        latencyBars: DEFAULT_EXECUTION_CONFIG.latencyBars,
        maxGrossLeverage: DEFAULT_EXECUTION_CONFIG.maxGrossLeverage,
      },
      skipped: [
        {
          strategy: 'funding-carry',
          reason: isSim
            ? 'the main job backtests the spot panel of one venue; the perp leg is not part of it'
            : 'the sample has perp funding but no perp prices; the short perp leg cannot be marked without inventing one',
        },
      ],
      strategies,
    },
    risk,
    riskSkipped,
  };
  mkdirSync(opts.outDir, { recursive: true });
  const resultsPath = join(opts.outDir, 'results.json');
  writeFileSync(resultsPath, resultsToJson(results));
  const runInfoPath = opts.writeRunInfo
    ? opts.writeRunInfo(
        opts.outDir,
        opts.config ?? {
          seed,
          source: sourceKind,
          ...(isSim ? { scenario: source.scenario, days } : { hours }),
          start: iso(start),
          trainBars,
          testBars,
        },
        seed,
      )
    : null;
  progress({ stage: 'write', done: 1, total: 1 });
  lap('write');
  return { results, resultsPath, runInfoPath, timingsMs };
}
