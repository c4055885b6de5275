import { $, div, sum, zscore } from '../dsl.js';
import { dailyInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

/** Liquidation events and cascading risks. */
export const liquidations: FactorSpec = {
  id: 'liquidations',
  category: 'defi',
  name: 'Liquidation events and cascading risks',
  definition:
    'Liquidated debt L in USD per day (lending protocols, "all"); 7-day sum; L / outstanding borrows; 30-day ' +
    'z-score of L (ddof 1); liquidation-at-risk share = debt of positions whose health factor ' +
    'C*(1-0.1)*LT/D falls below 1 after a 10% collateral price drop (liquidationAtRisk kernel at ingest) / ' +
    'outstanding borrows.',
  reference:
    'Qin et al. (2021), "An Empirical Study of DeFi Liquidations", IMC; Aave V2 whitepaper (health factor).',
  inputs: [
    dailyInput('liquidated', 'defi', 'liquidations_usd', { source: 'all' }),
    dailyInput('borrowed', 'defi', 'borrowed_usd', { source: 'all', optional: true }),
    dailyInput('at_risk', 'defi', 'liquidation_at_risk_10pct_usd', { source: 'all', optional: true }),
  ],
  frequency: '1d',
  unit: 'usd',
  outputs: [
    { name: 'value', unit: 'usd', description: 'liquidated debt per day' },
    { name: 'sum_7d', unit: 'usd', description: '7-day liquidations' },
    { name: 'to_borrowed', unit: 'ratio', description: 'liquidations / outstanding borrows' },
    { name: 'z30', unit: 'z', description: '30-day z-score of liquidations' },
    { name: 'at_risk_share', unit: 'ratio', description: 'debt liquidatable after a 10% drop / borrows' },
  ],
  expr: {
    value: $('liquidated'),
    sum_7d: sum($('liquidated'), 7),
    to_borrowed: div($('liquidated'), $('borrowed')),
    z30: zscore($('liquidated'), 30),
    at_risk_share: div($('at_risk'), $('borrowed')),
  },
};
