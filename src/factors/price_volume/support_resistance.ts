import { $, add, div, gt, lag, lt, rollMax, rollMin, sub } from '../dsl.js';
import { barInput, daysToRows } from '../inputs.js';
import type { FactorSpec } from '../spec.js';

/** Distance to rolling highs/lows and to the classic pivot, and breakout flags. */
export const supportResistance: FactorSpec = {
  id: 'support_resistance',
  category: 'price_volume',
  name: 'Support/resistance levels and technical breakouts',
  definition:
    'value: C_t / max(H, 20 days) - 1 (distance to resistance, <= 0); to_support: C_t / min(L, 20 days) - 1 (>= 0); ' +
    'pivot_dist: C_t / P - 1 with the classic floor pivot P = (H_1d + L_1d + C) / 3 of the previous day of rows ' +
    '(max high, min low, last close, lagged one day); breakout_up / breakout_down: 1 when C_t is above the prior ' +
    '20-day high / below the prior 20-day low (windows ending the row before), else 0.',
  reference:
    'Brock, Lakonishok & LeBaron (1992), "Simple technical trading rules", JF 47 (trading-range breakout).',
  inputs: [barInput('high', 'high'), barInput('low', 'low'), barInput('close', 'close')],
  frequency: 'grid',
  unit: 'decimal',
  outputs: [
    { name: 'value', unit: 'decimal', description: 'distance to the 20-day high' },
    { name: 'to_support', unit: 'decimal', description: 'distance to the 20-day low' },
    { name: 'pivot_dist', unit: 'decimal', description: 'distance to the previous day pivot' },
    { name: 'breakout_up', unit: 'flag', description: 'close above the prior 20-day high' },
    { name: 'breakout_down', unit: 'flag', description: 'close below the prior 20-day low' },
  ],
  expr: (p) => {
    const c = $('close');
    const w = daysToRows(20, p.barsPerDay);
    const d = daysToRows(1, p.barsPerDay, 1);
    const hi = rollMax($('high'), w);
    const lo = rollMin($('low'), w);
    const pivot = lag(div(add(add(rollMax($('high'), d), rollMin($('low'), d)), c), 3), d);
    return {
      value: sub(div(c, hi), 1),
      to_support: sub(div(c, lo), 1),
      pivot_dist: sub(div(c, pivot), 1),
      breakout_up: gt(c, lag(hi, 1)),
      breakout_down: lt(c, lag(lo, 1)),
    };
  },
};
