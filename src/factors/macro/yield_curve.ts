import { $, diff, sub } from '../dsl.js';
import { macroInput } from '../inputs.js';
import { DAY_MS, type FactorSpec } from '../spec.js';

const fred = { publicationLagMs: DAY_MS, maxStalenessMs: 7 * DAY_MS };

/** Treasury yields and the 10y-2y slope. */
export const yieldCurve: FactorSpec = {
  id: 'yield_curve',
  category: 'macro',
  name: 'Bond yields and yield curve dynamics',
  definition:
    'value: 10-year minus 2-year Treasury constant-maturity yield (FRED DGS10 - DGS2, decimal; lag 1 day); ' +
    'y10 and y2: the levels; slope_change_30d: 30-day change of the slope; y10_change_30d: 30-day change of the ' +
    '10-year yield.',
  reference: 'FRED DGS10, DGS2 (H.15); Estrella & Mishkin (1998) on the term spread.',
  inputs: [macroInput('dgs10', 'DGS10', fred), macroInput('dgs2', 'DGS2', fred)],
  frequency: '1d',
  unit: 'decimal',
  outputs: [
    { name: 'value', unit: 'decimal', description: '10y - 2y slope' },
    { name: 'y10', unit: 'decimal', description: '10-year yield' },
    { name: 'y2', unit: 'decimal', description: '2-year yield' },
    { name: 'slope_change_30d', unit: 'decimal', description: '30-day slope change' },
    { name: 'y10_change_30d', unit: 'decimal', description: '30-day change of the 10-year yield' },
  ],
  expr: () => {
    const y10 = $('dgs10');
    const y2 = $('dgs2');
    const slope = sub(y10, y2);
    return { value: slope, y10, y2, slope_change_30d: diff(slope, 30), y10_change_30d: diff(y10, 30) };
  },
};
