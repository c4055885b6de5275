import { $, add, sum } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { sumInput } from './inputs.js';

/** Fork events and protocol upgrades. */
export const forkUpgradeEvents: FactorSpec = {
  id: 'fork_upgrade_events',
  category: 'onchain',
  name: 'Fork events and protocol upgrades',
  definition:
    'Discrete protocol events (kind events: fork, upgrade activations such as SegWit, Taproot, London, the ' +
    'Merge, halvings) counted per day; 30-day and 90-day event counts; upgrade-news intensity = 30-day sum of ' +
    'news items labelled "upgrade" by the text classifier (forks, EIPs/BIPs, mainnet, halving). An empty day ' +
    'counts 0; an absent source is NaN.',
  reference:
    'Event indicators as in Corbet et al. (2019), "Cryptocurrencies as a financial asset", IRFA, section 5.',
  inputs: [
    sumInput('forks', 'events', 'fork', { optional: true }),
    sumInput('upgrades', 'events', 'upgrade', { optional: true }),
    sumInput('upgrade_news', 'text', 'label_upgrade', { source: 'news', optional: true }),
  ],
  minInputs: 1,
  frequency: '1d',
  unit: 'events',
  outputs: [
    { name: 'value', unit: 'events', description: 'fork and upgrade events on the day' },
    { name: 'events_30d', unit: 'events', description: '30-day event count' },
    { name: 'events_90d', unit: 'events', description: '90-day event count' },
    { name: 'upgrade_news_30d', unit: 'articles', description: '30-day count of upgrade-labelled news' },
  ],
  expr: {
    value: add($('forks'), $('upgrades')),
    events_30d: sum(add($('forks'), $('upgrades')), 30),
    events_90d: sum(add($('forks'), $('upgrades')), 90),
    upgrade_news_30d: sum($('upgrade_news'), 30),
  },
};
