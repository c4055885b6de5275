import { $, div, sum, zscore } from '../dsl.js';
import { sumInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';
import type { TextLabel } from '../text/types.js';

/** Window of the event intensity, days. */
export const INTENSITY_WINDOW = 30;

/**
 * Builds a text event-intensity factor for one classifier label L: over the last 30 days, the count of news
 * items labelled L, their share of all news, their mean sentiment, and the 90-day z-score of the 30-day count.
 */
export function eventIntensityFactor(args: {
  id: string;
  name: string;
  label: TextLabel;
  what: string;
  reference: string;
}): FactorSpec {
  const w = INTENSITY_WINDOW;
  const count = sum($('events'), w);
  return {
    id: args.id,
    category: 'regulatory',
    name: args.name,
    definition:
      `Event intensity of ${args.what}: news items labelled "${args.label}" by the keyword/regex text ` +
      `classifier (TextScorer labels). Outputs: count over the last ${w} days; share = labelled items / all ` +
      `news items over ${w} days; tone = mean sentiment in [-1, 1] of the labelled items over ${w} days; ` +
      `90-day z-score (ddof 1) of the ${w}-day count. Days without news count 0; an absent news source is NaN.`,
    reference: args.reference,
    inputs: [
      sumInput('events', 'text', `label_${args.label}`, { source: 'news' }),
      sumInput('events_s', 'text', `sentiment_${args.label}`, { source: 'news' }),
      sumInput('news', 'text', 'count', { source: 'news' }),
    ],
    frequency: '1d',
    unit: 'articles',
    outputs: [
      { name: 'value', unit: 'articles', description: `${args.label} news items over ${w} days` },
      {
        name: 'share',
        unit: 'ratio',
        description: `share of ${args.label} items in all news over ${w} days`,
      },
      { name: 'tone', unit: 'score', description: `mean sentiment of ${args.label} items over ${w} days` },
      { name: 'z90', unit: 'z', description: `90-day z-score of the ${w}-day count` },
    ],
    expr: {
      value: count,
      share: div(count, sum($('news'), w)),
      tone: div(sum($('events_s'), w), count),
      z90: zscore(count, 90),
    },
  };
}
