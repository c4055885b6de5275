import { BacktestConfigError } from '../errors/backtest.js';
import type { ExecutionConfigInput } from '../execution/config.js';
import { computeMetrics, type Metrics } from './metrics.js';
import type { MarketPanel } from './panel.js';
import { runBacktest } from './runBacktest.js';
import { runVectorized, strategyWeights } from './runVectorized.js';
import type { Strategy } from './strategy.js';

/** One train/test split of bar indices; ranges are [start, end). Train may have several segments. */
export interface Split {
  train: Array<[number, number]>;
  test: [number, number];
}

/** Options of {@link walkForwardSplits}. */
export interface WalkForwardSplitOptions {
  /** Bars in each training window (the first one for `expanding`). */
  trainBars: number;
  /** Bars in each test window. */
  testBars: number;
  /** `rolling` keeps the train length fixed; `expanding` grows it from `start` (default rolling). */
  mode?: 'rolling' | 'expanding';
  /**
   * Bars dropped between the end of training and the start of the test: training labels that look
   * `purgeBars` ahead would otherwise overlap the test window (López de Prado 2018, ch. 7.4.1). Default 0.
   */
  purgeBars?: number;
  /** First usable bar (default 0). */
  start?: number;
}

/**
 * Walk-forward splits: train on a window, test on the next `testBars` bars after a purge gap, then roll.
 * Training always precedes testing, so no embargo is needed (see {@link purgedKFoldSplits} for that).
 * Reference: López de Prado (2018), Advances in Financial Machine Learning, ch. 7 and 12.
 *
 * @throws {BacktestConfigError} when the windows do not fit in `nBars`.
 */
export function walkForwardSplits(nBars: number, o: WalkForwardSplitOptions): Split[] {
  const purge = o.purgeBars ?? 0;
  const start = o.start ?? 0;
  if (!(o.trainBars > 0 && o.testBars > 0 && purge >= 0)) {
    throw new BacktestConfigError('trainBars and testBars must be > 0 and purgeBars >= 0', 'walkForward');
  }
  const splits: Split[] = [];
  for (let testStart = start + o.trainBars + purge; testStart < nBars; testStart += o.testBars) {
    const testEnd = Math.min(nBars, testStart + o.testBars);
    if (testEnd - testStart < 2) break;
    const trainEnd = testStart - purge;
    const trainStart = o.mode === 'expanding' ? start : trainEnd - o.trainBars;
    splits.push({ train: [[trainStart, trainEnd]], test: [testStart, testEnd] });
  }
  if (splits.length === 0) {
    throw new BacktestConfigError(
      `${nBars - start} bars cannot hold a ${o.trainBars}-bar train window, a ${purge}-bar purge and a test window`,
      'walkForward.trainBars',
    );
  }
  return splits;
}

/**
 * Purged k-fold cross-validation splits with an embargo: fold i is the test set; training uses all other
 * bars except `purgeBars` before the test (label overlap) and `embargoBars` after it (serial correlation).
 * Reference: López de Prado (2018), ch. 7.4 (purging and embargo).
 */
export function purgedKFoldSplits(nBars: number, k: number, purgeBars = 0, embargoBars = 0): Split[] {
  if (!(k >= 2 && k <= nBars))
    throw new BacktestConfigError(`k must be in [2, ${nBars}], got ${k}`, 'kFold.k');
  const splits: Split[] = [];
  for (let i = 0; i < k; i++) {
    const a = Math.floor((i * nBars) / k);
    const b = Math.floor(((i + 1) * nBars) / k);
    const train: Array<[number, number]> = [];
    if (a - purgeBars > 0) train.push([0, a - purgeBars]);
    if (b + embargoBars < nBars) train.push([b + embargoBars, nBars]);
    splits.push({ train, test: [a, b] });
  }
  return splits;
}

/** A parameter grid: each key lists the values to try. */
export type ParamGrid = Record<string, number[]>;

/** Every combination of a grid (cartesian product), in key order. */
export function expandGrid(grid: ParamGrid): Array<Record<string, number>> {
  let out: Array<Record<string, number>> = [{}];
  for (const [k, values] of Object.entries(grid)) {
    if (values.length === 0) throw new BacktestConfigError('grid lists no values', `grid.${k}`);
    out = out.flatMap((p) => values.map((v) => ({ ...p, [k]: v })));
  }
  return out;
}

/** One row of a sweep. */
export interface SweepRow {
  params: Record<string, number>;
  metrics: Metrics;
}

/**
 * Grid sweep with the vectorized kernel over bars [start, end), costs on.
 * @param factory builds the strategy for one parameter set.
 */
export function sweep(
  panel: MarketPanel,
  factory: (params: Record<string, number>) => Strategy,
  grid: ParamGrid,
  opts: { start?: number; end?: number; execution?: ExecutionConfigInput } = {},
): SweepRow[] {
  const P = (365 * 86_400_000) / panel.intervalMs;
  return expandGrid(grid).map((params) => {
    const s = factory(params);
    const W = strategyWeights(panel, s, opts.start, opts.end);
    const r = runVectorized(panel, W, { start: opts.start, end: opts.end, execution: opts.execution });
    return { params, metrics: computeMetrics(r.returns, { periodsPerYear: P }) };
  });
}

/** One walk-forward fold's outcome. */
export interface FoldResult {
  split: Split;
  /** Parameters chosen on the training window (best Sharpe net of costs). */
  params: Record<string, number>;
  trainSharpe: number;
  /** Out-of-sample metrics of the test window with costs. */
  test: Metrics;
  /** P&L attribution of the test window with costs, as fractions of starting cash (adds up to total). */
  attribution: {
    total: number;
    price: number;
    fees: number;
    slippage: number;
    funding: number;
    borrow: number;
    residual: number;
  };
}

/** Walk-forward result: folds plus the stitched out-of-sample series with and without costs. */
export interface WalkForwardResult {
  strategy: string;
  folds: FoldResult[];
  /** Test-window bar open times (UTC ms), concatenated. */
  ts: Float64Array;
  /** Out-of-sample per-bar returns with costs (event-driven). */
  returns: Float64Array;
  /** The same decisions without any costs. */
  returnsNoCost: Float64Array;
  /** Out-of-sample turnover per bar. */
  turnover: Float64Array;
  withCosts: Metrics;
  withoutCosts: Metrics;
  /** Parameter sets tried per fold (the deflated Sharpe's trial count). */
  nTrials: number;
}

/**
 * Walk-forward evaluation: for each split, pick the best grid point on the train window (vectorized kernel,
 * costs on), then trade the test window with it through the event-driven engine (each test window starts
 * flat with the same cash), with and without costs. Strategies always see all bars before the current one
 * (history before the test window is the past, not a leak).
 *
 * @example
 * walkForward(panel, (p) => maCrossover(p), { fast: [10, 20], slow: [50, 100] }, { trainBars: 365, testBars: 90 });
 */
export function walkForward(
  panel: MarketPanel,
  factory: (params: Record<string, number>) => Strategy,
  grid: ParamGrid,
  opts: WalkForwardSplitOptions & { execution?: ExecutionConfigInput; initialCash?: number },
): WalkForwardResult {
  const splits = walkForwardSplits(panel.ts.length, opts);
  const P = (365 * 86_400_000) / panel.intervalMs;
  const combos = expandGrid(grid);
  const folds: FoldResult[] = [];
  const parts: { ts: Float64Array; r: Float64Array; r0: Float64Array; turn: Float64Array }[] = [];
  const trialSharpes: number[] = [];
  let name = '';
  for (const split of splits) {
    const [ts0, ts1] = split.train[0];
    let best = combos[0];
    let bestSr = Number.NEGATIVE_INFINITY;
    for (const params of combos) {
      const W = strategyWeights(panel, factory(params), ts0, ts1);
      const r = runVectorized(panel, W, {
        start: ts0,
        end: ts1,
        execution: opts.execution,
        initialCash: opts.initialCash,
      });
      const sr = computeMetrics(r.returns, { periodsPerYear: P }).sharpe;
      trialSharpes.push(sr / Math.sqrt(P));
      if (sr > bestSr || (Number.isNaN(bestSr) && !Number.isNaN(sr))) {
        bestSr = sr;
        best = params;
      }
    }
    const [a, b] = split.test;
    const strat = factory(best);
    name = strat.name;
    const run = runBacktest(panel, strat, {
      start: a,
      end: b,
      execution: opts.execution,
      initialCash: opts.initialCash,
    });
    const run0 = runBacktest(panel, factory(best), {
      start: a,
      end: b,
      initialCash: opts.initialCash,
      execution: {
        ...opts.execution,
        takerFeeBps: 0,
        makerFeeBps: 0,
        halfSpreadBps: 0,
        impact: 'none',
        borrowRateAnnual: 0,
        // liquidity limits (maxParticipation) stay: the no-cost run makes the same trades, only costs differ
      },
    });
    parts.push({ ts: run.ts, r: run.returns, r0: run0.returns, turn: run.turnover });
    folds.push({
      split,
      params: best,
      trainSharpe: bestSr,
      test: computeMetrics(run.returns, { periodsPerYear: P, turnover: run.turnover }),
      attribution: {
        total: run.attribution.total / run.initialCash,
        price: run.attribution.price / run.initialCash,
        fees: run.attribution.fees / run.initialCash,
        slippage: run.attribution.slippage / run.initialCash,
        funding: run.attribution.funding / run.initialCash,
        borrow: run.attribution.borrow / run.initialCash,
        residual: run.attribution.residual / run.initialCash,
      },
    });
  }
  const cat = (k: 'ts' | 'r' | 'r0' | 'turn'): Float64Array => {
    const out = new Float64Array(parts.reduce((s, p) => s + p[k].length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p[k], o);
      o += p[k].length;
    }
    return out;
  };
  const returns = cat('r');
  const returnsNoCost = cat('r0');
  const turnover = cat('turn');
  const finiteTrials = trialSharpes.filter((x) => Number.isFinite(x));
  const mopts = { periodsPerYear: P, turnover, nTrials: combos.length, trialSharpes: finiteTrials };
  return {
    strategy: name,
    folds,
    ts: cat('ts'),
    returns,
    returnsNoCost,
    turnover,
    withCosts: computeMetrics(returns, mopts),
    withoutCosts: computeMetrics(returnsNoCost, mopts),
    nTrials: combos.length,
  };
}

/** P&L attribution summed over walk-forward test windows, as fractions of each window's starting cash. */
export interface AttributionSummary {
  price: number;
  fees: number;
  slippage: number;
  funding: number;
  borrow: number;
  total: number;
}

/** Sums the folds' P&L attribution (each a fraction of its window's starting cash). */
export function sumFoldAttribution(folds: readonly FoldResult[]): AttributionSummary {
  const a: AttributionSummary = { price: 0, fees: 0, slippage: 0, funding: 0, borrow: 0, total: 0 };
  for (const f of folds) {
    a.price += f.attribution.price;
    a.fees += f.attribution.fees;
    a.slippage += f.attribution.slippage;
    a.funding += f.attribution.funding;
    a.borrow += f.attribution.borrow;
    a.total += f.attribution.total;
  }
  return a;
}
