import { drawdownStats } from '../backtest/metrics.js';
import type { MarketPanel } from '../backtest/panel.js';
import { ModelInputError } from '../errors/risk.js';
import { type RegimeStats, fitRegimes } from './regimes.js';
import { type RollingVarMethod, rollingVarForecasts } from './rollingVar.js';
import {
  applyShocks,
  type CrisisWindow,
  CRYPTO_CRISES,
  DEFAULT_SHOCKS,
  findWorstWindows,
  replayCrises,
  type ShockPortfolio,
  type ShockResult,
  type StressResult,
} from './stress.js';
import { garchState, returnMoments, type ReturnMoments } from './valueAtRisk.js';
import { type VarBacktest, backtestVar } from './varBacktest.js';
import { type VarMethod, type VarRow, varTable } from './varTable.js';

/**
 * Returns of a constant-mix portfolio rebalanced every bar (no costs): r_t = sum_i w_i r_i,t over the
 * assets with a return at t, weights renormalized over them. Without `weights`, equal weights.
 * @returns per-bar simple returns aligned with `panel.ts` (bar 0 is `NaN`).
 */
export function portfolioReturns(panel: MarketPanel, weights?: ArrayLike<number>): Float64Array {
  const N = panel.symbols.length;
  if (weights && weights.length !== N)
    throw new ModelInputError('portfolioReturns', `${weights.length} weights for ${N} symbols`);
  const T = panel.ts.length;
  const out = new Float64Array(T).fill(Number.NaN);
  for (let t = 1; t < T; t++) {
    let s = 0;
    let wsum = 0;
    for (let a = 0; a < N; a++) {
      const c0 = panel.close[a][t - 1];
      const c1 = panel.close[a][t];
      if (!(c0 > 0 && c1 > 0)) continue;
      const w = weights ? weights[a] : 1;
      s += w * (c1 / c0 - 1);
      wsum += Math.abs(w);
    }
    if (wsum > 0) out[t] = s / wsum;
  }
  return out;
}

/** Options of {@link riskReport}. */
export interface RiskReportOptions {
  /** Bar length in ms (default 1 day). */
  barMs?: number;
  /** VaR table levels (default 0.95, 0.99, 0.999). */
  levels?: number[];
  /** Methods for the table (default all six). */
  methods?: readonly VarMethod[];
  /** Levels and methods for rolling VaR backtests (default 0.95, 0.99 x all five rolling methods). */
  backtestLevels?: number[];
  backtestMethods?: readonly RollingVarMethod[];
  /** Rolling window for backtests (default min(500, n / 3)). */
  backtestWindow?: number;
  /** Crisis windows to replay (default the crypto crises of 2020-2022). */
  crises?: readonly CrisisWindow[];
  /** Seed for simulations (default 42). */
  seed?: number;
  /** Monte Carlo draws per cell (default 20,000). */
  draws?: number;
  /** Current portfolio for hypothetical shocks (price, volatility, correlation, liquidity). */
  shockPortfolio?: ShockPortfolio;
}

/** The full risk report (JSON-serializable; dates are ISO strings). */
export interface RiskReport {
  summary: ReturnMoments & { from: string; to: string; annualVol: number };
  var: VarRow[];
  maxDrawdown: {
    value: number;
    peakDate: string;
    troughDate: string;
    recoveryDate: string | null;
    durationBars: number;
  };
  garch: {
    mu: number;
    omega: number;
    alpha: number;
    beta: number;
    logLikelihood: number;
    persistence: number;
    annualVol: number;
    nextDayVol: number;
    units: string;
  };
  backtests: Array<{ method: RollingVarMethod; level: number; window: number } & VarBacktest>;
  regimes: { logLikelihood: number; states: RegimeStats[]; current: number[] } | null;
  stress: { historical: StressResult[]; worstWindows: StressResult[]; hypothetical: ShockResult[] };
  charts: { ts: number[]; equity: number[]; drawdown: number[]; returns: number[]; var99: number[] };
}

const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);

/**
 * Builds the risk report of a return series: VaR/ES table, max drawdown with dates, GARCH(1,1),
 * rolling-VaR backtests (Kupiec, Christoffersen), HMM regimes, stress replays and chart series.
 *
 * @param ts bar open times (UTC ms) aligned with `returns`; leading `NaN` returns are dropped.
 * @throws {ModelInputError} with fewer than 250 returns.
 */
export function riskReport(
  ts: ArrayLike<number>,
  returns: ArrayLike<number>,
  opts: RiskReportOptions = {},
): RiskReport {
  let first = 0;
  while (first < returns.length && !Number.isFinite(returns[first])) first++;
  const r = Float64Array.from(Array.prototype.slice.call(returns, first) as number[]);
  const t = Float64Array.from(Array.prototype.slice.call(ts, first) as number[]);
  for (let i = 0; i < r.length; i++) if (!Number.isFinite(r[i])) r[i] = 0;
  if (r.length < 250) throw new ModelInputError('riskReport', `needs at least 250 returns, got ${r.length}`);
  const barMs = opts.barMs ?? 86_400_000;
  const P = (365 * 86_400_000) / barMs;
  const mom = returnMoments(r);
  const dd = drawdownStats(r);
  const gs = garchState(r);
  const window = opts.backtestWindow ?? Math.min(500, Math.floor(r.length / 3));
  const backtests: RiskReport['backtests'] = [];
  let var99: Float64Array | undefined;
  for (const level of opts.backtestLevels ?? [0.95, 0.99]) {
    for (const method of opts.backtestMethods ??
      (['historical', 'gaussian', 'student-t', 'cornish-fisher', 'fhs'] as const)) {
      const f = rollingVarForecasts(r, 1 - level, method, { window });
      if (level === 0.99 && method === 'historical') var99 = f;
      backtests.push({ method, level, window, ...backtestVar(r, f, 1 - level) });
    }
  }
  let regimes: RiskReport['regimes'] = null;
  if (r.length >= 200) {
    const rm = fitRegimes(r, 2);
    const K = rm.model.nStates;
    const last = rm.filtered.length / K - 1;
    regimes = {
      logLikelihood: rm.logLikelihood,
      states: rm.stats,
      current: Array.from(rm.filtered.subarray(last * K, last * K + K)),
    };
  }
  const worst = findWorstWindows(t, r, Math.max(1, Math.round((7 * 86_400_000) / barMs)), 3);
  const eq: number[] = [];
  const ddSeries: number[] = [];
  let g = 1;
  let peak = 1;
  for (let i = 0; i < r.length; i++) {
    g *= 1 + r[i];
    peak = Math.max(peak, g);
    eq.push(g);
    ddSeries.push(g / peak - 1);
  }
  const p = gs.fit.params;
  return {
    summary: { ...mom, from: iso(t[0]), to: iso(t[t.length - 1]), annualVol: mom.std * Math.sqrt(P) },
    var: varTable(r, {
      barMs,
      levels: opts.levels,
      methods: opts.methods,
      seed: opts.seed,
      draws: opts.draws,
    }),
    maxDrawdown: {
      value: dd.maxDrawdown,
      // Peak index -1 is the starting value: the day before the first return.
      peakDate: dd.peakIndex >= 0 ? iso(t[dd.peakIndex]) : iso(t[0] - barMs),
      troughDate: dd.troughIndex >= 0 ? iso(t[dd.troughIndex]) : '',
      recoveryDate: dd.recoveryIndex >= 0 ? iso(t[dd.recoveryIndex]) : null,
      durationBars: dd.maxDurationBars,
    },
    garch: {
      mu: p.mu,
      omega: p.omega,
      alpha: p.alpha,
      beta: p.beta,
      logLikelihood: gs.fit.logLikelihood,
      persistence: gs.fit.persistence,
      annualVol: (Math.sqrt(gs.fit.unconditionalVariance) / 100) * Math.sqrt(P),
      nextDayVol: Math.sqrt(gs.nextSigma2) / 100,
      units: 'mu and sqrt(omega) in percent per bar',
    },
    backtests,
    regimes,
    stress: {
      historical: replayCrises(t, r, opts.crises ?? CRYPTO_CRISES),
      worstWindows: replayCrises(t, r, worst),
      hypothetical: opts.shockPortfolio ? applyShocks(opts.shockPortfolio, DEFAULT_SHOCKS) : [],
    },
    charts: {
      ts: Array.from(t),
      equity: eq,
      drawdown: ddSeries,
      returns: Array.from(r),
      var99: Array.from(var99 ?? []),
    },
  };
}
