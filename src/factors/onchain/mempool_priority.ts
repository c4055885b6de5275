import { $, div, mean, sub, zscore } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { dailyInput } from './inputs.js';

const premium = sub(div($('fee_p90'), $('fee_p50')), 1);

/** Mempool analysis and transaction priority. */
export const mempoolPriority: FactorSpec = {
  id: 'mempool_priority',
  category: 'onchain',
  name: 'Mempool analysis and transaction priority',
  definition:
    'Fee-priority premium = p90 / p50 - 1 of the fee rates (sat/vB or gwei) of pending mempool transactions ' +
    '(daily mean of snapshots): what the urgent pay over the median; 7-day mean premium; pending transaction ' +
    'count and its 30-day z-score (ddof 1).',
  reference:
    'Easley, O\'Hara & Basu (2019), JFE (fees as priority bids); Messias et al. (2021), "On Blockchain Commit Times".',
  inputs: [
    dailyInput('fee_p90', 'onchain', 'mempool_fee_p90'),
    dailyInput('fee_p50', 'onchain', 'mempool_fee_p50'),
    dailyInput('pending', 'onchain', 'mempool_tx_count', { optional: true }),
  ],
  frequency: '1d',
  unit: 'ratio',
  outputs: [
    { name: 'value', unit: 'ratio', description: 'p90 / p50 fee-rate premium' },
    { name: 'premium_7d', unit: 'ratio', description: '7-day mean premium' },
    { name: 'pending', unit: 'transactions', description: 'pending transactions' },
    { name: 'pending_z30', unit: 'z', description: '30-day z-score of pending transactions' },
  ],
  expr: {
    value: premium,
    premium_7d: mean(premium, 7),
    pending: $('pending'),
    pending_z30: zscore($('pending'), 30),
  },
};
