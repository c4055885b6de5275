import { $, cumsum, sum, zscore } from '../dsl.js';
import { DAY_MS, type FactorSpec } from '../spec.js';

const flow = $('flow');

/** ETF flows and traditional finance integration. */
export const etfFlows: FactorSpec = {
  id: 'etf_flows',
  category: 'regulatory',
  name: 'ETF flows and traditional finance integration',
  definition:
    'US spot ETF aggregate net creations in USD (Farside Investors tables; index etf_net_flow_usd of the ' +
    "asset), summed per day (days without trading sum to 0), a US trading day's flow known one day after its " +
    'date: daily flow; 5- and 20-day sums; cumulative flow over everything known from 4 years (1460 days, the ' +
    'declared warm-up) before the requested start on: the flow since launch for the US spot BTC ETFs (January ' +
    '2024) whatever the start before 2028; 60-day z-score of the ' +
    'daily flow (ddof 1).',
  reference:
    'Farside Investors ETF flow tables; Ben-David, Franzoni & Moussawi (2018), "Do ETFs increase volatility?", JF.',
  inputs: [
    {
      name: 'flow',
      kind: 'index',
      field: 'etf_net_flow_usd',
      publicationLagMs: DAY_MS,
      maxStalenessMs: DAY_MS,
      align: 'sum',
    },
  ],
  frequency: '1d',
  unit: 'usd',
  /** The cumulative flow sums from 4 years before the requested start (ETF inception for recent starts). */
  warmup: 4 * 365,
  outputs: [
    { name: 'value', unit: 'usd', description: 'net ETF flow per day' },
    { name: 'sum_5d', unit: 'usd', description: '5-day net flow' },
    { name: 'sum_20d', unit: 'usd', description: '20-day net flow' },
    {
      name: 'cumulative',
      unit: 'usd',
      description: 'cumulative net flow from 4 years before the requested start',
    },
    { name: 'z60', unit: 'z', description: '60-day z-score of daily flow' },
  ],
  expr: {
    value: flow,
    sum_5d: sum(flow, 5),
    sum_20d: sum(flow, 20),
    cumulative: cumsum(flow),
    z60: zscore(flow, 60),
  },
};
