import { $, div, mean } from '../dsl.js';
import { sumInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';
import { DAY_MS } from '../spec.js';

/** DeFi composability and protocol interactions. */
export const composability: FactorSpec = {
  id: 'composability',
  category: 'defi',
  name: 'DeFi composability and protocol interactions',
  definition:
    'Protocol-interaction graph of each block (swapMevFields): nodes = pools touched, an edge joins two pools ' +
    'touched by the same transaction; density = 2E / (N(N-1)); value = mean block density per day; 7-day mean; ' +
    'multi-protocol share = transactions touching >= 2 pools / transactions with swaps.',
  reference:
    'Wasserman & Faust (1994) 4.2 (density); Kitzler et al. (2023), "Disentangling Decentralized Finance (DeFi) Compositions", ACM TWEB.',
  inputs: [
    {
      name: 'density',
      kind: 'swaps',
      field: 'interaction_density',
      publicationLagMs: 0,
      maxStalenessMs: DAY_MS,
      align: 'mean',
    },
    sumInput('multi', 'swaps', 'multi_pool_tx_count'),
    sumInput('txs', 'swaps', 'swap_tx_count'),
  ],
  frequency: '1d',
  unit: 'ratio',
  outputs: [
    { name: 'value', unit: 'ratio', description: 'interaction-graph density' },
    { name: 'density_7d', unit: 'ratio', description: '7-day mean density' },
    { name: 'multi_protocol_share', unit: 'ratio', description: 'share of transactions touching >= 2 pools' },
  ],
  expr: {
    value: $('density'),
    density_7d: mean($('density'), 7),
    multi_protocol_share: div($('multi'), $('txs')),
  },
};
