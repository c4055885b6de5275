import { $, add, div, sum, zscore } from '../dsl.js';
import { sumInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

const W = 30;
const events = add($('news_reg'), $('official'));

/** Regulatory announcements and policy changes. */
export const regulatoryEvents: FactorSpec = {
  id: 'regulatory_events',
  category: 'regulatory',
  name: 'Regulatory announcements and policy changes',
  definition:
    `Regulatory event count over ${W} days = official regulatory announcements (text category "regulatory": ` +
    'SEC/CFTC/ESMA/FCA releases) + news items labelled "regulatory" by the text classifier; tone = mean ' +
    `sentiment in [-1, 1] of both over ${W} days (positive = approvals, clarity; negative = bans, enforcement); ` +
    `7-day count; 90-day z-score (ddof 1) of the ${W}-day count.`,
  reference:
    'Auer & Claessens (2018), "Regulating cryptocurrencies: assessing market reactions", BIS Quarterly Review, Sept. 2018.',
  inputs: [
    sumInput('news_reg', 'text', 'label_regulatory', { source: 'news' }),
    sumInput('news_reg_s', 'text', 'sentiment_regulatory', { source: 'news' }),
    sumInput('official', 'text', 'count', { source: 'regulatory' }),
    sumInput('official_s', 'text', 'sentiment', { source: 'regulatory' }),
  ],
  frequency: '1d',
  unit: 'events',
  outputs: [
    { name: 'value', unit: 'events', description: `regulatory events over ${W} days` },
    { name: 'count_7d', unit: 'events', description: 'regulatory events over 7 days' },
    { name: 'tone', unit: 'score', description: `mean sentiment of regulatory events over ${W} days` },
    { name: 'z90', unit: 'z', description: `90-day z-score of the ${W}-day count` },
  ],
  expr: {
    value: sum(events, W),
    count_7d: sum(events, 7),
    tone: div(sum(add($('news_reg_s'), $('official_s')), W), sum(events, W)),
    z90: zscore(sum(events, W), 90),
  },
};
