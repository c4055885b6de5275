import { $, div, sum } from '../dsl.js';
import { sumInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

/** Regulatory news sentiment classification. */
export const regulatoryNews: FactorSpec = {
  id: 'regulatory_news',
  category: 'sentiment',
  name: 'Regulatory news sentiment classification',
  definition:
    'News items labelled "regulatory" by the text classifier (SEC, CFTC, MiCA, regulation, enforcement, ' +
    'bans, licensing...): daily share = regulatory items / all items; tone = mean sentiment of regulatory ' +
    'items (sum of their s / their count); 7-day share and tone from 7-day sums.',
  reference:
    'Auer & Claessens (2018), "Regulating cryptocurrencies: assessing market reactions", BIS Quarterly Review.',
  inputs: [
    sumInput('reg', 'text', 'label_regulatory', { source: 'news' }),
    sumInput('reg_s', 'text', 'sentiment_regulatory', { source: 'news' }),
    sumInput('n', 'text', 'count', { source: 'news' }),
  ],
  frequency: '1d',
  unit: 'ratio',
  outputs: [
    { name: 'value', unit: 'ratio', description: 'regulatory share of news' },
    { name: 'tone', unit: 'score', description: 'mean sentiment of regulatory news' },
    { name: 'share_7d', unit: 'ratio', description: '7-day regulatory share' },
    { name: 'tone_7d', unit: 'score', description: '7-day regulatory tone' },
  ],
  expr: {
    value: div($('reg'), $('n')),
    tone: div($('reg_s'), $('reg')),
    share_7d: div(sum($('reg'), 7), sum($('n'), 7)),
    tone_7d: div(sum($('reg_s'), 7), sum($('reg'), 7)),
  },
};
