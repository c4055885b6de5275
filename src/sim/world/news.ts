import type { Rng } from '../../math/rng.js';
import { NEWS_CATEGORIES, NEWS_SLOTS, NEWS_TEMPLATES, type NewsCategory } from './newsTemplates.js';

/** One news item or social post with its ground-truth label. */
export interface NewsEvent {
  /** UTC epoch ms. */
  ts: number;
  category: NewsCategory;
  /** `news` (headline) or `social` (post). */
  source: 'news' | 'social';
  /** Asset symbol the item is about (e.g. 'BTC'), or 'MARKET'. */
  asset: string;
  /** +1 good for prices, -1 bad. */
  sign: 1 | -1;
  /** Magnitude in [0, 1] (0.05 minor, 0.5 major, 1 extreme). */
  size: number;
  /** Headline or post text. */
  text: string;
  /** Ground-truth sentiment label for classifier scoring. */
  label: 'positive' | 'negative';
  /** Shift it applies to agents' beliefs about the fundamental (log-price units). */
  beliefShift: number;
}

/** Per-category arrival rate (events per day), probability of a positive sign, and typical size. */
export interface NewsCategoryParams {
  ratePerDay: number;
  pPositive: number;
  meanSize: number;
}

/** Default category parameters. */
export const DEFAULT_NEWS_PARAMS: Readonly<Record<NewsCategory, NewsCategoryParams>> = {
  regulatory: { ratePerDay: 0.6, pPositive: 0.4, meanSize: 0.15 },
  etf_flows: { ratePerDay: 1, pPositive: 0.55, meanSize: 0.08 },
  hack_exploit: { ratePerDay: 0.15, pPositive: 0.1, meanSize: 0.25 },
  protocol_upgrade: { ratePerDay: 0.2, pPositive: 0.75, meanSize: 0.1 },
  macro_surprise: { ratePerDay: 0, pPositive: 0.5, meanSize: 0.15 },
  cbdc: { ratePerDay: 0.08, pPositive: 0.4, meanSize: 0.06 },
  institutional_adoption: { ratePerDay: 0.3, pPositive: 0.8, meanSize: 0.12 },
  influencer_post: { ratePerDay: 12, pPositive: 0.5, meanSize: 0.02 },
};

/**
 * News and social streams: per category, a Poisson process in hourly steps whose rate and sign lean with the
 * regime's mood (bad regimes bring more and worse news), sizes drawn exponential (heavy right tail), text
 * filled from varied templates. Macro surprises come from the macro block through {@link NewsStream.macro}.
 * Belief shift = sign * size * `impact` (log-price units), the channel by which news moves agents.
 */
export class NewsStream {
  /** Scale from event size to belief shift (log-price units per unit size). */
  impact = 0.05;

  constructor(
    private readonly rng: Rng,
    private readonly assets: readonly string[],
    private readonly params: Readonly<Record<NewsCategory, NewsCategoryParams>> = DEFAULT_NEWS_PARAMS,
  ) {}

  /**
   * Draws the events of one hour starting at `ts` and appends them to `out`.
   * @param mood social mood in [-1, 1]; tilts signs and raises rates when extreme.
   * @param activity multiplier on arrival rates (regime activity).
   */
  hour(ts: number, mood: number, activity: number, out: NewsEvent[]): void {
    for (const cat of NEWS_CATEGORIES) {
      const p = this.params[cat];
      if (p.ratePerDay <= 0) continue;
      const rate = (p.ratePerDay / 24) * activity * (cat === 'hack_exploit' ? 1 + Math.max(0, -mood) : 1);
      const n = this.rng.poisson(rate);
      for (let k = 0; k < n; k++) {
        const pPos = clamp(p.pPositive + 0.25 * mood, 0.02, 0.98);
        const sign: 1 | -1 = this.rng.uniform() < pPos ? 1 : -1;
        const size = Math.min(1, this.rng.exponential(1 / p.meanSize));
        out.push(this.make(ts + this.rng.int(3_600_000), cat, sign, size));
      }
    }
  }

  /** A macro-surprise headline from a rate or CPI surprise (decimal), or none when the surprise is tiny. */
  macro(ts: number, surprise: number, out: NewsEvent[]): void {
    if (!(Math.abs(surprise) > 0.0005)) return;
    const sign: 1 | -1 = surprise > 0 ? -1 : 1; // hawkish or hot = bad for crypto
    out.push(this.make(ts, 'macro_surprise', sign, Math.min(1, Math.abs(surprise) * 100)));
  }

  /** Builds one labelled event (also used for scripted scenario shocks). */
  make(ts: number, category: NewsCategory, sign: 1 | -1, size: number, asset?: string): NewsEvent {
    const r = this.rng;
    const a = asset ?? (r.uniform() < 0.6 ? this.assets[0] : this.assets[r.int(this.assets.length)]);
    const list = sign > 0 ? NEWS_TEMPLATES[category].pos : NEWS_TEMPLATES[category].neg;
    const amt = `$${Math.max(1, Math.round(size * 2000))}M`;
    const text = list[r.int(list.length)]
      .replace('{asset}', a)
      .replace('{amt}', amt)
      .replace('{who}', NEWS_SLOTS.who[r.int(NEWS_SLOTS.who.length)])
      .replace('{where}', NEWS_SLOTS.where[r.int(NEWS_SLOTS.where.length)]);
    return {
      ts,
      category,
      source: category === 'influencer_post' ? 'social' : 'news',
      asset: a,
      sign,
      size,
      text,
      label: sign > 0 ? 'positive' : 'negative',
      beliefShift: sign * size * this.impact,
    };
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}
