import { $, div, lag, lt, mean, mul, sub } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { dailyInput } from './inputs.js';

const hr = $('hash_rate');
const ma30 = mean(hr, 30);
const ma60 = mean(hr, 60);
const capitulation = lt(ma30, ma60);

/** Network hash rate, mining difficulty and hash ribbons. */
export const hashRateDifficulty: FactorSpec = {
  id: 'hash_rate_difficulty',
  category: 'onchain',
  name: 'Network hash rate and mining difficulty',
  definition:
    'Hash rate H (TH/s, Coin Metrics HashRate) and difficulty D (DiffMean). Hash ribbons: ratio = SMA_30(H) / ' +
    'SMA_60(H); capitulation = 1 while SMA_30 < SMA_60; recovery = 1 on the day SMA_30 crosses back above ' +
    'SMA_60 (capitulation_{t-1} = 1 and capitulation_t = 0). Difficulty 14-day change D_t / D_{t-14} - 1 ' +
    '(about one retarget period of 2016 blocks).',
  reference:
    'Edwards, C. (2019), "Capitulation & Recovery: Hash Ribbons", Capriole Investments; Coin Metrics.',
  inputs: [
    dailyInput('hash_rate', 'onchain', 'hash_rate'),
    dailyInput('difficulty', 'onchain', 'difficulty'),
  ],
  frequency: '1d',
  unit: 'TH/s',
  outputs: [
    { name: 'value', unit: 'TH/s', description: 'hash rate' },
    { name: 'difficulty', unit: 'difficulty', description: 'mean mining difficulty' },
    { name: 'difficulty_change_14d', unit: 'decimal', description: 'D_t / D_{t-14} - 1' },
    { name: 'ribbon_ratio', unit: 'ratio', description: 'SMA_30(H) / SMA_60(H)' },
    { name: 'capitulation', unit: 'flag', description: '1 while SMA_30(H) < SMA_60(H)' },
    { name: 'recovery', unit: 'flag', description: '1 on the cross back above after a capitulation' },
  ],
  expr: {
    value: hr,
    difficulty: $('difficulty'),
    difficulty_change_14d: sub(div($('difficulty'), lag($('difficulty'), 14)), 1),
    ribbon_ratio: div(ma30, ma60),
    capitulation,
    recovery: mul(lag(capitulation, 1), sub(1, capitulation)),
  },
};
