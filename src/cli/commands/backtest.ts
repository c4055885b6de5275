import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { loadCarryPanel, loadDailyPanel, SHARED_DAILY_MAJORS } from '../../backtest/loadBars.js';
import type { Metrics } from '../../backtest/metrics.js';
import type { MarketPanel } from '../../backtest/panel.js';
import { BUILTIN_STRATEGIES, makeStrategy } from '../../backtest/strategies.js';
import {
  type AttributionSummary,
  sumFoldAttribution,
  type WalkForwardResult,
  walkForward,
} from '../../backtest/walkForward.js';
import { UsageError } from '../../errors/base.js';
import { emit, globalOptions, log } from '../context.js';
import { startProgress } from '../progress.js';
import { writeRunInfo } from '../runInfo.js';

const num = z.number().finite();
const strategySchema = z.object({
  name: z.enum(BUILTIN_STRATEGIES),
  /** Fixed parameters. */
  params: z.record(z.string(), z.union([num, z.boolean()])).optional(),
  /** Walk-forward grid: each parameter's candidate values. */
  grid: z.record(z.string(), z.array(num).min(1)).optional(),
});

/** Schema of a `cwm backtest` config file (YAML or JSON). */
export const backtestConfigSchema = z.object({
  strategies: z.array(strategySchema).min(1),
  symbols: z
    .array(z.string().regex(/^[A-Z0-9]+$/))
    .min(1)
    .optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  initialCash: num.positive().optional(),
  walkForward: z
    .object({
      trainBars: z.number().int().positive().default(365),
      testBars: z.number().int().positive().default(180),
      mode: z.enum(['rolling', 'expanding']).default('rolling'),
      purgeBars: z.number().int().nonnegative().default(1),
    })
    .optional(),
  execution: z
    .object({
      takerFeeBps: num.optional(),
      makerFeeBps: num.optional(),
      halfSpreadBps: num.optional(),
      impact: z.enum(['sqrt', 'linear', 'none']).optional(),
      sqrtImpactCoef: num.optional(),
      maxParticipation: num.optional(),
      latencyBars: z.number().int().optional(),
      maxGrossLeverage: num.optional(),
      maxPositionWeight: num.optional(),
      allowShort: z.boolean().optional(),
      borrowRateAnnual: num.optional(),
    })
    .optional(),
});
export type BacktestConfig = z.infer<typeof backtestConfigSchema>;

/** The example run: the five built-in strategies with small grids (the issue's comparison set). */
export const EXAMPLE_CONFIG: BacktestConfig = {
  strategies: [
    { name: 'buy-and-hold' },
    { name: 'equal-weight', grid: { rebalanceEvery: [7, 30] } },
    { name: 'inverse-volatility', grid: { lookback: [30, 90], rebalanceEvery: [7] } },
    { name: 'ma-crossover', grid: { fast: [10, 20], slow: [50, 100] } },
    { name: 'funding-carry', grid: { lookback: [3, 7], threshold: [0, 0.0001] } },
  ],
};

function loadConfig(arg: string | undefined, file: string | undefined): BacktestConfig {
  const src = file ?? (arg && (existsSync(arg) || /\.(ya?ml|json)$/.test(arg)) ? arg : undefined);
  if (src) {
    let raw: unknown;
    try {
      const text = readFileSync(src, 'utf8');
      raw = src.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    } catch (err) {
      throw new UsageError(`cannot read backtest config ${src}`, {
        cause: err,
        details: err instanceof Error ? err.message : String(err),
      });
    }
    const res = backtestConfigSchema.safeParse(raw);
    if (!res.success) {
      const i = res.error.issues[0];
      throw new UsageError(`${src}: field "${i.path.join('.')}": ${i.message}`);
    }
    return res.data;
  }
  if (!arg || arg === 'examples' || arg === 'all') return EXAMPLE_CONFIG;
  if (!(BUILTIN_STRATEGIES as readonly string[]).includes(arg)) {
    throw new UsageError(
      `unknown strategy or config "${arg}" (built-in: ${BUILTIN_STRATEGIES.join(', ')}, or a .yaml/.json file)`,
    );
  }
  const ex = EXAMPLE_CONFIG.strategies.find((s) => s.name === arg);
  return { strategies: [ex ?? { name: arg as (typeof BUILTIN_STRATEGIES)[number] }] };
}

function parseDay(s: string | undefined, flag: string): number | undefined {
  if (s === undefined) return undefined;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  if (!Number.isFinite(t)) throw new UsageError(`${flag} "${s}" is not a date (use YYYY-MM-DD)`);
  return t;
}

/** One strategy's walk-forward outcome, as printed and written. */
export interface BacktestSummary {
  strategy: string;
  symbols: string[];
  folds: number;
  nTrials: number;
  chosenParams: Array<Record<string, number>>;
  withCosts: Metrics;
  withoutCosts: Metrics;
  costDragAnnual: number;
  /** Sum over test windows of the P&L attribution (fractions of each window's starting cash). */
  attribution: AttributionSummary;
  from: string;
  to: string;
}

const pct = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : 'n/a');
const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

function table(rows: BacktestSummary[]): string {
  const head = [
    'strategy',
    'ann.ret',
    'vol',
    'Sharpe',
    'Sharpe(0 cost)',
    'Sortino',
    'Calmar',
    'maxDD',
    'turnover/y',
    'hit',
    'PSR',
    'DSR',
  ];
  const body = rows.map((r) => [
    r.strategy,
    pct(r.withCosts.annualReturn),
    pct(r.withCosts.annualVolatility),
    f2(r.withCosts.sharpe),
    f2(r.withoutCosts.sharpe),
    f2(r.withCosts.sortino),
    f2(r.withCosts.calmar),
    pct(r.withCosts.maxDrawdown),
    f2(r.withCosts.annualTurnover),
    pct(r.withCosts.hitRate),
    f2(r.withCosts.probabilisticSharpe),
    f2(r.withCosts.deflatedSharpe),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...body.map(line)].join('\n');
}

/**
 * Runs a config: each strategy walk-forward (parameters chosen in sample, traded out of sample through the
 * execution model with costs), on the shared daily data. Exported for tests.
 */
export function runBacktestConfig(
  cfg: BacktestConfig,
  opts: { symbols?: string[]; from?: number; to?: number; quiet?: boolean } = {},
): { summaries: BacktestSummary[]; results: WalkForwardResult[]; panels: MarketPanel[] } {
  const symbols = opts.symbols ?? cfg.symbols ?? [...SHARED_DAILY_MAJORS];
  const from = opts.from ?? parseDay(cfg.from, 'from');
  const to = opts.to ?? parseDay(cfg.to, 'to');
  const wf = cfg.walkForward ?? { trainBars: 365, testBars: 180, mode: 'rolling' as const, purgeBars: 1 };
  const summaries: BacktestSummary[] = [];
  const results: WalkForwardResult[] = [];
  const panels: MarketPanel[] = [];
  let spotPanel: MarketPanel | undefined;
  const bar = startProgress('backtest', cfg.strategies.length, { silent: opts.quiet });
  for (const s of cfg.strategies) {
    const carry = s.name === 'funding-carry';
    let panel: MarketPanel;
    if (carry) panel = loadCarryPanel({ from: from ?? Date.UTC(2019, 8, 10), to });
    else {
      spotPanel ??= loadDailyPanel(symbols, { from, to });
      panel = spotPanel;
    }
    const fixed = s.params ?? {};
    const factory = (p: Record<string, number>) => makeStrategy(s.name, { ...fixed, ...p });
    const execution = { ...cfg.execution, ...(carry ? { allowShort: true } : {}) };
    const res = walkForward(panel, factory, s.grid ?? {}, { ...wf, execution, initialCash: cfg.initialCash });
    results.push(res);
    panels.push(panel);
    summaries.push({
      strategy: res.strategy.replace(/\(.*\)$/, ''),
      symbols: panel.symbols,
      folds: res.folds.length,
      nTrials: res.nTrials,
      chosenParams: res.folds.map((f) => f.params),
      withCosts: res.withCosts,
      withoutCosts: res.withoutCosts,
      costDragAnnual: res.withoutCosts.annualReturn - res.withCosts.annualReturn,
      attribution: sumFoldAttribution(res.folds),
      from: new Date(res.ts[0]).toISOString().slice(0, 10),
      to: new Date(res.ts[res.ts.length - 1]).toISOString().slice(0, 10),
    });
    bar.increment();
  }
  bar.stop();
  return { summaries, results, panels };
}

function writeOutputs(
  out: string,
  cfg: BacktestConfig,
  summaries: BacktestSummary[],
  results: WalkForwardResult[],
): void {
  mkdirSync(out, { recursive: true });
  writeRunInfo(out, cfg, undefined);
  writeFileSync(
    join(out, 'results.json'),
    `${JSON.stringify(summaries, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`,
  );
  // One returns file per strategy (bar open date, return with costs, without costs): input of `cwm risk report --run`.
  for (let i = 0; i < results.length; i++) {
    const r = results[i];
    const lines = ['date,return,return_no_cost'];
    for (let t = 0; t < r.ts.length; t++)
      lines.push(`${new Date(r.ts[t]).toISOString().slice(0, 10)},${r.returns[t]},${r.returnsNoCost[t]}`);
    writeFileSync(join(out, `returns-${summaries[i].strategy}.csv`), `${lines.join('\n')}\n`);
  }
}

/** `cwm backtest [config|strategy|examples]`: walk-forward backtests with costs on the shared daily data. */
export function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description(
      'walk-forward backtest of built-in strategies (or a YAML/JSON config) with costs on real daily data',
    )
    .argument(
      '[config]',
      `config file, a built-in strategy (${BUILTIN_STRATEGIES.join(', ')}), or "examples" (default: all five)`,
    )
    .option('--symbols <list>', 'comma-separated symbols (default: the 15 majors of the shared daily data)')
    .option('--from <date>', 'first date (YYYY-MM-DD, UTC)')
    .option('--to <date>', 'end date, exclusive')
    .option('--train <bars>', 'walk-forward training window in bars', (v) => Number(v))
    .option('--test <bars>', 'walk-forward test window in bars', (v) => Number(v))
    .option('--expanding', 'expanding instead of rolling training windows')
    .option('--out <dir>', 'write run.json, results.json and returns-<strategy>.csv here')
    .addHelpText(
      'after',
      '\nExample:\n  cwm backtest examples --out runs/bt\n  cwm risk report --run runs/bt',
    )
    .action(function (this: Command, arg: string | undefined) {
      const g = globalOptions(this);
      const o = this.opts<{
        symbols?: string;
        from?: string;
        to?: string;
        train?: number;
        test?: number;
        expanding?: boolean;
        out?: string;
      }>();
      const cfg = loadConfig(arg, g.config);
      if (o.train !== undefined || o.test !== undefined || o.expanding) {
        const base = cfg.walkForward ?? {
          trainBars: 365,
          testBars: 180,
          mode: 'rolling' as const,
          purgeBars: 1,
        };
        cfg.walkForward = {
          ...base,
          trainBars: o.train ?? base.trainBars,
          testBars: o.test ?? base.testBars,
          mode: o.expanding ? 'expanding' : base.mode,
        };
        if (!(cfg.walkForward.trainBars > 0 && cfg.walkForward.testBars > 0))
          throw new UsageError('--train and --test must be positive integers');
      }
      const symbols = o.symbols
        ?.split(',')
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean);
      const { summaries, results } = runBacktestConfig(cfg, {
        symbols,
        from: parseDay(o.from, '--from'),
        to: parseDay(o.to, '--to'),
        quiet: g.quiet || g.json,
      });
      if (o.out) {
        writeOutputs(resolve(o.out), cfg, summaries, results);
        log('info', 'backtest outputs written', { dir: resolve(o.out) });
      }
      emit(g, { summaries }, () =>
        [
          'Walk-forward, out-of-sample, net of fees, spread, impact, funding and borrow (Sharpe(0 cost): same trades, no costs)',
          '',
          table(summaries),
          '',
          ...summaries.map(
            (s) =>
              `${s.strategy}: ${s.folds} folds ${s.from}..${s.to}, ${s.nTrials} parameter sets per fold, cost drag ${pct(s.costDragAnnual)}/year; ` +
              `P&L summed over windows: price ${pct(s.attribution.price)}, fees ${pct(s.attribution.fees)}, slippage ${pct(s.attribution.slippage)}, ` +
              `funding ${pct(s.attribution.funding)}, borrow ${pct(s.attribution.borrow)} = ${pct(s.attribution.total)}`,
          ),
        ].join('\n'),
      );
    });
}
