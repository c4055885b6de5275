import { $, div, logRet, mean, mul, sum } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { dailyInput } from './inputs.js';

/** Token velocity and circulation patterns. */
export const velocitySupply: FactorSpec = {
  id: 'velocity_supply',
  category: 'onchain',
  name: 'Token velocity and circulation patterns',
  definition:
    'Velocity (turns per year) = sum_30(adjusted transfer value USD) / mean_30(market cap USD) * 365/30; ' +
    'annualized supply growth = ln(S_t / S_{t-30}) * 365/30 with S = current supply (SplyCur).',
  reference: 'Samani (2017), "Understanding Token Velocity"; Coin Metrics; equation of exchange MV = PQ.',
  inputs: [
    dailyInput('transfer_value', 'onchain', 'transfer_value_adj_usd'),
    dailyInput('market_cap', 'onchain', 'market_cap_usd'),
    dailyInput('supply', 'onchain', 'supply', { optional: true }),
  ],
  frequency: '1d',
  unit: 'turns/year',
  outputs: [
    { name: 'value', unit: 'turns/year', description: 'annualized 30-day velocity' },
    { name: 'supply_growth', unit: 'annualized log', description: 'annualized 30-day log supply growth' },
  ],
  expr: {
    value: mul(div(sum($('transfer_value'), 30), mean($('market_cap'), 30)), 365 / 30),
    supply_growth: mul(logRet($('supply'), 30), 365 / 30),
  },
};
