import { $, add, div, log, mean, mul, sub, sum, zscore } from '../dsl.js';
import { barInput, daysToRows } from '../inputs.js';
import type { FactorSpec } from '../spec.js';

/** Volume z-score, relative volume and deviation of the close from its rolling VWAP. */
export const volumeVwap: FactorSpec = {
  id: 'volume_vwap',
  category: 'price_volume',
  name: 'Trading volume patterns and volume-weighted average price (VWAP)',
  definition:
    'value: z-score of ln(volume) over 7 days of rows (ddof 1); rel_volume: volume / mean(volume, 7 days); ' +
    'vwap_dev: C_t / VWAP_1d - 1 with VWAP_1d = sum(TP * V, 1 day) / sum(V, 1 day), TP = (H + L + C) / 3 ' +
    '(at least 2 rows).',
  reference:
    'Berkowitz, Logue & Noser (1988), "The total cost of transactions on the NYSE" (VWAP benchmark).',
  inputs: [
    barInput('high', 'high'),
    barInput('low', 'low'),
    barInput('close', 'close'),
    barInput('volume', 'volume'),
  ],
  frequency: 'grid',
  unit: 'z',
  outputs: [
    { name: 'value', unit: 'z', description: 'log-volume z-score, 7 days' },
    { name: 'rel_volume', unit: 'ratio', description: 'volume over its 7-day mean' },
    { name: 'vwap_dev', unit: 'decimal', description: 'close over rolling 1-day VWAP, minus 1' },
  ],
  expr: (p) => {
    const v = $('volume');
    const tp = div(add(add($('high'), $('low')), $('close')), 3);
    const w7 = daysToRows(7, p.barsPerDay);
    const w1 = daysToRows(1, p.barsPerDay);
    return {
      value: zscore(log(v), w7),
      rel_volume: div(v, mean(v, w7)),
      vwap_dev: sub(div($('close'), div(sum(mul(tp, v), w1), sum(v, w1))), 1),
    };
  },
};
