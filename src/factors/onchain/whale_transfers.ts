import { $, div, sum, zscore } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { dailyInput } from './inputs.js';

/** Whale movements and large transaction tracking. */
export const whaleTransfers: FactorSpec = {
  id: 'whale_transfers',
  category: 'onchain',
  name: 'Whale movements and large transaction tracking',
  definition:
    'Transfers worth at least USD 1,000,000 each (threshold applied at ingest with the whaleTransferTotals kernel): ' +
    'daily count and USD volume; whale share of adjusted transfer value = whale USD / TxTfrValAdjUSD; 7-day ' +
    'count sum; 30-day z-score of the daily count (ddof 1).',
  reference:
    'Whale Alert (USD 1M threshold); Glassnode "Large transactions"; Kaiser et al. (2022) on large BTC transfers.',
  inputs: [
    dailyInput('whale_count', 'onchain', 'whale_tx_count'),
    dailyInput('whale_usd', 'onchain', 'whale_tx_volume_usd'),
    dailyInput('transfer_value', 'onchain', 'transfer_value_adj_usd', { optional: true }),
  ],
  frequency: '1d',
  unit: 'transfers',
  outputs: [
    { name: 'value', unit: 'transfers', description: 'whale transfers per day' },
    { name: 'volume_usd', unit: 'usd', description: 'USD moved by whale transfers per day' },
    { name: 'share', unit: 'ratio', description: 'whale USD / adjusted transfer value' },
    { name: 'count_7d', unit: 'transfers', description: '7-day sum of whale transfers' },
    { name: 'count_z30', unit: 'z', description: '30-day z-score of whale transfers' },
  ],
  expr: {
    value: $('whale_count'),
    volume_usd: $('whale_usd'),
    share: div($('whale_usd'), $('transfer_value')),
    count_7d: sum($('whale_count'), 7),
    count_z30: zscore($('whale_count'), 30),
  },
};
