import { $, cumsum, div, mean, zscore } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { dailyInput } from './inputs.js';

const cdd = $('cdd');

/** Long-term holder behaviour (HODL-wave proxies). */
export const hodlWaves: FactorSpec = {
  id: 'hodl_waves',
  category: 'onchain',
  name: 'Long-term holder behavior (HODL waves)',
  definition:
    'Coin-days destroyed CDD = sum over spent outputs of value * age in days (per day); dormancy = CDD / ' +
    'adjusted transferred coins (TxTfrValAdjNtv), the mean age in days of coins that moved; 30-day mean ' +
    'dormancy; CDD 90-day z-score (ddof 1); liveliness = cumulative CDD / cumulative coin-days created ' +
    '(sum of supply over days) in [0, 1], both sums over the history from 1460 days (the declared warm-up, one ' +
    'halving cycle) before the requested start or from the first stored day, falling when long-term holders accumulate; share of supply last ' +
    'moved more than one year ago (utxo_age_1y_share, where the source has UTXO age bands).',
  reference:
    'ByteCoin (2011) "Bitcoin days destroyed"; Glassnode Academy "Dormancy", "Liveliness", "HODL Waves" (Unchained Capital 2018).',
  inputs: [
    dailyInput('cdd', 'onchain', 'cdd'),
    dailyInput('transferred', 'onchain', 'transfer_value_adj_ntv'),
    dailyInput('supply', 'onchain', 'supply'),
    dailyInput('age_1y', 'onchain', 'utxo_age_1y_share', { optional: true }),
  ],
  frequency: '1d',
  unit: 'coin-days',
  /** Liveliness is a ratio of expanding sums: 4 years of history before the requested start. */
  warmup: 4 * 365,
  outputs: [
    { name: 'value', unit: 'coin-days', description: 'coin-days destroyed per day' },
    { name: 'dormancy', unit: 'days', description: 'CDD / coins transferred' },
    { name: 'dormancy_30d', unit: 'days', description: '30-day mean dormancy' },
    { name: 'cdd_z90', unit: 'z', description: '90-day z-score of CDD' },
    { name: 'liveliness', unit: 'ratio', description: 'cumulative CDD / cumulative coin-days created' },
    { name: 'utxo_age_1y_share', unit: 'ratio', description: 'share of supply unmoved for > 1 year' },
  ],
  expr: {
    value: cdd,
    dormancy: div(cdd, $('transferred')),
    dormancy_30d: mean(div(cdd, $('transferred')), 30),
    cdd_z90: zscore(cdd, 90),
    liveliness: div(cumsum(cdd), cumsum($('supply'))),
    utxo_age_1y_share: $('age_1y'),
  },
};
