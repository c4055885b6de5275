import { excessKurtosis, mean, normalCdf, normalPpf, percentile, skew, std } from '../math/stats.js';

/**
 * Performance metrics of a return series (simple returns per bar, decimal). `NaN` returns are skipped
 * where a sum is taken and count as 0 in compounding (like empyrical).
 *
 * References: Sharpe (1966); Sortino and Price (1994); Young (1991) for Calmar; empyrical's
 * `max_drawdown`, `tail_ratio`; Bailey and López de Prado (2012), "The Sharpe ratio efficient frontier"
 * (probabilistic Sharpe ratio) and (2014), "The deflated Sharpe ratio" (Journal of Portfolio Management).
 */

/** Largest peak-to-trough loss of the compounded series, as a negative fraction; the start value (1) counts. */
export function maxDrawdown(returns: ArrayLike<number>): number {
  return drawdownStats(returns).maxDrawdown;
}

/** Max drawdown with its location (indices into `returns`) and the longest time under water. */
export interface DrawdownStats {
  /** Negative fraction (0 when the series never falls below a prior peak). */
  maxDrawdown: number;
  /** Index of the peak before the worst trough (-1 = the start value). */
  peakIndex: number;
  /** Index of the worst trough. */
  troughIndex: number;
  /** Index where the max-drawdown peak was regained, -1 if never. */
  recoveryIndex: number;
  /** Longest run of bars below a prior peak. */
  maxDurationBars: number;
}

/** Drawdown statistics of compounded simple returns (starting value 1 counts as a peak). */
export function drawdownStats(returns: ArrayLike<number>): DrawdownStats {
  let v = 1;
  let peak = 1;
  let peakIdx = -1;
  let mdd = 0;
  let bestPeak = -1;
  let trough = -1;
  let dur = 0;
  let maxDur = 0;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i];
    if (Number.isFinite(r)) v *= 1 + r;
    if (v >= peak) {
      peak = v;
      peakIdx = i;
      dur = 0;
    } else {
      dur++;
      if (dur > maxDur) maxDur = dur;
      const dd = v / peak - 1;
      if (dd < mdd) {
        mdd = dd;
        bestPeak = peakIdx;
        trough = i;
      }
    }
  }
  let recovery = -1;
  if (trough >= 0) {
    let pv = 1;
    let w = 1;
    for (let i = 0; i < returns.length; i++) {
      const r = returns[i];
      if (Number.isFinite(r)) w *= 1 + r;
      if (i === bestPeak) pv = w;
      if (i > trough && w >= pv) {
        recovery = i;
        break;
      }
    }
  }
  return {
    maxDrawdown: mdd,
    peakIndex: bestPeak,
    troughIndex: trough,
    recoveryIndex: recovery,
    maxDurationBars: maxDur,
  };
}

/**
 * Max drawdown of a price (or equity) level series, with the peak and trough indices.
 * @returns maxDrawdown as a negative fraction.
 */
export function priceDrawdown(levels: ArrayLike<number>): {
  maxDrawdown: number;
  peakIndex: number;
  troughIndex: number;
} {
  let peak = Number.NEGATIVE_INFINITY;
  let peakIdx = -1;
  let mdd = 0;
  let bp = -1;
  let tr = -1;
  for (let i = 0; i < levels.length; i++) {
    const x = levels[i];
    if (!(x > 0)) continue;
    if (x > peak) {
      peak = x;
      peakIdx = i;
    } else {
      const dd = x / peak - 1;
      if (dd < mdd) {
        mdd = dd;
        bp = peakIdx;
        tr = i;
      }
    }
  }
  return { maxDrawdown: mdd, peakIndex: bp, troughIndex: tr };
}

/**
 * Probabilistic Sharpe ratio: P(true SR > `srBenchmark`) given the estimate's sample size, skew and
 * kurtosis. Sharpe ratios here are per bar (not annualized).
 */
export function probabilisticSharpe(
  sr: number,
  n: number,
  skewness: number,
  exKurt: number,
  srBenchmark = 0,
): number {
  const den = 1 - skewness * sr + ((exKurt + 2) / 4) * sr * sr;
  if (!(n > 1) || !(den > 0)) return Number.NaN;
  return normalCdf(((sr - srBenchmark) * Math.sqrt(n - 1)) / Math.sqrt(den));
}

/**
 * Expected maximum Sharpe ratio of `nTrials` unskilled strategies whose Sharpe estimates have variance
 * `srVariance` (the deflated Sharpe ratio's benchmark SR0, Bailey and López de Prado 2014, eq. 2).
 */
export function expectedMaxSharpe(nTrials: number, srVariance: number): number {
  if (nTrials <= 1) return 0;
  const g = 0.5772156649015329;
  return (
    Math.sqrt(srVariance) * ((1 - g) * normalPpf(1 - 1 / nTrials) + g * normalPpf(1 - 1 / (nTrials * Math.E)))
  );
}

/**
 * Deflated Sharpe ratio: the PSR against the expected maximum Sharpe of `nTrials` trials.
 * @param trialSharpes per-bar Sharpe ratios of all trials (their variance sets SR0); when omitted the
 *   sampling variance of this estimate is used.
 */
export function deflatedSharpe(
  sr: number,
  n: number,
  skewness: number,
  exKurt: number,
  nTrials: number,
  trialSharpes?: ArrayLike<number>,
): number {
  const v =
    trialSharpes && trialSharpes.length > 1
      ? std(trialSharpes) ** 2
      : (1 - skewness * sr + ((exKurt + 2) / 4) * sr * sr) / (n - 1);
  return probabilisticSharpe(sr, n, skewness, exKurt, expectedMaxSharpe(nTrials, v));
}

/** Options of {@link computeMetrics}. */
export interface MetricsOptions {
  /** Bars per year (365 for daily crypto). */
  periodsPerYear: number;
  /** Benchmark returns aligned with `returns` (for alpha and beta). */
  benchmark?: ArrayLike<number>;
  /** Per-bar turnover (traded notional / equity). */
  turnover?: ArrayLike<number>;
  /** Number of strategy configurations tried (for the deflated Sharpe ratio; default 1). */
  nTrials?: number;
  /** Per-bar Sharpe ratios of all trials (for the deflated Sharpe ratio). */
  trialSharpes?: ArrayLike<number>;
  /** Annual risk-free rate (decimal, default 0). */
  riskFree?: number;
}

/** Every metric the backtester reports. Ratios annualized with sqrt(periodsPerYear) unless noted. */
export interface Metrics {
  totalReturn: number;
  annualReturn: number;
  annualVolatility: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  maxDrawdown: number;
  maxDrawdownDurationBars: number;
  /** Mean annual turnover (sum of per-bar turnover x periodsPerYear / bars). */
  annualTurnover: number;
  /** Fraction of non-zero bars with a positive return. */
  hitRate: number;
  /** Sum of gains / |sum of losses|. */
  profitFactor: number;
  /** |95th percentile| / |5th percentile| of returns. */
  tailRatio: number;
  /** Annualized Jensen alpha and beta against the benchmark (NaN without one). */
  alpha: number;
  beta: number;
  /** P(true Sharpe > 0). */
  probabilisticSharpe: number;
  /** PSR against the expected max Sharpe of `nTrials` trials. */
  deflatedSharpe: number;
  /** Bars used. */
  n: number;
}

/**
 * Computes all metrics of a per-bar simple return series.
 * @example computeMetrics(result.returns, { periodsPerYear: 365 }).sharpe
 */
export function computeMetrics(returns: ArrayLike<number>, opts: MetricsOptions): Metrics {
  const P = opts.periodsPerYear;
  const rfBar = (opts.riskFree ?? 0) / P;
  const n = returns.length;
  let growth = 1;
  let gains = 0;
  let losses = 0;
  let pos = 0;
  let nonZero = 0;
  let down2 = 0;
  let cnt = 0;
  const ex = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = returns[i];
    ex[i] = Number.isFinite(r) ? r - rfBar : Number.NaN;
    if (!Number.isFinite(r)) continue;
    cnt++;
    growth *= 1 + r;
    if (r > 0) {
      gains += r;
      pos++;
    } else if (r < 0) losses -= r;
    if (r !== 0) nonZero++;
    const d = Math.min(0, r - rfBar);
    down2 += d * d;
  }
  const m = mean(ex);
  const sd = std(ex);
  const srBar = m / sd;
  const downside = Math.sqrt(down2 / cnt);
  const annualReturn = cnt > 0 ? growth ** (P / cnt) - 1 : Number.NaN;
  const dd = drawdownStats(returns);
  let alpha = Number.NaN;
  let beta = Number.NaN;
  if (opts.benchmark) {
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const x = opts.benchmark[i] - rfBar;
      const y = ex[i];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
      k++;
    }
    const vx = sxx - (sx * sx) / k;
    beta = vx > 0 ? (sxy - (sx * sy) / k) / vx : Number.NaN;
    alpha = ((sy - beta * sx) / k) * P;
  }
  let turn = Number.NaN;
  if (opts.turnover) {
    let s = 0;
    for (let i = 0; i < opts.turnover.length; i++) s += opts.turnover[i];
    turn = (s * P) / Math.max(1, opts.turnover.length);
  }
  const sk = skew(ex);
  const ku = excessKurtosis(ex);
  const p95 = percentile(returns, 95);
  const p5 = percentile(returns, 5);
  return {
    totalReturn: growth - 1,
    annualReturn,
    annualVolatility: sd * Math.sqrt(P),
    sharpe: srBar * Math.sqrt(P),
    sortino: downside > 0 ? (m / downside) * Math.sqrt(P) : Number.NaN,
    calmar: dd.maxDrawdown < 0 ? annualReturn / -dd.maxDrawdown : Number.NaN,
    maxDrawdown: dd.maxDrawdown,
    maxDrawdownDurationBars: dd.maxDurationBars,
    annualTurnover: turn,
    hitRate: nonZero > 0 ? pos / nonZero : Number.NaN,
    profitFactor: losses > 0 ? gains / losses : Number.NaN,
    tailRatio: p5 !== 0 ? Math.abs(p95) / Math.abs(p5) : Number.NaN,
    alpha,
    beta,
    probabilisticSharpe: probabilisticSharpe(srBar, cnt, sk, ku),
    deflatedSharpe: deflatedSharpe(srBar, cnt, sk, ku, opts.nTrials ?? 1, opts.trialSharpes),
    n: cnt,
  };
}
