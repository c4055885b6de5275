import { $, logRet, mean, zscore } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { dailyInput } from './inputs.js';

const aa = $('active');

/** Active addresses and wallet distribution (holder concentration). */
export const activeAddresses: FactorSpec = {
  id: 'active_addresses',
  category: 'onchain',
  name: 'Active addresses and wallet distribution',
  definition:
    'Daily active addresses A (Coin Metrics AdrActCnt): level; 7-day log growth of the 7-day mean, ' +
    'ln(mean_7(A)_t / mean_7(A)_{t-7}); 90-day z-score (A_t - mean_90)/std_90 (ddof 1). Holder concentration: ' +
    'Gini coefficient of address balances G = 2*sum(i*x_(i))/(n*sum x) - (n+1)/n (metric holder_gini, computed ' +
    'from balance snapshots with the gini kernel; NaN where no snapshot exists).',
  reference:
    'Coin Metrics AdrActCnt; Liu & Tsyvinski (2021), "Risks and Returns of Cryptocurrency", RFS; Gini (1912).',
  inputs: [
    dailyInput('active', 'onchain', 'active_addresses'),
    dailyInput('gini', 'onchain', 'holder_gini', { optional: true, staleMs: 35 * 86_400_000 }),
  ],
  frequency: '1d',
  unit: 'addresses',
  outputs: [
    { name: 'value', unit: 'addresses', description: 'daily active addresses' },
    { name: 'growth_7d', unit: 'log', description: '7-day log growth of the 7-day mean' },
    { name: 'z90', unit: 'z', description: '90-day z-score of active addresses' },
    { name: 'holder_gini', unit: 'ratio', description: 'Gini coefficient of address balances (0..1)' },
  ],
  expr: { value: aa, growth_7d: logRet(mean(aa, 7), 7), z90: zscore(aa, 90), holder_gini: $('gini') },
};
