import { $, div, mul, zscore } from '../dsl.js';
import { dailyInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

/** Confirmations for probabilistic finality on PoW chains (Nakamoto 2008, section 11: 6 blocks). */
export const FINALITY_CONFIRMATIONS = 6;
const DAY_S = 86_400;

/** Scalability metrics (TPS, finality time). */
export const throughput: FactorSpec = {
  id: 'throughput',
  category: 'infrastructure',
  name: 'Scalability metrics (TPS, finality time)',
  definition:
    'Throughput TPS = daily transaction count (TxCnt) / 86,400 s; mean block interval = 86,400 s / blocks ' +
    `per day (BlkCnt); probabilistic finality time = ${FINALITY_CONFIRMATIONS} confirmations x block interval ` +
    '(s); 30-day z-score of TPS (ddof 1).',
  reference:
    'Nakamoto (2008), section 11; Croman et al. (2016), "On Scaling Decentralized Blockchains", FC Workshops.',
  inputs: [dailyInput('tx_count', 'onchain', 'tx_count'), dailyInput('blocks', 'onchain', 'block_count')],
  frequency: '1d',
  unit: 'tx/s',
  outputs: [
    { name: 'value', unit: 'tx/s', description: 'transactions per second' },
    { name: 'block_time_s', unit: 's', description: 'mean block interval' },
    { name: 'finality_s', unit: 's', description: `${FINALITY_CONFIRMATIONS}-confirmation finality time` },
    { name: 'tps_z30', unit: 'z', description: '30-day z-score of TPS' },
  ],
  expr: {
    value: div($('tx_count'), DAY_S),
    block_time_s: div(DAY_S, $('blocks')),
    finality_s: mul(div(DAY_S, $('blocks')), FINALITY_CONFIRMATIONS),
    tps_z30: zscore(div($('tx_count'), DAY_S), 30),
  },
};
