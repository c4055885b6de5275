import { $, add, div, sum } from '../dsl.js';
import { dailyInput, sumInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

/** Flash loan volumes and MEV extraction. */
export const mevFlashloans: FactorSpec = {
  id: 'mev_flashloans',
  category: 'defi',
  name: 'Flash loan volumes and MEV extraction',
  definition:
    'From decoded DEX swaps (swapMevFields: sandwiches = frontrun/victim/backrun on one pool in one block by ' +
    'the same recipient; arbitrages = profitable token cycles inside one transaction, mev-inspect rules): daily ' +
    'sandwich and arbitrage counts; MEV share = (sandwiches + arbitrages) / swaps; 7-day sums; flash-loan ' +
    'volume in USD per day (protocol metric flash_loan_volume_usd).',
  reference:
    'Daian et al. (2020), "Flash Boys 2.0", IEEE S&P; Qin, Zhou & Gervais (2022), "Quantifying BEV", IEEE S&P; Flashbots mev-inspect-py.',
  inputs: [
    sumInput('sandwiches', 'swaps', 'sandwich_count'),
    sumInput('arbitrages', 'swaps', 'arbitrage_count'),
    sumInput('swaps', 'swaps', 'swap_count'),
    dailyInput('flash_loans', 'defi', 'flash_loan_volume_usd', { source: 'all', optional: true }),
  ],
  frequency: '1d',
  unit: 'events',
  outputs: [
    { name: 'value', unit: 'events', description: 'sandwiches per day' },
    { name: 'arbitrages', unit: 'events', description: 'cyclic arbitrages per day' },
    { name: 'mev_share', unit: 'ratio', description: '(sandwiches + arbitrages) / swaps' },
    { name: 'sandwiches_7d', unit: 'events', description: '7-day sandwich count' },
    { name: 'arbitrages_7d', unit: 'events', description: '7-day arbitrage count' },
    { name: 'flash_loan_usd', unit: 'usd', description: 'flash-loan volume per day' },
  ],
  expr: {
    value: $('sandwiches'),
    arbitrages: $('arbitrages'),
    mev_share: div(add($('sandwiches'), $('arbitrages')), $('swaps')),
    sandwiches_7d: sum($('sandwiches'), 7),
    arbitrages_7d: sum($('arbitrages'), 7),
    flash_loan_usd: $('flash_loans'),
  },
};
