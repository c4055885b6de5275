import { $, div, sub, sum } from '../dsl.js';
import { sumInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

const weighted = div($('sr'), $('reach'));

/** Influencer sentiment and reach. */
export const influencerSentiment: FactorSpec = {
  id: 'influencer_sentiment',
  category: 'sentiment',
  name: 'Influencer sentiment and reach',
  definition:
    'Reach-weighted sentiment of social posts: sum(s_i * r_i) / sum(r_i) with r_i = ln(1 + audience_i) ' +
    '(followers from the event tags), per day and over 7 days; influence gap = reach-weighted minus equal-' +
    'weighted daily sentiment; total reach per day.',
  reference:
    'Kraaijeveld & De Smedt (2020); Ante (2023), "How Elon Musk\'s Twitter activity moves cryptocurrency markets", TFSC 186.',
  inputs: [
    sumInput('sr', 'text', 'sentiment_x_reach', { source: 'social' }),
    sumInput('reach', 'text', 'reach', { source: 'social' }),
    sumInput('s', 'text', 'sentiment', { source: 'social' }),
    sumInput('n', 'text', 'count', { source: 'social' }),
  ],
  frequency: '1d',
  unit: 'score',
  outputs: [
    { name: 'value', unit: 'score', description: 'reach-weighted sentiment per day' },
    { name: 'weighted_7d', unit: 'score', description: '7-day reach-weighted sentiment' },
    { name: 'influence_gap', unit: 'score', description: 'reach-weighted minus equal-weighted sentiment' },
    { name: 'reach', unit: 'log audience', description: 'sum of ln(1 + audience) per day' },
  ],
  expr: {
    value: weighted,
    weighted_7d: div(sum($('sr'), 7), sum($('reach'), 7)),
    influence_gap: sub(weighted, div($('s'), $('n'))),
    reach: $('reach'),
  },
};
