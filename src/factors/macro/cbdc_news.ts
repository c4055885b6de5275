import { $, div, sum, zscore } from '../dsl.js';
import { seriesInput } from '../inputs.js';
import { HOUR_MS, type FactorSpec } from '../spec.js';

/** Central-bank digital currency news intensity and tone. */
export const cbdcNews: FactorSpec = {
  id: 'cbdc_news',
  category: 'macro',
  name: 'Central bank digital currency (CBDC) developments',
  definition:
    'value: 90-day z-score of the 7-day count of news events the text classifier tags as CBDC-related (field label_cbdc of ' +
    'news text events, summed per day, known 1 h after publication); count_7d: that count; tone_30d: 30-day mean ' +
    'daily sentiment of CBDC news (field cbdc_sentiment, daily mean, NaN on days without CBDC news, tolerating 10% ' +
    'missing days).',
  reference: 'Baker, Bloom & Davis (2016), QJE 131 (news-count intensity indices); BIS CBDC tracker.',
  inputs: [
    seriesInput('cbdc', 'text', 'label_cbdc', HOUR_MS, HOUR_MS, { source: 'news', align: 'sum' }),
    seriesInput('cbdc_tone', 'text', 'sentiment_cbdc', HOUR_MS, HOUR_MS, {
      source: 'news',
      align: 'sum',
      optional: true,
    }),
  ],
  frequency: '1d',
  unit: 'z',
  outputs: [
    { name: 'value', unit: 'z', description: 'CBDC news intensity z-score, 90 days' },
    { name: 'count_7d', unit: 'events', description: 'CBDC news events, 7 days' },
    { name: 'tone_30d', unit: 'sentiment', description: 'mean CBDC news sentiment, 30 days' },
  ],
  expr: () => {
    const c7 = sum($('cbdc'), 7);
    return {
      value: zscore(c7, 90),
      count_7d: c7,
      tone_30d: div(sum($('cbdc_tone'), 30), sum($('cbdc'), 30)),
    };
  },
};
