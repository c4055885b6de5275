import { $, add, div, logRet, sum } from '../dsl.js';
import { dailyInput, sumInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

const W = 30;

/** Institutional adoption metrics. */
export const institutionalAdoption: FactorSpec = {
  id: 'institutional_adoption',
  category: 'regulatory',
  name: 'Institutional adoption metrics',
  definition:
    'Proxies: coins held by funds/ETFs/trusts (onchain metric fund_reserve, native units; CryptoQuant-style fund ' +
    `reserves) and its ${W}-day log change; news intensity of institutional and adoption events = items ` +
    `labelled "institutional" or "adoption" by the text classifier over ${W} days, and their share of news.`,
  reference:
    'CryptoQuant "Fund Holdings"; Auer, Farag, Lewrick, Orazem & Zoss (2022), "Banking in the shadow of Bitcoin? The institutional adoption of cryptocurrencies", BIS WP 1013.',
  inputs: [
    dailyInput('fund_reserves', 'onchain', 'fund_reserve'),
    sumInput('inst', 'text', 'label_institutional', { source: 'news', optional: true }),
    sumInput('adopt', 'text', 'label_adoption', { source: 'news', optional: true }),
    sumInput('news', 'text', 'count', { source: 'news', optional: true }),
  ],
  frequency: '1d',
  unit: 'log',
  outputs: [
    { name: 'value', unit: 'log', description: `${W}-day log change of fund holdings` },
    { name: 'fund_reserves', unit: 'coins', description: 'coins held by funds' },
    { name: 'news_30d', unit: 'articles', description: 'institutional + adoption news items over 30 days' },
    { name: 'news_share_30d', unit: 'ratio', description: 'their share of all news over 30 days' },
  ],
  expr: {
    value: logRet($('fund_reserves'), W),
    fund_reserves: $('fund_reserves'),
    news_30d: sum(add($('inst'), $('adopt')), W),
    news_share_30d: div(sum(add($('inst'), $('adopt')), W), sum($('news'), W)),
  },
};
