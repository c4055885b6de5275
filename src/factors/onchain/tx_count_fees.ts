import { $, div, logRet, mean, zscore } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { dailyInput } from './inputs.js';

const tx = $('tx_count');
const fees = $('fees_usd');

/** Transaction count and fees. */
export const txCountFees: FactorSpec = {
  id: 'tx_count_fees',
  category: 'onchain',
  name: 'Transaction count and fees',
  definition:
    'Daily transaction count N (Coin Metrics TxCnt) and total fees F in USD (FeeTotUSD): N; 7-day log growth ' +
    'of the 7-day mean of N; F; mean fee per transaction F/N (USD); 90-day z-score of F (ddof 1).',
  reference: 'Coin Metrics TxCnt, FeeTotUSD; Easley, O\'Hara & Basu (2019), "From mining to markets", JFE.',
  inputs: [dailyInput('tx_count', 'onchain', 'tx_count'), dailyInput('fees_usd', 'onchain', 'fees_usd')],
  frequency: '1d',
  unit: 'transactions',
  outputs: [
    { name: 'value', unit: 'transactions', description: 'daily transaction count' },
    { name: 'growth_7d', unit: 'log', description: '7-day log growth of the 7-day mean count' },
    { name: 'fees_usd', unit: 'usd', description: 'total fees per day' },
    { name: 'fee_per_tx_usd', unit: 'usd', description: 'mean fee per transaction' },
    { name: 'fees_z90', unit: 'z', description: '90-day z-score of daily fees' },
  ],
  expr: {
    value: tx,
    growth_7d: logRet(mean(tx, 7), 7),
    fees_usd: fees,
    fee_per_tx_usd: div(fees, tx),
    fees_z90: zscore(fees, 90),
  },
};
