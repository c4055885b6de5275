import { BacktestConfigError, StrategyError } from '../errors/backtest.js';
import { Account } from '../execution/account.js';
import { calibrateImpact } from '../execution/calibrateImpact.js';
import type { ExecutionConfigInput } from '../execution/config.js';
import { ExecutionModel } from '../execution/executionModel.js';
import { OrderQueue } from '../execution/orderQueue.js';
import { createFillReport, createMarketSnapshot, type FillReport } from '../execution/types.js';
import { type MarketPanel, PanelView } from './panel.js';
import { pointInTimeImpactInputs } from './pointInTimeInputs.js';
import type { Strategy } from './strategy.js';

/** Options of a backtest run. */
export interface BacktestOptions {
  /** Starting cash in quote currency (default 100,000). */
  initialCash?: number;
  /** Execution model settings (costs on by default). */
  execution?: ExecutionConfigInput;
  /** First bar index of the run (default 0); earlier bars are visible history for the strategy. */
  start?: number;
  /** End bar index, exclusive (default: all bars). */
  end?: number;
  /** Skip trades smaller than this fraction of equity (default 0.001). */
  minTradeWeight?: number;
  /** Bars used for the point-in-time volatility and ADV of the impact model (default 30). */
  impactLookback?: number;
}

/** Output of a backtest: per-bar series over [start, end) and the cost decomposition. */
export interface BacktestResult {
  strategy: string;
  symbols: string[];
  /** Bar open times (UTC ms). */
  ts: Float64Array;
  /** Equity at each bar's close (quote). */
  equity: Float64Array;
  /** Simple return per bar (the first relative to initial cash). */
  returns: Float64Array;
  /** Per-bar mark-to-mid price P&L (quote); with the costs below it adds up to the equity change. */
  pricePnl: Float64Array;
  /** Per-bar costs (quote): fees, slippage (spread + impact), funding, borrow. */
  fees: Float64Array;
  slippage: Float64Array;
  funding: Float64Array;
  borrow: Float64Array;
  /** Traded notional per bar divided by equity. */
  turnover: Float64Array;
  /** Final positions (base units) and cash. */
  positions: Float64Array;
  cash: number;
  initialCash: number;
  /** Number of fills and of orders cut short (partial) or refused. */
  fills: number;
  partialFills: number;
  rejectedOrders: number;
  /** Cumulative P&L attribution; `residual` is 0 up to rounding. */
  attribution: ReturnType<Account['pnlAttribution']>;
  /** Bars per year, for annualization. */
  periodsPerYear: number;
}

/**
 * Event-driven backtest: at each bar's close the strategy sees bars 0..t (point in time) and sets targets;
 * the orders execute at bar t + 1's open through the shared {@link ExecutionModel} (fees, spread, impact,
 * participation caps, limits), then positions are marked at the close and funding/borrow accrue.
 *
 * @throws {BacktestConfigError} on bad options; {@link StrategyError} when a strategy returns bad targets.
 * @example
 * const r = runBacktest(panel, equalWeight({ rebalanceEvery: 7 }));
 * computeMetrics(r.returns, { periodsPerYear: r.periodsPerYear }).sharpe;
 */
export function runBacktest(
  panel: MarketPanel,
  strategy: Strategy,
  opts: BacktestOptions = {},
): BacktestResult {
  const N = panel.symbols.length;
  const T = panel.ts.length;
  const start = opts.start ?? 0;
  const end = opts.end ?? T;
  if (!(start >= 0 && end <= T && end > start)) {
    throw new BacktestConfigError(`bar range [${start}, ${end}) is empty or outside [0, ${T})`, 'start');
  }
  const initialCash = opts.initialCash ?? 100_000;
  if (!(initialCash > 0)) throw new BacktestConfigError(`must be > 0, got ${initialCash}`, 'initialCash');
  const minTrade = opts.minTradeWeight ?? 0.001;
  const execInput: ExecutionConfigInput = { ...opts.execution };
  if (panel.perp && !execInput.perp) execInput.perp = panel.perp;
  if (execInput.impact === 'linear' && !execInput.kyleLambda)
    execInput.kyleLambda = calibrateLambdas(panel, start);
  const model = new ExecutionModel(execInput, N);
  const latency = model.config.latencyBars;
  const account = new Account(N, initialCash);
  const queue = new OrderQueue(Math.max(64, 4 * N * (latency + 1)));
  const snap = createMarketSnapshot(N);
  const report = createFillReport();
  const view = new PanelView(panel, strategy.name);
  const target = new Float64Array(N);
  const { dailyVol, advBase } = pointInTimeImpactInputs(panel, opts.impactLookback ?? 30);
  const n = end - start;
  const res: BacktestResult = {
    strategy: strategy.name,
    symbols: panel.symbols,
    ts: panel.ts.slice(start, end),
    equity: new Float64Array(n),
    returns: new Float64Array(n),
    pricePnl: new Float64Array(n),
    fees: new Float64Array(n),
    slippage: new Float64Array(n),
    funding: new Float64Array(n),
    borrow: new Float64Array(n),
    turnover: new Float64Array(n),
    positions: account.positions,
    cash: 0,
    initialCash,
    fills: 0,
    partialFills: 0,
    rejectedOrders: 0,
    attribution: account.pnlAttribution(),
    periodsPerYear: (365 * 86_400_000) / panel.intervalMs,
  };
  let traded = 0;
  const onFill = (r: FillReport): void => {
    if (r.status === 2) res.rejectedOrders++;
    else {
      res.fills++;
      if (r.status === 1) res.partialFills++;
      traded += Math.abs(r.lastQty * r.lastPx);
    }
  };
  const submit = (asset: number, qty: number): void => {
    if (!(asset >= 0 && asset < N) || !Number.isFinite(qty)) {
      throw new StrategyError(strategy.name, `bad order: asset ${asset}, qty ${qty}`, view.nowMs);
    }
    if (qty !== 0) queue.submit(asset, qty, view.t, latency);
  };
  strategy.reset?.();
  const rebalanceEvery = Math.max(1, strategy.rebalanceEvery ?? 1);
  let decisions = 0;
  let prevPrice = 0;
  let prevFees = 0;
  let prevSlip = 0;
  let prevFund = 0;
  let prevBorrow = 0;
  let prevEquity = initialCash;
  const hasFunding = panel.funding?.some((f) => f !== undefined) ?? false;
  for (let t = start; t < end; t++) {
    // 1. Execute orders due now at this bar's open.
    snap.tsMs = panel.ts[t];
    for (let a = 0; a < N; a++) {
      const o = panel.open[a][t];
      snap.mid[a] = o > 0 ? o : panel.close[a][t];
      snap.low[a] = panel.low[a][t];
      snap.high[a] = panel.high[a][t];
      snap.volume[a] = panel.volume[a][t];
      snap.dailyVol[a] = dailyVol[a][t];
      snap.advBase[a] = advBase[a][t];
      snap.fundingRate[a] = panel.funding?.[a]?.[t] ?? Number.NaN;
    }
    traded = 0;
    queue.executeDue(t, model, account, snap, report, onFill);
    // 2. Mark at the close; funding and borrow for the bar.
    for (let a = 0; a < N; a++) account.mark(a, panel.close[a][t]);
    model.accrueCarry(account, snap, panel.intervalMs, hasFunding);
    const i = t - start;
    const eq = account.equity();
    res.equity[i] = eq;
    res.returns[i] = eq / prevEquity - 1;
    res.pricePnl[i] = account.pricePnl - prevPrice;
    res.fees[i] = account.fees - prevFees;
    res.slippage[i] = account.slippage - prevSlip;
    res.funding[i] = account.funding - prevFund;
    res.borrow[i] = account.borrow - prevBorrow;
    res.turnover[i] = prevEquity > 0 ? traded / prevEquity : 0;
    prevPrice = account.pricePnl;
    prevFees = account.fees;
    prevSlip = account.slippage;
    prevFund = account.funding;
    prevBorrow = account.borrow;
    prevEquity = eq;
    // 3. Decide at the close of bar t (executes at t + latency).
    if (t + 1 < strategy.warmup || t === end - 1) continue;
    if (decisions++ % rebalanceEvery !== 0) continue;
    view.t = t;
    if (strategy.orders) {
      strategy.orders(view, submit);
      continue;
    }
    if (!strategy.targetWeights)
      throw new StrategyError(strategy.name, 'implements neither targetWeights nor orders');
    target.fill(Number.NaN);
    if (!strategy.targetWeights(view, target)) continue;
    submitRebalance(account, panel, t, eq, target, minTrade, submit, strategy.name);
  }
  res.cash = account.cash;
  res.attribution = account.pnlAttribution();
  return res;
}

/**
 * Kyle's lambda per asset from the bars before `start` only (no look-ahead); at least 20 bars each.
 * @throws {BacktestConfigError} when an asset has too little history before the run.
 */
function calibrateLambdas(panel: MarketPanel, start: number): Float64Array {
  return Float64Array.from(
    panel.symbols.map((s, a) => {
      try {
        const c = calibrateImpact(
          panel.open[a].subarray(0, start),
          panel.close[a].subarray(0, start),
          panel.volume[a].subarray(0, start),
        );
        return Number.isFinite(c.kyleLambda) ? c.kyleLambda : 0;
      } catch (err) {
        throw new BacktestConfigError(
          `cannot calibrate Kyle's lambda for ${s} from the ${start} bars before the run; pass execution.kyleLambda or start later`,
          'execution.kyleLambda',
          { cause: err },
        );
      }
    }),
  );
}

/**
 * Orders that move positions to target weights of equity at the close of bar t: sells first (to free
 * cash), then buys. `NaN` targets are left alone; trades under `minTrade` x equity are skipped.
 */
function submitRebalance(
  account: Account,
  panel: MarketPanel,
  t: number,
  equity: number,
  target: Float64Array,
  minTrade: number,
  submit: (asset: number, qty: number) => void,
  name: string,
): void {
  const N = target.length;
  for (let pass = 0; pass < 2; pass++) {
    for (let a = 0; a < N; a++) {
      const w = target[a];
      if (Number.isNaN(w)) continue;
      if (!Number.isFinite(w)) throw new StrategyError(name, `weight for asset ${a} is ${w}`, panel.ts[t]);
      const c = panel.close[a][t];
      if (!(c > 0)) continue;
      const delta = (w * equity) / c - account.positions[a];
      if (Math.abs(delta * c) < minTrade * equity) continue;
      if ((pass === 0 && delta < 0) || (pass === 1 && delta > 0)) submit(a, delta);
    }
  }
}
