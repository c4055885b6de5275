import { $, abs, corr, logRet, nanMax, nanMean } from '../dsl.js';
import { barInput, macroInput } from '../inputs.js';
import type { FactorSpec } from '../spec.js';

const ASSETS: Array<{ name: string; series: string; source?: string }> = [
  { name: 'spx', series: 'SPX' },
  { name: 'ndx', series: 'NDX' },
  { name: 'gold', series: 'usd', source: 'lbma' },
  { name: 'dxy', series: 'DXY' },
  { name: 'wti', series: 'WTI' },
];

/** Co-movement with traditional assets as one coupling measure. */
export const traditionalCorrelation: FactorSpec = {
  id: 'traditional_correlation',
  category: 'cross_market',
  name: 'Correlation with traditional assets',
  definition:
    'Over 90 days of daily log returns: value = mean over the available traditional assets (S&P 500, Nasdaq-100, ' +
    'gold, DXY, WTI) of corr(asset return, traditional return); mean_abs_corr: mean absolute correlation ' +
    '(coupling regardless of sign); max_abs_corr: the largest absolute correlation. Non-trading days carry the last ' +
    'close. Needs at least one traditional series.',
  reference:
    'Bouri, Molnár, Azzi, Roubaud & Hagfors (2017), "On the hedge and safe haven properties of Bitcoin", FRL 20.',
  inputs: [
    barInput('close', 'close'),
    ...ASSETS.map((a) => macroInput(a.name, a.series, { optional: true, source: a.source })),
  ],
  minInputs: 2,
  frequency: '1d',
  unit: 'correlation',
  outputs: [
    { name: 'value', unit: 'correlation', description: 'mean correlation with traditional assets, 90 days' },
    { name: 'mean_abs_corr', unit: 'correlation', description: 'mean absolute correlation' },
    { name: 'max_abs_corr', unit: 'correlation', description: 'largest absolute correlation' },
  ],
  expr: () => {
    const r = logRet($('close'), 1);
    const cs = ASSETS.map((a) => corr(r, logRet($(a.name), 1), 90));
    const absCs = cs.map((c) => abs(c));
    return { value: nanMean(cs, 1), mean_abs_corr: nanMean(absCs, 1), max_abs_corr: nanMax(absCs, 1) };
  },
};
