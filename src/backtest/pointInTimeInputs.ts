import type { MarketPanel } from './panel.js';

/**
 * Inputs of the impact model estimated without look-ahead: for bar t, the daily volatility of log returns
 * and the average daily volume over bars t - lookback .. t - 1 (bar t itself is not known when its orders
 * are priced). `NaN` until `lookback` bars exist.
 *
 * @returns per asset, arrays of length T: `dailyVol` (decimal) and `advBase` (base units per day).
 */
export function pointInTimeImpactInputs(
  p: MarketPanel,
  lookback = 30,
): { dailyVol: Float64Array[]; advBase: Float64Array[] } {
  const T = p.ts.length;
  const barsPerDay = 86_400_000 / p.intervalMs;
  const dailyVol: Float64Array[] = [];
  const advBase: Float64Array[] = [];
  for (let a = 0; a < p.symbols.length; a++) {
    const c = p.close[a];
    const v = p.volume[a];
    const dv = new Float64Array(T).fill(Number.NaN);
    const ad = new Float64Array(T).fill(Number.NaN);
    // r[i] = log(c[i] / c[i-1]); window of returns i in [t - lookback, t - 1].
    let s = 0;
    let s2 = 0;
    let nr = 0;
    let sv = 0;
    let nv = 0;
    for (let t = 0; t < T; t++) {
      if (nr === lookback) dv[t] = Math.sqrt(Math.max(0, (s2 - (s * s) / nr) / (nr - 1)) * barsPerDay);
      if (nv === lookback) ad[t] = (sv / nv) * barsPerDay;
      // Add bar t to the windows (it becomes known at its close).
      const r = t > 0 ? Math.log(c[t] / c[t - 1]) : Number.NaN;
      if (Number.isFinite(r)) {
        s += r;
        s2 += r * r;
        nr++;
      } else {
        s = 0;
        s2 = 0;
        nr = 0;
      }
      if (nr > lookback) {
        const old = Math.log(c[t - lookback] / c[t - lookback - 1]);
        s -= old;
        s2 -= old * old;
        nr--;
      }
      if (v[t] >= 0) {
        sv += v[t];
        nv++;
      } else {
        sv = 0;
        nv = 0;
      }
      if (nv > lookback) {
        sv -= v[t - lookback];
        nv--;
      }
    }
    dailyVol.push(dv);
    advBase.push(ad);
  }
  return { dailyVol, advBase };
}
