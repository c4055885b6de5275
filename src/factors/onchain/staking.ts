import { $, diff, div } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { dailyInput } from './inputs.js';

const ratio = div($('staked'), $('supply'));

/** Staking ratios and validator metrics. */
export const staking: FactorSpec = {
  id: 'staking',
  category: 'onchain',
  name: 'Staking ratios and validator metrics',
  definition:
    'Staking ratio = staked supply / current supply (e.g. ADA active stake / SplyCur, ETH beacon deposits / ' +
    'supply); its 30-day change (difference, decimal); active validator count and its 30-day log growth.',
  reference:
    'Cong, He & Tang (2022), "Staking, Token Pricing, and Crypto Carry", SSRN; Staking Rewards methodology.',
  inputs: [
    dailyInput('staked', 'onchain', 'staked_supply'),
    dailyInput('supply', 'onchain', 'supply'),
    dailyInput('validators', 'onchain', 'validator_count', { optional: true }),
  ],
  frequency: '1d',
  unit: 'ratio',
  outputs: [
    { name: 'value', unit: 'ratio', description: 'staked / supply' },
    { name: 'change_30d', unit: 'decimal', description: '30-day change of the staking ratio' },
    { name: 'validators', unit: 'validators', description: 'active validators' },
  ],
  expr: { value: ratio, change_30d: diff(ratio, 30), validators: $('validators') },
};
