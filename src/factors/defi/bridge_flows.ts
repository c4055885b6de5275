import { $, add, div, sub, sum, zscore } from '../dsl.js';
import { dailyInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

const net = sub($('inflow'), $('outflow'));

/** Cross-chain bridge activity. */
export const bridgeFlows: FactorSpec = {
  id: 'bridge_flows',
  category: 'defi',
  name: 'Cross-chain bridge activity',
  definition:
    'Bridge inflow I and outflow O of the chain in USD per day (DefiLlama bridges): net flow I - O; gross ' +
    'volume I + O; 7-day net sum; net 7-day flow / chain TVL; 30-day z-score of net flow (ddof 1).',
  reference:
    'DefiLlama bridges dashboard; Augusto et al. (2023), "SoK: Security and Privacy of Blockchain Interoperability".',
  inputs: [
    dailyInput('inflow', 'defi', 'bridge_inflow_usd', { source: 'all' }),
    dailyInput('outflow', 'defi', 'bridge_outflow_usd', { source: 'all' }),
    dailyInput('tvl', 'defi', 'tvl_usd', { source: 'all', optional: true }),
  ],
  frequency: '1d',
  unit: 'usd',
  outputs: [
    { name: 'value', unit: 'usd', description: 'net bridge flow' },
    { name: 'gross_usd', unit: 'usd', description: 'inflow + outflow' },
    { name: 'net_7d', unit: 'usd', description: '7-day net flow' },
    { name: 'net_7d_to_tvl', unit: 'ratio', description: '7-day net flow / TVL' },
    { name: 'net_z30', unit: 'z', description: '30-day z-score of net flow' },
  ],
  expr: {
    value: net,
    gross_usd: add($('inflow'), $('outflow')),
    net_7d: sum(net, 7),
    net_7d_to_tvl: div(sum(net, 7), $('tvl')),
    net_z30: zscore(net, 30),
  },
};
