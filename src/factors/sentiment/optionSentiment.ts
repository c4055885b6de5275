/**
 * Option-chain sentiment from one snapshot: put/call open-interest and volume ratios, and the 25-delta risk
 * reversal skew of the expiry closest to a target tenor. These are the `options` fields read by the put_call
 * factor (`put_call_oi`, `put_call_volume`, `skew_25d`).
 */
import { parseDeribitOptionName } from '../../data/identifiers.js';
import { normalCdf } from '../../math/stats.js';

/** One listed option in a snapshot. */
export interface OptionQuote {
  /** 'C' or 'P'. */
  type: 'C' | 'P';
  strike: number;
  /** Expiry, UTC ms. */
  expiryMs: number;
  /** Mark implied volatility, decimal (0.74 = 74%). */
  iv: number;
  openInterest: number;
  volume: number;
  /** Forward / underlying price of the expiry. */
  forward: number;
}

/** Output of {@link optionChainSentiment}. */
export interface OptionChainSentiment {
  /** Sum of put OI / sum of call OI (contracts). */
  putCallOi: number;
  /** Sum of put volume / sum of call volume; NaN without call volume. */
  putCallVolume: number;
  /** IV(25-delta put) - IV(25-delta call), decimal vol, of the expiry closest to the target tenor. */
  skew25d: number;
  /** Tenor of that expiry, days. */
  skewTenorDays: number;
}

const YEAR_MS = 365 * 86_400_000;

/** Black (1976) forward delta of a call (r = 0): N(d1), d1 = (ln(F/K) + sigma^2 T / 2) / (sigma sqrt T). */
export function blackCallDelta(forward: number, strike: number, iv: number, tYears: number): number {
  const s = iv * Math.sqrt(tYears);
  return normalCdf((Math.log(forward / strike) + 0.5 * s * s) / s);
}

/** Linear interpolation of IV at a target delta across quotes sorted by delta; NaN if not bracketed. */
function ivAtDelta(points: Array<{ delta: number; iv: number }>, target: number): number {
  points.sort((a, b) => a.delta - b.delta);
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a.delta <= target && target <= b.delta) {
      const w = b.delta === a.delta ? 0 : (target - a.delta) / (b.delta - a.delta);
      return a.iv + w * (b.iv - a.iv);
    }
  }
  return Number.NaN;
}

/**
 * Put/call ratios over the whole chain and the 25-delta skew of the expiry nearest `targetDays` (default 30)
 * among expiries at least 2 days out. Deltas use Black's formula with each quote's own mark IV (r = 0);
 * the 25-delta IVs are interpolated linearly in delta (puts at -0.25, calls at +0.25).
 *
 * Reference: Black (1976), "The pricing of commodity contracts", JFE 3; Bakshi, Kapadia & Madan (2003),
 * "Stock return characteristics, skew laws...", RFS 16 (risk-reversal skew); Pan & Poteshman (2006), RFS.
 */
export function optionChainSentiment(
  quotes: readonly OptionQuote[],
  nowMs: number,
  targetDays = 30,
): OptionChainSentiment {
  let putOi = 0;
  let callOi = 0;
  let putVol = 0;
  let callVol = 0;
  const expiries = new Set<number>();
  for (const q of quotes) {
    if (q.type === 'P') {
      putOi += q.openInterest || 0;
      putVol += q.volume || 0;
    } else {
      callOi += q.openInterest || 0;
      callVol += q.volume || 0;
    }
    if (q.expiryMs - nowMs >= 2 * 86_400_000) expiries.add(q.expiryMs);
  }
  let best = Number.NaN;
  for (const e of expiries) {
    if (
      Number.isNaN(best) ||
      Math.abs(e - nowMs - targetDays * 86_400_000) < Math.abs(best - nowMs - targetDays * 86_400_000)
    ) {
      best = e;
    }
  }
  let skew = Number.NaN;
  if (!Number.isNaN(best)) {
    const t = (best - nowMs) / YEAR_MS;
    const calls: Array<{ delta: number; iv: number }> = [];
    const puts: Array<{ delta: number; iv: number }> = [];
    for (const q of quotes) {
      if (q.expiryMs !== best || !(q.iv > 0) || !(q.forward > 0) || !(q.strike > 0)) continue;
      const dc = blackCallDelta(q.forward, q.strike, q.iv, t);
      if (q.type === 'C') calls.push({ delta: dc, iv: q.iv });
      else puts.push({ delta: dc - 1, iv: q.iv });
    }
    skew = ivAtDelta(puts, -0.25) - ivAtDelta(calls, 0.25);
  }
  return {
    putCallOi: callOi > 0 ? putOi / callOi : Number.NaN,
    putCallVolume: callVol > 0 ? putVol / callVol : Number.NaN,
    skew25d: skew,
    skewTenorDays: Number.isNaN(best) ? Number.NaN : (best - nowMs) / 86_400_000,
  };
}

/**
 * Parses a Deribit option instrument name (`ETH-12JUN26-1800-P`) into type, strike and expiry (08:00 UTC on
 * the expiry date, Deribit's settlement time); undefined for other instruments.
 */
export function parseDeribitOption(
  name: string,
): { type: 'C' | 'P'; strike: number; expiryMs: number } | undefined {
  const o = parseDeribitOptionName(name);
  return o && { type: o.type, strike: o.strike, expiryMs: o.expiry };
}
