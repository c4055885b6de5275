import { ModelInputError } from '../errors/risk.js';

/** Impact parameters for one asset estimated from bars. */
export interface ImpactCalibration {
  /** Daily volatility of log returns (decimal), scaled from the bar interval by sqrt(bars per day). */
  dailyVol: number;
  /** Average daily volume in base units. */
  advBase: number;
  /**
   * Kyle's lambda: OLS slope of the bar's price change (quote) on its signed volume (base units), the sign
   * taken by the tick rule sign(close - open). Price units per base unit; clamped at 0. `NaN` if unusable.
   */
  kyleLambda: number;
  /** Amihud (2002) illiquidity: mean |return| / quote volume, per quote unit. */
  amihud: number;
  /** Bars used. */
  n: number;
}

/**
 * Calibrates the square-root and Kyle's-lambda impact models from OHLCV bars of one asset.
 *
 * References: Kyle (1985); Hasbrouck (2009) "Trading costs and returns for U.S. equities" (signed-volume
 * regressions); Amihud (2002) "Illiquidity and stock returns"; Lee and Ready (1991) for trade signing by
 * the tick rule (here at bar level: close versus open).
 *
 * @param barsPerDay bars in one day (1 for daily bars, 24 for hourly).
 * @throws {ModelInputError} when fewer than 20 complete bars exist.
 */
export function calibrateImpact(
  open: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  barsPerDay = 1,
): ImpactCalibration {
  const n = close.length;
  let cnt = 0;
  let sr = 0;
  let sr2 = 0;
  let sv = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let am = 0;
  let amN = 0;
  for (let t = 1; t < n; t++) {
    const o = open[t];
    const c = close[t];
    const pc = close[t - 1];
    const v = volume[t];
    if (!(o > 0 && c > 0 && pc > 0 && v >= 0)) continue;
    const r = Math.log(c / pc);
    sr += r;
    sr2 += r * r;
    sv += v;
    const x = Math.sign(c - o) * v;
    const y = c - o;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    if (v > 0) {
      am += Math.abs(c / pc - 1) / (v * c);
      amN++;
    }
    cnt++;
  }
  if (cnt < 20) throw new ModelInputError('calibrateImpact', `needs at least 20 complete bars, got ${cnt}`);
  const mr = sr / cnt;
  const barVar = (sr2 - cnt * mr * mr) / (cnt - 1);
  const den = sxx - (sx * sx) / cnt;
  const slope = den > 0 ? (sxy - (sx * sy) / cnt) / den : Number.NaN;
  return {
    dailyVol: Math.sqrt(barVar * barsPerDay),
    advBase: (sv / cnt) * barsPerDay,
    kyleLambda: Number.isNaN(slope) ? Number.NaN : Math.max(0, slope),
    amihud: amN > 0 ? am / amN : Number.NaN,
    n: cnt,
  };
}
