import { $, div, logRet, zscore } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { dailyInput } from '../onchain/inputs.js';

const tvl = $('tvl');

/** Total value locked across protocols. */
export const defiTvl: FactorSpec = {
  id: 'defi_tvl',
  category: 'defi',
  name: 'Total Value Locked (TVL) across protocols',
  definition:
    'Total DeFi TVL in USD across protocols and chains (DefiLlama, protocol "all"): level; 1-day and 7-day log ' +
    'changes ln(TVL_t/TVL_{t-k}); 90-day z-score (ddof 1); TVL / market cap of the base asset (DeFi usage ' +
    'per unit of network value).',
  reference:
    'DefiLlama TVL methodology; Metelski & Sobieraj (2022), "Decentralized Finance (DeFi) Projects: A Study of Key Performance Indicators", Sustainability.',
  inputs: [
    dailyInput('tvl', 'defi', 'tvl_usd', { source: 'all' }),
    dailyInput('market_cap', 'onchain', 'market_cap_usd', { optional: true }),
  ],
  frequency: '1d',
  unit: 'usd',
  outputs: [
    { name: 'value', unit: 'usd', description: 'total DeFi TVL' },
    { name: 'change_1d', unit: 'log', description: '1-day log change' },
    { name: 'change_7d', unit: 'log', description: '7-day log change' },
    { name: 'z90', unit: 'z', description: '90-day z-score of TVL' },
    { name: 'tvl_to_mcap', unit: 'ratio', description: 'TVL / base-asset market cap' },
  ],
  expr: {
    value: tvl,
    change_1d: logRet(tvl, 1),
    change_7d: logRet(tvl, 7),
    z90: zscore(tvl, 90),
    tvl_to_mcap: div(tvl, $('market_cap')),
  },
};
