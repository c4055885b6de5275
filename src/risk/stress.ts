import { ModelInputError } from '../errors/risk.js';
import { normalPpf } from '../math/stats.js';

/**
 * Stress tests: replay of historical crisis windows on a portfolio's returns, detection of the worst
 * windows in the data, and hypothetical shocks (price, volatility, correlation, liquidity).
 *
 * References: Basel Committee (2009), "Principles for sound stress testing practices and supervision";
 * Kupiec (1998), "Stress testing in a value at risk framework"; liquidation cost with the square-root law
 * (Almgren et al. 2005), as in the execution model.
 */

/** A named historical window (UTC dates, inclusive). */
export interface CrisisWindow {
  name: string;
  from: string;
  to: string;
}

/** Crypto crises present in the shared daily data (2017-2026). */
export const CRYPTO_CRISES: readonly CrisisWindow[] = [
  { name: 'COVID crash (Mar 2020)', from: '2020-03-08', to: '2020-03-16' },
  { name: 'China mining ban / leverage flush (May 2021)', from: '2021-05-10', to: '2021-05-23' },
  { name: 'Celsius / 3AC (Jun 2022)', from: '2022-06-06', to: '2022-06-18' },
  { name: 'FTX collapse (Nov 2022)', from: '2022-11-06', to: '2022-11-10' },
];

/** Outcome of replaying one window. */
export interface StressResult {
  name: string;
  from: string;
  to: string;
  /** Bars of data inside the window. */
  bars: number;
  /** Compounded portfolio return over the window (decimal). */
  totalReturn: number;
  /** Worst single-bar return and its date. */
  worstBar: number;
  worstDate: string;
  /** Max drawdown inside the window (negative fraction). */
  maxDrawdown: number;
}

const day = (ts: number): string => new Date(ts).toISOString().slice(0, 10);

/**
 * Replays windows on a return series stamped by bar open times (UTC ms). Windows without data are
 * reported with `bars: 0` and `NaN` figures (unavailable, not zero).
 */
export function replayCrises(
  ts: ArrayLike<number>,
  returns: ArrayLike<number>,
  windows: readonly CrisisWindow[] = CRYPTO_CRISES,
): StressResult[] {
  return windows.map((w) => {
    const a = Date.parse(`${w.from}T00:00:00Z`);
    const b = Date.parse(`${w.to}T00:00:00Z`);
    let g = 1;
    let peak = 1;
    let mdd = 0;
    let worst = Number.POSITIVE_INFINITY;
    let worstTs = Number.NaN;
    let bars = 0;
    for (let i = 0; i < ts.length; i++) {
      if (ts[i] < a || ts[i] > b) continue;
      const r = returns[i];
      if (!Number.isFinite(r)) continue;
      bars++;
      g *= 1 + r;
      peak = Math.max(peak, g);
      mdd = Math.min(mdd, g / peak - 1);
      if (r < worst) {
        worst = r;
        worstTs = ts[i];
      }
    }
    return {
      name: w.name,
      from: w.from,
      to: w.to,
      bars,
      totalReturn: bars ? g - 1 : Number.NaN,
      worstBar: bars ? worst : Number.NaN,
      worstDate: bars ? day(worstTs) : '',
      maxDrawdown: bars ? mdd : Number.NaN,
    };
  });
}

/**
 * Finds the `k` worst non-overlapping `length`-bar windows of a return series (by compounded return):
 * the crises the data itself contains.
 */
export function findWorstWindows(
  ts: ArrayLike<number>,
  returns: ArrayLike<number>,
  length: number,
  k = 5,
): CrisisWindow[] {
  if (!(length >= 1)) throw new ModelInputError('findWorstWindows', `length must be >= 1, got ${length}`);
  const cands: { i: number; g: number }[] = [];
  for (let i = 0; i + length <= returns.length; i++) {
    let g = 1;
    for (let j = i; j < i + length; j++) if (Number.isFinite(returns[j])) g *= 1 + returns[j];
    cands.push({ i, g });
  }
  cands.sort((x, y) => x.g - y.g);
  const taken: number[] = [];
  const out: CrisisWindow[] = [];
  for (const c of cands) {
    if (out.length >= k) break;
    if (taken.some((t) => Math.abs(t - c.i) < length)) continue;
    taken.push(c.i);
    out.push({
      name: `worst ${length}-bar window #${out.length + 1} (${((c.g - 1) * 100).toFixed(1)}%)`,
      from: day(ts[c.i]),
      to: day(ts[c.i + length - 1]),
    });
  }
  return out;
}

/** A portfolio for hypothetical shocks. */
export interface ShockPortfolio {
  symbols: string[];
  /** Position values in quote currency (signed). */
  values: Float64Array;
  /** Daily return volatility per asset (decimal). */
  dailyVol: Float64Array;
  /** Correlation matrix [N x N] row-major. */
  corr: Float64Array;
  /** Average daily volume in quote currency per asset (for liquidity shocks). */
  advQuote: Float64Array;
  /** Half-spread per asset in bps. */
  halfSpreadBps: Float64Array;
}

/** Hypothetical shock parameters; omitted parts are not applied. */
export interface HypotheticalShock {
  name: string;
  /** Price move per asset (decimal, e.g. -0.3), or one number for all. */
  price?: number | ArrayLike<number>;
  /** Volatility multiplier (e.g. 2). */
  volMultiplier?: number;
  /** Set every off-diagonal correlation to this value (e.g. 0.9: diversification fails). */
  correlation?: number;
  /** Liquidity: spread multiplier and ADV divisor (e.g. 5 and 5). */
  spreadMultiplier?: number;
  advDivisor?: number;
}

/** Effect of a hypothetical shock. */
export interface ShockResult {
  name: string;
  /** Instant P&L of the price move (quote). */
  pricePnl: number;
  /** 1-day 99% Gaussian VaR of the portfolio before and after the vol/correlation shock (positive loss, quote). */
  var99Before: number;
  var99After: number;
  /** Cost of liquidating the whole portfolio now (spread + square-root impact, quote), before and after. */
  liquidationCostBefore: number;
  liquidationCostAfter: number;
  /** Total stressed loss: -pricePnl + var99After + liquidationCostAfter (quote). */
  stressedLoss: number;
}

function portfolioVol(p: ShockPortfolio, volMul: number, corrOverride?: number): number {
  const n = p.symbols.length;
  let v = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const c = i === j ? 1 : (corrOverride ?? p.corr[i * n + j]);
      v += p.values[i] * p.values[j] * p.dailyVol[i] * p.dailyVol[j] * volMul * volMul * c;
    }
  }
  return Math.sqrt(Math.max(0, v));
}

function liquidationCost(p: ShockPortfolio, spreadMul: number, advDiv: number, volMul: number): number {
  let c = 0;
  for (let i = 0; i < p.symbols.length; i++) {
    const v = Math.abs(p.values[i]);
    if (v === 0) continue;
    const adv = p.advQuote[i] / advDiv;
    const impact = adv > 0 ? p.dailyVol[i] * volMul * Math.sqrt(v / adv) : 0;
    c += v * ((p.halfSpreadBps[i] * spreadMul) / 1e4 + impact);
  }
  return c;
}

/** Applies hypothetical shocks to a portfolio. */
export function applyShocks(p: ShockPortfolio, shocks: readonly HypotheticalShock[]): ShockResult[] {
  const z = -normalPpf(0.01);
  const base = z * portfolioVol(p, 1);
  const liqBase = liquidationCost(p, 1, 1, 1);
  return shocks.map((s) => {
    let pnl = 0;
    if (s.price !== undefined) {
      for (let i = 0; i < p.symbols.length; i++) {
        const m = typeof s.price === 'number' ? s.price : s.price[i];
        pnl += p.values[i] * m;
      }
    }
    const volMul = s.volMultiplier ?? 1;
    const after = z * portfolioVol(p, volMul, s.correlation);
    const liq = liquidationCost(p, s.spreadMultiplier ?? 1, s.advDivisor ?? 1, volMul);
    return {
      name: s.name,
      pricePnl: pnl,
      var99Before: base,
      var99After: after,
      liquidationCostBefore: liqBase,
      liquidationCostAfter: liq,
      stressedLoss: -pnl + after + liq,
    };
  });
}

/** Default hypothetical scenarios for a crypto book. */
export const DEFAULT_SHOCKS: readonly HypotheticalShock[] = [
  { name: 'crypto crash -30%', price: -0.3 },
  { name: 'volatility x2', volMultiplier: 2 },
  { name: 'correlations to 0.95', correlation: 0.95 },
  { name: 'liquidity crunch (spread x5, ADV / 5)', spreadMultiplier: 5, advDivisor: 5 },
  {
    name: 'combined: -30%, vol x2, corr 0.95, illiquid',
    price: -0.3,
    volMultiplier: 2,
    correlation: 0.95,
    spreadMultiplier: 5,
    advDivisor: 5,
  },
];

/**
 * Builds a {@link ShockPortfolio} from a panel and weights at its last bar: position values = weight x
 * `notional`, volatility and correlations from the last `lookback` bars of returns (scaled to daily with
 * sqrt(barsPerDay)), ADV in quote from the last 30 days of bars, and a `halfSpreadBps` half-spread.
 */
export function shockPortfolioFromPanel(
  panel: { symbols: string[]; close: Float64Array[]; volume: Float64Array[] },
  weights: ArrayLike<number>,
  notional: number,
  lookback = 90,
  halfSpreadBps = 1,
  barsPerDay = 1,
): ShockPortfolio {
  const n = panel.symbols.length;
  const T = panel.close[0]?.length ?? 0;
  if (T < lookback + 1)
    throw new ModelInputError('shockPortfolioFromPanel', `needs ${lookback + 1} bars, got ${T}`);
  const rets = panel.close.map((c) => {
    const r = new Float64Array(lookback);
    for (let k = 0; k < lookback; k++) {
      const t = T - lookback + k;
      const v = c[t] / c[t - 1] - 1;
      r[k] = Number.isFinite(v) ? v : 0;
    }
    return r;
  });
  const mean = rets.map((r) => r.reduce((a, b) => a + b, 0) / lookback);
  const sd = rets.map((r, i) => Math.sqrt(r.reduce((a, b) => a + (b - mean[i]) ** 2, 0) / (lookback - 1)));
  const corr = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let c = 0;
      for (let k = 0; k < lookback; k++) c += (rets[i][k] - mean[i]) * (rets[j][k] - mean[j]);
      const d = sd[i] * sd[j] * (lookback - 1);
      corr[i * n + j] = i === j ? 1 : d > 0 ? c / d : 0;
    }
  }
  const adv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    let m = 0;
    for (let t = Math.max(0, T - 30 * barsPerDay); t < T; t++) {
      const q = panel.volume[i][t] * panel.close[i][t];
      if (Number.isFinite(q)) {
        s += q;
        m++;
      }
    }
    adv[i] = m > 0 ? (s / m) * barsPerDay : Number.NaN;
  }
  let wsum = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(panel.close[i][T - 1])) wsum += Math.abs(weights[i]);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++)
    values[i] = Number.isFinite(panel.close[i][T - 1]) && wsum > 0 ? (weights[i] / wsum) * notional : 0;
  return {
    symbols: panel.symbols,
    values,
    dailyVol: Float64Array.from(sd, (v) => v * Math.sqrt(barsPerDay)),
    corr,
    advQuote: adv,
    halfSpreadBps: new Float64Array(n).fill(halfSpreadBps),
  };
}
