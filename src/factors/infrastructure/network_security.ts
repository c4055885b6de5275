import { $, sum } from '../dsl.js';
import { dailyInput, sumInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

/** Network security and attack vectors. */
export const networkSecurity: FactorSpec = {
  id: 'network_security',
  category: 'infrastructure',
  name: 'Network security and attack vectors',
  definition:
    'Hash-power concentration: Nakamoto coefficient = fewest mining pools (PoS: validators/entities) whose ' +
    'combined share exceeds 51% (nakamotoCoefficient kernel on daily pool shares, onchain metric ' +
    'nakamoto_coefficient) and the largest pool share; exploit events (events exploit) and USD lost ' +
    '(exploit_loss_usd) over 30 days; hack/exploit news items (text label "hack") over 30 days.',
  reference:
    'Srinivasan & Lee (2017), "Quantifying Decentralization"; Gervais et al. (2016), "On the Security and Performance of Proof of Work Blockchains", CCS; DefiLlama hacks dataset.',
  inputs: [
    dailyInput('nakamoto', 'onchain', 'nakamoto_coefficient'),
    dailyInput('top_pool', 'onchain', 'top_pool_share', { optional: true }),
    sumInput('exploits', 'events', 'exploit', { optional: true }),
    sumInput('loss', 'events', 'exploit_loss_usd', { optional: true }),
    sumInput('hack_news', 'text', 'label_hack', { source: 'news', optional: true }),
  ],
  frequency: '1d',
  unit: 'entities',
  outputs: [
    { name: 'value', unit: 'entities', description: 'Nakamoto coefficient (51% threshold)' },
    { name: 'top_pool_share', unit: 'ratio', description: 'largest pool share of hash power' },
    { name: 'exploits_30d', unit: 'events', description: 'exploit events over 30 days' },
    { name: 'exploit_loss_30d', unit: 'usd', description: 'USD lost to exploits over 30 days' },
    { name: 'hack_news_30d', unit: 'articles', description: 'hack/exploit news over 30 days' },
  ],
  expr: {
    value: $('nakamoto'),
    top_pool_share: $('top_pool'),
    exploits_30d: sum($('exploits'), 30),
    exploit_loss_30d: sum($('loss'), 30),
    hack_news_30d: sum($('hack_news'), 30),
  },
};
