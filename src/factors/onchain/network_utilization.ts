import { $, div, zscore } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { dailyInput } from './inputs.js';

/** Bitcoin's 1,000,000-byte base block size limit (BIP 141 keeps it for non-witness data). */
export const BTC_BASE_BLOCK_BYTES = 1_000_000;

/** Network utilization and congestion. */
export const networkUtilization: FactorSpec = {
  id: 'network_utilization',
  category: 'onchain',
  name: 'Network utilization and congestion',
  definition:
    'Block fullness = mean block size in bytes (Coin Metrics BlkSizeMeanByte) / 1,000,000 (the base block size ' +
    'limit; SegWit blocks can exceed 1); gas utilization = gas used / gas limit (EVM chains); mempool size in ' +
    'bytes where a mempool source exists and its 30-day z-score (ddof 1). Unavailable outputs stay NaN.',
  reference: 'Nakamoto (2008); BIP 141 (block weight); EIP-1559 (gas target = limit / 2); mempool.space.',
  inputs: [
    dailyInput('block_size', 'onchain', 'block_size_mean_bytes'),
    dailyInput('gas_used', 'onchain', 'gas_used', { optional: true }),
    dailyInput('gas_limit', 'onchain', 'gas_limit', { optional: true }),
    dailyInput('mempool', 'onchain', 'mempool_size_bytes', { optional: true }),
  ],
  frequency: '1d',
  unit: 'ratio',
  outputs: [
    { name: 'value', unit: 'ratio', description: 'mean block size / 1 MB base limit' },
    { name: 'gas_utilization', unit: 'ratio', description: 'gas used / gas limit' },
    { name: 'mempool_bytes', unit: 'bytes', description: 'mempool size' },
    { name: 'mempool_z30', unit: 'z', description: '30-day z-score of mempool size' },
  ],
  expr: {
    value: div($('block_size'), BTC_BASE_BLOCK_BYTES),
    gas_utilization: div($('gas_used'), $('gas_limit')),
    mempool_bytes: $('mempool'),
    mempool_z30: zscore($('mempool'), 30),
  },
};
