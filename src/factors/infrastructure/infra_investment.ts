import { $, div, sum } from '../dsl.js';
import { sumInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

/** Infrastructure investments. */
export const infraInvestment: FactorSpec = {
  id: 'infra_investment',
  category: 'infrastructure',
  name: 'Infrastructure investments',
  definition:
    'Infrastructure-investment event intensity: news items labelled "infra_investment" by the text classifier ' +
    '(funding rounds, raises, venture investment, data centres, mining facilities) over 30 days, and their ' +
    'share of all news; disclosed venture funding in USD (events vc_funding_usd) over 90 days.',
  reference:
    'Keyword event classification (Auer & Claessens 2018 style); Galaxy Digital / DefiLlama raises datasets for VC funding.',
  inputs: [
    sumInput('events', 'text', 'label_infra_investment', { source: 'news' }),
    sumInput('news', 'text', 'count', { source: 'news' }),
    sumInput('funding', 'events', 'vc_funding_usd', { optional: true }),
  ],
  frequency: '1d',
  unit: 'articles',
  outputs: [
    { name: 'value', unit: 'articles', description: 'infrastructure-investment news over 30 days' },
    { name: 'share', unit: 'ratio', description: 'their share of all news over 30 days' },
    { name: 'funding_90d_usd', unit: 'usd', description: 'venture funding over 90 days' },
  ],
  expr: {
    value: sum($('events'), 30),
    share: div(sum($('events'), 30), sum($('news'), 30)),
    funding_90d_usd: sum($('funding'), 90),
  },
};
