import { $, abs, add, div, logRet, mean, mul, sub } from '../dsl.js';
import { barInput, daysToRows, seriesInput } from '../inputs.js';
import type { FactorSpec } from '../spec.js';

const book = (name: string) => seriesInput(name, 'orderbook', name, 0, 5 * 60_000, { optional: true });

/**
 * Order-book depth within +-10 and +-50 bps and book imbalance where L2 snapshots exist; Amihud
 * illiquidity from bars everywhere.
 */
export const orderbookLiquidity: FactorSpec = {
  id: 'orderbook_liquidity',
  category: 'price_volume',
  name: 'Order book depth and liquidity metrics',
  definition:
    'value: Amihud illiquidity mean(|ln(C_t/C_{t-1})| / (C_t * V_t), 1 day) * 1e6 (return per million of ' +
    'quote volume); depth_10bps / depth_50bps: bid + ask quote depth within 10 / 50 bps of the mid from the ' +
    'latest L2 snapshot (at most 5 minutes old); imbalance_10bps: (bid - ask) / (bid + ask) depth within 10 bps.',
  reference: 'Amihud (2002), "Illiquidity and stock returns", J. Financial Markets 5.',
  inputs: [
    barInput('close', 'close'),
    barInput('volume', 'volume'),
    book('bid_depth_10bps'),
    book('ask_depth_10bps'),
    book('bid_depth_50bps'),
    book('ask_depth_50bps'),
  ],
  frequency: 'grid',
  unit: 'return per 1e6 quote',
  outputs: [
    { name: 'value', unit: 'return per 1e6 quote', description: 'Amihud illiquidity, 1 day' },
    { name: 'depth_10bps', unit: 'quote', description: 'book depth within 10 bps' },
    { name: 'depth_50bps', unit: 'quote', description: 'book depth within 50 bps' },
    { name: 'imbalance_10bps', unit: 'ratio', description: 'bid/ask depth imbalance within 10 bps' },
  ],
  expr: (p) => {
    const c = $('close');
    const b10 = $('bid_depth_10bps');
    const a10 = $('ask_depth_10bps');
    return {
      value: mul(mean(div(abs(logRet(c, 1)), mul(c, $('volume'))), daysToRows(1, p.barsPerDay)), 1e6),
      depth_10bps: add(b10, a10),
      depth_50bps: add($('bid_depth_50bps'), $('ask_depth_50bps')),
      imbalance_10bps: div(sub(b10, a10), add(b10, a10)),
    };
  },
};
