import { $, logRet, mean, zscore } from '../dsl.js';
import { dailyInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

/** Google Trends and search volume patterns. */
export const searchTrends: FactorSpec = {
  id: 'search_trends',
  category: 'sentiment',
  name: 'Google Trends and search volume patterns',
  definition:
    'Search interest index (Google Trends, 0-100, index search_trends of the asset): level; 90-day z-score ' +
    '(ddof 1); 7-day log change of the 7-day mean. Weekly Trends data are as-of joined (staleness 10 days).',
  reference:
    'Kristoufek (2013), "BitCoin meets Google Trends and Wikipedia", Sci. Rep. 3, 3415; Da, Engelberg & Gao (2011), JF.',
  inputs: [dailyInput('trend', 'index', 'search_trends', { staleMs: 10 * 86_400_000 })],
  frequency: '1d',
  unit: 'index',
  outputs: [
    { name: 'value', unit: 'index', description: 'search interest' },
    { name: 'z90', unit: 'z', description: '90-day z-score' },
    { name: 'change_7d', unit: 'log', description: '7-day log change of the 7-day mean' },
  ],
  expr: { value: $('trend'), z90: zscore($('trend'), 90), change_7d: logRet(mean($('trend'), 7), 7) },
};
