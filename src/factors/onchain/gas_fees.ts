import { $, add, div, mean, zscore } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { dailyInput } from './inputs.js';

/** Gas prices and network efficiency. */
export const gasFees: FactorSpec = {
  id: 'gas_fees',
  category: 'onchain',
  name: 'Gas prices and network efficiency',
  definition:
    'Median fee per transaction in USD (Coin Metrics FeeMedUSD, any chain) and its 7-day mean; EVM chains: ' +
    'daily median base fee and median priority fee (tip) in gwei (EIP-1559), tip share = priority / (base + ' +
    'priority), base-fee 30-day z-score (ddof 1). Outputs whose inputs are absent stay NaN.',
  reference:
    'EIP-1559 (Buterin et al. 2019); Roughgarden (2020), "Transaction Fee Mechanism Design for EIP-1559".',
  inputs: [
    dailyInput('base_fee', 'onchain', 'base_fee_gwei', { optional: true }),
    dailyInput('priority_fee', 'onchain', 'priority_fee_gwei', { optional: true }),
    dailyInput('median_fee_usd', 'onchain', 'fee_median_usd'),
  ],
  frequency: '1d',
  unit: 'usd',
  outputs: [
    { name: 'value', unit: 'usd', description: 'median fee per transaction' },
    { name: 'median_fee_usd_7d', unit: 'usd', description: '7-day mean of the median fee' },
    { name: 'base_fee', unit: 'gwei', description: 'median base fee' },
    { name: 'priority_fee', unit: 'gwei', description: 'median priority fee' },
    { name: 'tip_share', unit: 'ratio', description: 'priority / (base + priority)' },
    { name: 'base_fee_z30', unit: 'z', description: '30-day z-score of the base fee' },
  ],
  expr: {
    value: $('median_fee_usd'),
    median_fee_usd_7d: mean($('median_fee_usd'), 7),
    base_fee: $('base_fee'),
    priority_fee: $('priority_fee'),
    tip_share: div($('priority_fee'), add($('base_fee'), $('priority_fee'))),
    base_fee_z30: zscore($('base_fee'), 30),
  },
};
