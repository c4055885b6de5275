import { BacktestConfigError } from '../errors/backtest.js';
import { type ExecutionConfigInput, resolveExecutionConfig } from '../execution/config.js';
import { type MarketPanel, PanelView } from './panel.js';
import type { Strategy } from './strategy.js';

/**
 * Target weights a strategy would set at each bar of [start, end), computed once (point in time) for
 * sweeps: one `Float64Array` per asset of length T; `NaN` where the strategy does not trade.
 */
export function strategyWeights(
  panel: MarketPanel,
  strategy: Strategy,
  start = 0,
  end = panel.ts.length,
): Float64Array[] {
  const N = panel.symbols.length;
  const T = panel.ts.length;
  const W = panel.symbols.map(() => new Float64Array(T).fill(Number.NaN));
  const view = new PanelView(panel, strategy.name);
  const out = new Float64Array(N);
  const every = Math.max(1, strategy.rebalanceEvery ?? 1);
  strategy.reset?.();
  if (!strategy.targetWeights) {
    throw new BacktestConfigError(
      `strategy "${strategy.name}" has no targetWeights: vectorized mode needs weights`,
      'strategy',
    );
  }
  let decisions = 0;
  for (let t = start; t < end - 1; t++) {
    if (t + 1 < strategy.warmup) continue;
    if (decisions++ % every !== 0) continue;
    view.t = t;
    out.fill(Number.NaN);
    if (!strategy.targetWeights(view, out)) continue;
    for (let a = 0; a < N; a++) W[a][t] = out[a];
  }
  return W;
}

/** Result of {@link runVectorized}. */
export interface VectorizedResult {
  /** Equity at each bar's close over [start, end). */
  equity: Float64Array;
  /** Simple return per bar. */
  returns: Float64Array;
  /** Total fees, slippage (half-spread), funding and borrow paid (quote). */
  fees: number;
  slippage: number;
  funding: number;
  borrow: number;
  /** Sum of traded notional / equity. */
  turnover: number;
}

/**
 * Fast single-pass kernel over a precomputed weight matrix, for parameter sweeps: the same timing and
 * cost rules as the event-driven {@link runBacktest} (decide at the close of t, trade at the open of t + 1
 * paying half-spread and taker fee, mark at the close, funding on perps and borrow on spot shorts), but with
 * no strategy callbacks, order objects, impact, participation caps or limit checks. With those off, and
 * weights that leave cash for costs, both modes agree (asserted by a test).
 *
 * @param weights per asset, length T; `NaN` = no trade for that asset at that bar.
 */
export function runVectorized(
  panel: MarketPanel,
  weights: Float64Array[],
  opts: {
    initialCash?: number;
    execution?: ExecutionConfigInput;
    start?: number;
    end?: number;
    minTradeWeight?: number;
  } = {},
): VectorizedResult {
  const N = panel.symbols.length;
  const T = panel.ts.length;
  const start = opts.start ?? 0;
  const end = opts.end ?? T;
  if (weights.length !== N)
    throw new BacktestConfigError(`weights have ${weights.length} assets, panel has ${N}`, 'weights');
  // This kernel has no impact model: resolve the rest of the settings without it.
  const cfg = resolveExecutionConfig(
    { ...opts.execution, impact: 'none', perp: opts.execution?.perp ?? panel.perp },
    N,
  );
  const fee = cfg.takerFeeBps / 1e4;
  const hsFrac = cfg.halfSpreadBps / 1e4;
  const minTrade = opts.minTradeWeight ?? 0.001;
  const borrowPerBar = (cfg.borrowRateAnnual * panel.intervalMs) / (365 * 86_400_000);
  const pos = new Float64Array(N);
  const pending = new Float64Array(N);
  let hasPending = false;
  let cash = opts.initialCash ?? 100_000;
  let prevEq = cash;
  const n = end - start;
  const equity = new Float64Array(n);
  const returns = new Float64Array(n);
  let fees = 0;
  let slip = 0;
  let funding = 0;
  let borrow = 0;
  let turnover = 0;
  for (let t = start; t < end; t++) {
    if (hasPending) {
      let traded = 0;
      for (let pass = 0; pass < 2; pass++) {
        for (let a = 0; a < N; a++) {
          const q = pending[a];
          if (q === 0 || (pass === 0 ? q > 0 : q < 0)) continue;
          const o = panel.open[a][t];
          const mid = o > 0 ? o : panel.close[a][t];
          if (!(mid > 0)) continue;
          const hs = mid * hsFrac;
          const px = q > 0 ? mid + hs : mid - hs;
          const notional = Math.abs(q) * px;
          const f = notional * fee;
          cash -= q * px + f;
          pos[a] += q;
          fees += f;
          slip += q * (px - mid);
          traded += notional;
        }
      }
      turnover += prevEq > 0 ? traded / prevEq : 0;
      pending.fill(0);
      hasPending = false;
    }
    let eq = cash;
    for (let a = 0; a < N; a++) {
      const p = pos[a];
      if (p === 0) continue;
      const c = panel.close[a][t];
      eq += p * c;
      if (cfg.perp[a] === 1) {
        const fr = panel.funding?.[a]?.[t];
        if (fr !== undefined && Number.isFinite(fr) && fr !== 0) {
          const pay = p * c * fr;
          cash -= pay;
          eq -= pay;
          funding += pay;
        }
      } else if (p < 0 && borrowPerBar > 0) {
        const b = -p * c * borrowPerBar;
        cash -= b;
        eq -= b;
        borrow += b;
      }
    }
    const i = t - start;
    equity[i] = eq;
    returns[i] = eq / prevEq - 1;
    prevEq = eq;
    if (t === end - 1) break;
    for (let a = 0; a < N; a++) {
      const w = weights[a][t];
      if (Number.isNaN(w)) continue;
      const c = panel.close[a][t];
      if (!(c > 0)) continue;
      const delta = (w * eq) / c - pos[a];
      if (Math.abs(delta * c) < minTrade * eq) continue;
      pending[a] = delta;
      hasPending = true;
    }
  }
  return { equity, returns, fees, slippage: slip, funding, borrow, turnover };
}
