import { $, diff, mean, zscore } from '../dsl.js';
import { dailyInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

const fg = $('fng');

/** Fear & Greed Index variations. */
export const fearGreed: FactorSpec = {
  id: 'fear_greed',
  category: 'sentiment',
  name: 'Fear & Greed Index variations',
  definition:
    'Crypto Fear & Greed Index (alternative.me, 0 = extreme fear .. 100 = extreme greed, published daily): ' +
    'level; 1-day and 7-day changes (index points); 30-day mean; 90-day z-score (ddof 1).',
  reference:
    'alternative.me Crypto Fear & Greed Index methodology (volatility 25%, momentum/volume 25%, social 15%, dominance 10%, trends 10%, surveys 15%).',
  inputs: [dailyInput('fng', 'index', 'fear_greed', { lagMs: 0 })],
  frequency: '1d',
  unit: 'index',
  outputs: [
    { name: 'value', unit: 'index', description: 'Fear & Greed level' },
    { name: 'change_1d', unit: 'points', description: '1-day change' },
    { name: 'change_7d', unit: 'points', description: '7-day change' },
    { name: 'mean_30d', unit: 'index', description: '30-day mean' },
    { name: 'z90', unit: 'z', description: '90-day z-score' },
  ],
  expr: {
    value: fg,
    change_1d: diff(fg, 1),
    change_7d: diff(fg, 7),
    mean_30d: mean(fg, 30),
    z90: zscore(fg, 90),
  },
};
