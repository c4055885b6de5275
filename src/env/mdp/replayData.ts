import { EnvDataError } from '../../errors/env.js';
import type { Frame } from '../../data/frame.js';

/** One asset's inputs for historical replay. */
export interface AssetData {
  /** Instrument name, used in messages (e.g. `BTCUSDT.BINANCE`). */
  symbol: string;
  /**
   * Bars: `ts` is the bar's open time (UTC ms); columns `close` (required), `open`, `high`, `low`,
   * `volume` (base units) and `fundingRate` (perp funding paid at that bar, decimal) optional.
   */
  bars: Frame;
  /** Point-in-time factor frame for this asset (rows known at their `ts` bar's close). */
  factors?: Frame | undefined;
}

/**
 * Bars of N assets on one time grid, time-major (`[t * nAssets + a]`), plus point-in-time execution inputs:
 * `dailyVol` and `advBase` at row t use only bars <= t (an order decided at t and filled at t+1 sees them).
 */
export interface ReplayData {
  readonly symbols: readonly string[];
  readonly nAssets: number;
  /** Number of bars. */
  readonly length: number;
  /** Bar open times (UTC ms). */
  readonly ts: Float64Array;
  /** Bar interval in ms (median spacing). */
  readonly intervalMs: number;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly fundingRate: Float64Array;
  /** Daily log-return volatility (decimal) from an EWMA of past squared returns (RiskMetrics, lambda 0.97). */
  readonly dailyVol: Float64Array;
  /** Average daily volume (base units) from an EWMA of past bar volumes. */
  readonly advBase: Float64Array;
  /** True when the `open` column exists (fills at the next bar's open; otherwise at its close). */
  readonly hasOpen: boolean;
}

const DAY_MS = 86_400_000;

/**
 * Aligns N assets' bars on one grid. All assets must share the same timestamps.
 *
 * EWMA volatility follows J.P. Morgan/Reuters (1996), "RiskMetrics Technical Document" (lambda 0.97 per bar).
 *
 * @throws {EnvDataError} when there are no assets, fewer than 3 bars, no `close` column, or misaligned timestamps
 */
export function buildReplayData(assets: readonly AssetData[], envId = 'env'): ReplayData {
  if (assets.length === 0) throw new EnvDataError(`${envId}: needs at least one asset`);
  const ts = assets[0].bars.ts;
  const T = ts.length;
  if (T < 3) throw new EnvDataError(`${envId}: ${assets[0].symbol} has ${T} bars; at least 3 are needed`);
  const A = assets.length;
  for (const a of assets) {
    if (!a.bars.columns.close) throw new EnvDataError(`${envId}: ${a.symbol} bars have no "close" column`);
    if (a.bars.ts.length !== T) {
      throw new EnvDataError(
        `${envId}: ${a.symbol} has ${a.bars.ts.length} bars, ${assets[0].symbol} has ${T}`,
      );
    }
    for (let t = 0; t < T; t++) {
      if (a.bars.ts[t] !== ts[t]) {
        throw new EnvDataError(
          `${envId}: ${a.symbol} bar ${t} is at ts ${a.bars.ts[t]}, ${assets[0].symbol} at ${ts[t]}`,
        );
      }
    }
  }
  const gaps: number[] = [];
  for (let t = 1; t < Math.min(T, 101); t++) gaps.push(ts[t] - ts[t - 1]);
  gaps.sort((x, y) => x - y);
  const intervalMs = gaps[gaps.length >> 1];
  const barsPerDay = DAY_MS / intervalMs;
  const mk = (): Float64Array => new Float64Array(T * A).fill(Number.NaN);
  const open = mk();
  const high = mk();
  const low = mk();
  const close = mk();
  const volume = mk();
  const fundingRate = mk();
  const dailyVol = mk();
  const advBase = mk();
  let hasOpen = true;
  for (let a = 0; a < A; a++) {
    const c = assets[a].bars.columns;
    if (!c.open) hasOpen = false;
    let varEw = Number.NaN;
    let volEw = Number.NaN;
    for (let t = 0; t < T; t++) {
      const i = t * A + a;
      close[i] = c.close[t];
      open[i] = c.open ? c.open[t] : Number.NaN;
      high[i] = c.high ? c.high[t] : Number.NaN;
      low[i] = c.low ? c.low[t] : Number.NaN;
      volume[i] = c.volume ? c.volume[t] : Number.NaN;
      fundingRate[i] = c.fundingRate ? c.fundingRate[t] : Number.NaN;
      if (t > 0) {
        const r = Math.log(c.close[t] / c.close[t - 1]);
        if (Number.isFinite(r)) varEw = !Number.isNaN(varEw) ? 0.97 * varEw + 0.03 * r * r : r * r;
      }
      const v = volume[i];
      if (v >= 0) volEw = !Number.isNaN(volEw) ? 0.97 * volEw + 0.03 * v : v;
      dailyVol[i] = !Number.isNaN(varEw) ? Math.sqrt(varEw * barsPerDay) : Number.NaN;
      advBase[i] = !Number.isNaN(volEw) ? volEw * barsPerDay : Number.NaN;
    }
  }
  return {
    symbols: assets.map((a) => a.symbol),
    nAssets: A,
    length: T,
    ts,
    intervalMs,
    open,
    high,
    low,
    close,
    volume,
    fundingRate,
    dailyVol,
    advBase,
    hasOpen,
  };
}
