import type { Rng } from '../../math/rng.js';

/** Names of the macro series the world produces, in output order. */
export const MACRO_SERIES = [
  'policy_rate',
  'dxy',
  'equity_index',
  'us10y',
  'us2y',
  'cpi_yoy',
  'gold',
  'oil',
] as const;
/** A macro series name. */
export type MacroSeriesName = (typeof MACRO_SERIES)[number];

/** Labels of the macro policy regime. */
export const MACRO_REGIMES = ['easing', 'neutral', 'tightening'] as const;

/** Parameters of the macro block. */
export interface MacroParams {
  /** Days between policy meetings (FOMC meets 8 times a year, about every 45 days). */
  meetingEveryDays: number;
  /** Days between CPI prints. */
  cpiEveryDays: number;
  /** Policy-rate step at a meeting (decimal; 0.0025 = 25 bp). */
  rateStep: number;
  /** Daily probability of switching macro regime. */
  regimeSwitchPerDay: number;
}

/** Default macro parameters. */
export const DEFAULT_MACRO_PARAMS: MacroParams = {
  meetingEveryDays: 45,
  cpiEveryDays: 30,
  rateStep: 0.0025,
  regimeSwitchPerDay: 1 / 180,
};

/** What happened on one macro day (used by the news stream and by crypto loadings). */
export interface MacroDay {
  /** Log return of the equity index over the day. */
  equityReturn: number;
  /** Log return of the dollar index over the day. */
  dxyReturn: number;
  /** Policy-rate change decided today (decimal; 0 when no meeting or hold). */
  rateChange: number;
  /** Rate change minus what the market expected (decimal); NaN when no meeting today. */
  rateSurprise: number;
  /** CPI YoY minus consensus (decimal); NaN when no print today. */
  cpiSurprise: number;
}

/**
 * Daily macro processes with a policy regime: a policy rate that moves only at scheduled meetings (Taylor-rule
 * flavoured: it leans against CPI above 2%), 2y and 10y yields as mean-reverting spreads over it, CPI YoY as
 * an AR(1) printed monthly, and DXY, equity, gold and oil as log processes with regime-dependent drift and
 * volatility (GBM with Ornstein-Uhlenbeck components; Vasicek, 1977, for the yields).
 */
export class MacroProcess {
  /** Current values in {@link MACRO_SERIES} order. */
  readonly values = new Float64Array(MACRO_SERIES.length);
  /** Current macro regime id (index into {@link MACRO_REGIMES}). */
  regime = 1;
  /** Days elapsed. */
  day = 0;
  private cpiLatent = 0.03;
  private readonly out: MacroDay = {
    equityReturn: 0,
    dxyReturn: 0,
    rateChange: 0,
    rateSurprise: Number.NaN,
    cpiSurprise: Number.NaN,
  };

  constructor(
    private readonly rng: Rng,
    readonly params: MacroParams = DEFAULT_MACRO_PARAMS,
  ) {
    this.values.set([0.0425, 104, 4500, 0.042, 0.044, 0.03, 2000, 78]);
  }

  /** Advances one day; returns what happened (the returned object is reused between calls). */
  step(): MacroDay {
    const r = this.rng;
    const v = this.values;
    const p = this.params;
    this.day++;
    if (r.uniform() < p.regimeSwitchPerDay) this.regime = r.int(3);
    const tight = this.regime - 1; // -1 easing, 0 neutral, +1 tightening
    // Inflation: AR(1) toward a regime-dependent level.
    const cpiTarget = 0.025 + 0.01 * tight;
    this.cpiLatent += 0.02 * (cpiTarget - this.cpiLatent) + 0.0008 * r.normal();
    const out = this.out;
    out.cpiSurprise = Number.NaN;
    out.rateSurprise = Number.NaN;
    out.rateChange = 0;
    if (this.day % p.cpiEveryDays === 0) {
      const consensus = v[5] + 0.3 * (this.cpiLatent - v[5]);
      v[5] = this.cpiLatent;
      out.cpiSurprise = v[5] - consensus;
    }
    if (this.day % p.meetingEveryDays === 0) {
      const gap = v[5] - 0.02;
      const expected = gap > 0.01 ? p.rateStep : gap < -0.005 ? -p.rateStep : 0;
      const u = r.uniform();
      let change = expected;
      if (u < 0.15) change += p.rateStep * (tight >= 0 ? 1 : -1);
      else if (u < 0.25) change -= p.rateStep * (tight >= 0 ? 1 : -1);
      change = Math.max(-v[0], change);
      v[0] += change;
      out.rateChange = change;
      out.rateSurprise = change - expected;
    }
    // Yields: OU toward policy rate plus term premium.
    v[4] += 0.05 * (v[0] + 0.002 - v[4]) + 0.0004 * r.normal();
    v[3] += 0.02 * (v[0] + 0.004 + 0.3 * (v[5] - 0.02) - v[3]) + 0.0006 * r.normal();
    // Dollar, equities, commodities (daily log returns).
    const surpriseShock = Number.isNaN(out.rateSurprise) ? 0 : out.rateSurprise;
    const zEq = r.normal();
    out.dxyReturn = 0.0015 * tight * 0.1 + 0.004 * r.normal() + 2 * surpriseShock;
    out.equityReturn = 0.07 / 365 - 0.0002 * tight + 0.011 * zEq - 6 * surpriseShock;
    v[1] *= Math.exp(out.dxyReturn);
    v[2] *= Math.exp(out.equityReturn);
    v[6] *= Math.exp(0.0001 + 0.009 * r.normal() - 0.3 * out.dxyReturn);
    v[7] *= Math.exp(0.02 * r.normal() + 0.2 * 0.011 * zEq);
    return out;
  }

  /** Current value of a named series. */
  get(name: MacroSeriesName): number {
    return this.values[MACRO_SERIES.indexOf(name)];
  }
}
