import type { FactorComputeInputs, FactorSpec } from '../spec.js';
import { sumInput } from './inputs.js';

/** Trailing sum over `w` rows ending at i; NaN in warm-up or when a row in the window is NaN. */
function trailing(x: Float64Array, i: number, w: number): number {
  if (i < w - 1) return Number.NaN;
  let s = 0;
  for (let j = i - w + 1; j <= i; j++) s += x[j];
  return s;
}

function compute(inp: FactorComputeInputs): Record<string, Float64Array> {
  const { n, columns } = inp;
  const forks = columns.forks;
  const upgrades = columns.upgrades;
  // An absent fork source is NaN and adds nothing.
  const events = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = forks[i];
    const b = upgrades[i];
    events[i] = Number.isNaN(a) ? b : a + b;
  }
  const value = new Float64Array(n);
  const e30 = new Float64Array(n);
  const e90 = new Float64Array(n);
  const news30 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    value[i] = events[i];
    e30[i] = trailing(events, i, 30);
    e90[i] = trailing(events, i, 90);
    news30[i] = trailing(columns.upgrade_news, i, 30);
  }
  return { value, events_30d: e30, events_90d: e90, upgrade_news_30d: news30 };
}

/** Fork events and protocol upgrades. */
export const forkUpgradeEvents: FactorSpec = {
  id: 'fork_upgrade_events',
  category: 'onchain',
  name: 'Fork events and protocol upgrades',
  definition:
    'Discrete protocol events (kind events: fork, upgrade activations such as SegWit, Taproot, London, the ' +
    'Merge, halvings; the upgrade source is required, forks are added when a fork source exists) counted per ' +
    'day; 30-day and 90-day event counts; ' +
    'upgrade-news intensity = 30-day sum of news items labelled "upgrade" by the text classifier (forks, ' +
    'EIPs/BIPs, mainnet, halving). An empty day counts 0; an absent source is NaN.',
  reference:
    'Event indicators as in Corbet et al. (2019), "Cryptocurrencies as a financial asset", IRFA, section 5.',
  inputs: [
    sumInput('forks', 'events', 'fork', { optional: true }),
    sumInput('upgrades', 'events', 'upgrade'),
    sumInput('upgrade_news', 'text', 'label_upgrade', { source: 'news', optional: true }),
  ],
  frequency: '1d',
  unit: 'events',
  outputs: [
    { name: 'value', unit: 'events', description: 'fork and upgrade events on the day' },
    { name: 'events_30d', unit: 'events', description: '30-day event count' },
    { name: 'events_90d', unit: 'events', description: '90-day event count' },
    { name: 'upgrade_news_30d', unit: 'articles', description: '30-day count of upgrade-labelled news' },
  ],
  compute,
  lookback: 89,
};
