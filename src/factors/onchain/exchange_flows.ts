import { $, div, sub, sum, zscore } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { dailyInput } from './inputs.js';

const inflow = $('inflow');
const outflow = $('outflow');
const net = sub(inflow, outflow);

/** Exchange inflows/outflows. */
export const exchangeFlows: FactorSpec = {
  id: 'exchange_flows',
  category: 'onchain',
  name: 'Exchange inflows/outflows',
  definition:
    'Exchange inflow I and outflow O in USD per day (Coin Metrics FlowInExUSD / FlowOutExUSD): net flow ' +
    'I - O (positive = coins moving to exchanges, potential selling); 7-day net flow sum; 30-day z-score of net ' +
    'flow (ddof 1); flow ratio I / O.',
  reference:
    'Coin Metrics FlowInExUSD/FlowOutExUSD; CryptoQuant "Exchange Netflow"; Chi, Hao & Li (2023), SSRN.',
  inputs: [
    dailyInput('inflow', 'onchain', 'exchange_inflow_usd'),
    dailyInput('outflow', 'onchain', 'exchange_outflow_usd'),
  ],
  frequency: '1d',
  unit: 'usd',
  outputs: [
    { name: 'value', unit: 'usd', description: 'net exchange flow I - O' },
    { name: 'inflow_usd', unit: 'usd', description: 'exchange inflow' },
    { name: 'outflow_usd', unit: 'usd', description: 'exchange outflow' },
    { name: 'net_7d', unit: 'usd', description: '7-day sum of net flow' },
    { name: 'net_z30', unit: 'z', description: '30-day z-score of net flow' },
    { name: 'flow_ratio', unit: 'ratio', description: 'I / O' },
  ],
  expr: {
    value: net,
    inflow_usd: inflow,
    outflow_usd: outflow,
    net_7d: sum(net, 7),
    net_z30: zscore(net, 30),
    flow_ratio: div(inflow, outflow),
  },
};
