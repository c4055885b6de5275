import { $, div, sum, zscore } from '../dsl.js';
import { sumInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

/** Social media sentiment analysis. */
export const socialSentiment: FactorSpec = {
  id: 'social_sentiment',
  category: 'sentiment',
  name: 'Social media sentiment analysis (Twitter, Reddit, Discord)',
  definition:
    'Text sentiment s in [-1, 1] of each post (TextScorer; first implementation VADER + crypto lexicon): daily ' +
    'mean over social posts = sum(s) / posts (NaN on a day without posts); 7-day mean = sum_7(s) / sum_7(posts); ' +
    'same daily mean over news items; post volume per day and its 30-day z-score (ddof 1).',
  reference:
    'Hutto & Gilbert (2014), VADER, ICWSM; Kraaijeveld & De Smedt (2020), "The predictive power of public Twitter sentiment for forecasting cryptocurrency prices", JIFMIM.',
  inputs: [
    sumInput('social_s', 'text', 'sentiment', { source: 'social' }),
    sumInput('social_n', 'text', 'count', { source: 'social' }),
    sumInput('news_s', 'text', 'sentiment', { source: 'news', optional: true }),
    sumInput('news_n', 'text', 'count', { source: 'news', optional: true }),
  ],
  frequency: '1d',
  unit: 'score',
  outputs: [
    { name: 'value', unit: 'score', description: 'mean social-post sentiment per day' },
    { name: 'sentiment_7d', unit: 'score', description: '7-day mean social sentiment' },
    { name: 'news_sentiment', unit: 'score', description: 'mean news sentiment per day' },
    { name: 'posts', unit: 'posts', description: 'social posts per day' },
    { name: 'posts_z30', unit: 'z', description: '30-day z-score of post volume' },
  ],
  expr: {
    value: div($('social_s'), $('social_n')),
    sentiment_7d: div(sum($('social_s'), 7), sum($('social_n'), 7)),
    news_sentiment: div($('news_s'), $('news_n')),
    posts: $('social_n'),
    posts_z30: zscore($('social_n'), 30),
  },
};
