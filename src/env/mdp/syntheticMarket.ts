import { createFrame } from '../../data/frame.js';
import { EnvConfigError } from '../../errors/env.js';
import { Rng } from '../../math/rng.js';
import type { AssetData } from './replayData.js';

/** Options of `syntheticMarket`. */
export interface SyntheticMarketOptions {
  /** Seed of the whole market (default 0). */
  seed?: number;
  /** Number of assets (default 1). */
  nAssets?: number;
  /** Number of bars (default 2048). */
  nBars?: number;
  /** Number of factors per asset (default 8). */
  nFactors?: number;
  /** Bar interval in ms (default 1 hour). */
  intervalMs?: number;
  /** First bar's open time (UTC ms, default 2024-01-01). */
  startMs?: number;
}

const FACTOR_KINDS = ['mom', 'rvol', 'volz', 'range'] as const;
const WINDOWS = [2, 4, 8, 16, 32, 64, 128, 256];

/**
 * A seeded synthetic market for defaults, checks and benchmarks (not real data; use the store for that).
 *
 * Returns follow a one-factor model with GARCH(1,1) market volatility (Bollerslev 1986): r_a = beta_a m +
 * e_a, with fat-tailed Student-t(5)-like shocks, so volatility clusters as in real crypto bars. Volume
 * rises with |return|. Factors are computed point-in-time from past bars only: momentum (log return over
 * w bars), realized volatility, log volume over its w-bar mean, mean high-low range; names like `mom_16`.
 *
 * @throws {EnvConfigError} on non-positive sizes
 */
export function syntheticMarket(opts: SyntheticMarketOptions = {}): AssetData[] {
  const nAssets = opts.nAssets ?? 1;
  const T = opts.nBars ?? 2048;
  const F = opts.nFactors ?? 8;
  const interval = opts.intervalMs ?? 3_600_000;
  const start = opts.startMs ?? Date.UTC(2024, 0, 1);
  for (const [k, v] of Object.entries({ nAssets, nBars: T, nFactors: F })) {
    if (!Number.isInteger(v) || v < 1)
      throw new EnvConfigError('syntheticMarket', k, `must be a positive integer, got ${v}`);
  }
  const rng = new Rng(opts.seed ?? 0);
  const mRng = rng.fork('market');
  const ts = new Float64Array(T);
  for (let t = 0; t < T; t++) ts[t] = start + t * interval;
  // GARCH(1,1) market factor, hourly scale (~0.6% per bar).
  const m = new Float64Array(T);
  let h = 3.6e-5;
  for (let t = 1; t < T; t++) {
    const z = tShock(mRng);
    m[t] = Math.sqrt(h) * z;
    h = 2e-6 + 0.08 * m[t] * m[t] + 0.86 * h;
  }
  const out: AssetData[] = [];
  for (let a = 0; a < nAssets; a++) {
    const r = rng.fork(`asset-${a}`);
    const beta = 0.6 + 0.8 * r.uniform();
    const idio = 0.002 + 0.004 * r.uniform();
    const open = new Float64Array(T);
    const high = new Float64Array(T);
    const low = new Float64Array(T);
    const close = new Float64Array(T);
    const volume = new Float64Array(T);
    let px = 10 + 1000 * r.uniform();
    const baseVol = 1e6 / px;
    for (let t = 0; t < T; t++) {
      const ret = t === 0 ? 0 : beta * m[t] + idio * tShock(r);
      open[t] = px;
      px *= Math.exp(ret);
      close[t] = px;
      const wick = Math.abs(r.normal()) * 0.3 * (idio + Math.abs(ret));
      high[t] = Math.max(open[t], close[t]) * (1 + wick);
      low[t] = Math.min(open[t], close[t]) * (1 - wick);
      volume[t] = baseVol * Math.exp(0.4 * r.normal() + (60 * Math.abs(ret)) / (1 + 20 * Math.abs(ret)));
    }
    const bars = createFrame(ts, { open, high, low, close, volume });
    out.push({
      symbol: `SYN${a}`,
      bars,
      factors: createFrame(ts, computeFactors(open, high, low, close, volume, F)),
    });
  }
  return out;
}

function tShock(rng: Rng): number {
  // Student-t with 5 degrees of freedom, scaled to unit variance: z / sqrt(chi2_5 / 5) * sqrt(3/5).
  let chi = 0;
  for (let k = 0; k < 5; k++) {
    const n = rng.normal();
    chi += n * n;
  }
  return (rng.normal() / Math.sqrt(chi / 5)) * Math.sqrt(3 / 5);
}

/**
 * Point-in-time factor columns from OHLCV bars (each row uses bars <= t only): the first `F` of momentum,
 * realized volatility, log volume over its mean and mean high-low range over windows 2, 4, ..., 256 bars.
 */
export function computeFactors(
  _open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  F: number,
): Record<string, Float64Array> {
  const T = close.length;
  const ret = new Float64Array(T);
  for (let t = 1; t < T; t++) ret[t] = Math.log(close[t] / close[t - 1]);
  const cum = (f: (t: number) => number): Float64Array => {
    const c = new Float64Array(T + 1);
    for (let t = 0; t < T; t++) c[t + 1] = c[t] + f(t);
    return c;
  };
  const sumR = cum((t) => ret[t]);
  const sumR2 = cum((t) => ret[t] * ret[t]);
  const sumV = cum((t) => volume[t]);
  const sumRange = cum((t) => (high[t] - low[t]) / close[t]);
  const cols: Record<string, Float64Array> = {};
  for (let j = 0; j < F; j++) {
    const kind = FACTOR_KINDS[j % FACTOR_KINDS.length];
    const wi = Math.floor(j / FACTOR_KINDS.length);
    const w = WINDOWS[wi % WINDOWS.length] + Math.floor(wi / WINDOWS.length);
    const col = new Float64Array(T).fill(Number.NaN);
    for (let t = w; t < T; t++) {
      // Window of the w bars ending at t (returns of bars t-w+1..t), all known at t's close.
      const a = t - w + 1;
      if (kind === 'mom') col[t] = Math.log(close[t] / close[t - w]);
      else if (kind === 'rvol') {
        const mean = (sumR[t + 1] - sumR[a]) / w;
        col[t] = Math.sqrt(Math.max(0, (sumR2[t + 1] - sumR2[a]) / w - mean * mean));
      } else if (kind === 'volz') {
        // A bar without trades has no defined log volume: NaN (a factor gap), never -Infinity.
        col[t] = volume[t] > 0 ? Math.log(volume[t] / ((sumV[t + 1] - sumV[a]) / w)) : Number.NaN;
      } else col[t] = (sumRange[t + 1] - sumRange[a]) / w;
    }
    cols[`${kind}_${w}`] = col;
  }
  return cols;
}

const cache = new Map<string, AssetData[]>();

/**
 * `syntheticMarket` memoized by options (the same options return the same arrays), so many env copies
 * share one market in memory. Treat the result as read-only.
 */
export function sharedSyntheticMarket(opts: SyntheticMarketOptions = {}): AssetData[] {
  const key = JSON.stringify([
    opts.seed ?? 0,
    opts.nAssets ?? 1,
    opts.nBars ?? 2048,
    opts.nFactors ?? 8,
    opts.intervalMs,
    opts.startMs,
  ]);
  let m = cache.get(key);
  if (!m) {
    m = syntheticMarket(opts);
    cache.set(key, m);
  }
  return m;
}
