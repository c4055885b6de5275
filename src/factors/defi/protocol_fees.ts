import { $, div, logRet, mean, mul } from '../dsl.js';
import { dailyInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

const fees30 = mean($('fees'), 30);

/** Protocol revenue and fee generation. */
export const protocolFees: FactorSpec = {
  id: 'protocol_fees',
  category: 'defi',
  name: 'Protocol revenue and fee generation',
  definition:
    'Protocol fees F and revenue R in USD per day of the reference protocol (DefiLlama, Aave: all chains and ' +
    'versions): 30-day mean fees; take rate = mean_30(R) / mean_30(F); price-to-fees = market cap / ' +
    '(mean_30(F) * 365) with the protocol token market cap; 30-day log growth of the 30-day mean fees.',
  reference: 'Token Terminal "P/F ratio" methodology; DefiLlama fees/revenue adapters.',
  inputs: [
    dailyInput('fees', 'defi', 'fees_usd', { source: 'aave' }),
    dailyInput('revenue', 'defi', 'revenue_usd', { source: 'aave', optional: true }),
    dailyInput('mcap', 'defi', 'mcap_usd', { source: 'aave', optional: true }),
  ],
  frequency: '1d',
  unit: 'usd',
  outputs: [
    { name: 'value', unit: 'usd', description: '30-day mean daily fees' },
    { name: 'take_rate', unit: 'ratio', description: 'revenue / fees (30-day means)' },
    { name: 'price_to_fees', unit: 'ratio', description: 'market cap / annualized fees' },
    { name: 'growth_30d', unit: 'log', description: '30-day log growth of mean fees' },
  ],
  expr: {
    value: fees30,
    take_rate: div(mean($('revenue'), 30), fees30),
    price_to_fees: div($('mcap'), mul(fees30, 365)),
    growth_30d: logRet(fees30, 30),
  },
};
