import { $, diff, div, mean } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { dailyInput } from './inputs.js';

const share = div($('calls'), $('tx_count'));

/** Smart contract interactions. */
export const contractCalls: FactorSpec = {
  id: 'contract_calls',
  category: 'onchain',
  name: 'Smart contract interactions',
  definition:
    'Contract-call share = transactions whose recipient is a contract (non-empty input data) / all ' +
    'transactions per day; 7-day mean share; 30-day change of the 7-day mean (difference).',
  reference:
    'Etherscan/ethereum-etl (input != 0x marks a contract call); Bhambhwani et al. (2023) network activity.',
  inputs: [
    dailyInput('calls', 'onchain', 'contract_call_count'),
    dailyInput('tx_count', 'onchain', 'tx_count'),
  ],
  frequency: '1d',
  unit: 'ratio',
  outputs: [
    { name: 'value', unit: 'ratio', description: 'contract-call share of transactions' },
    { name: 'mean_7d', unit: 'ratio', description: '7-day mean share' },
    { name: 'change_30d', unit: 'decimal', description: '30-day change of the 7-day mean' },
  ],
  expr: { value: share, mean_7d: mean(share, 7), change_30d: diff(mean(share, 7), 30) },
};
