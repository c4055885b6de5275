import { $, logRet } from '../dsl.js';
import { barInput, macroInput } from '../inputs.js';
import type { FactorSpec } from '../spec.js';
import { corrBeta } from './correlation.js';

/** Co-movement with gold and oil. */
export const commodities: FactorSpec = {
  id: 'commodities',
  category: 'macro',
  name: 'Commodity prices (gold, oil correlations)',
  definition:
    'value: 60-day correlation of the asset’s daily log return with gold’s (LBMA gold PM fix in USD, series usd of source lbma, lag 22 h); ' +
    'beta_gold_60d: the beta; corr_oil_60d: 60-day correlation with WTI crude (EIA daily spot); gold_ret_20d and ' +
    'oil_ret_20d: 20-day log returns. Non-trading days carry the last price.',
  reference: 'Baur, Hong & Lee (2018), "Bitcoin: medium of exchange or speculative assets?", JIFMIM 54.',
  inputs: [
    barInput('close', 'close'),
    macroInput('gold', 'usd', { source: 'lbma' }),
    macroInput('wti', 'WTI', { optional: true }),
  ],
  frequency: '1d',
  unit: 'correlation',
  outputs: [
    { name: 'value', unit: 'correlation', description: '60-day correlation with gold' },
    { name: 'beta_gold_60d', unit: 'beta', description: '60-day beta to gold' },
    { name: 'corr_oil_60d', unit: 'correlation', description: '60-day correlation with WTI' },
    { name: 'gold_ret_20d', unit: 'log return', description: '20-day gold log return' },
    { name: 'oil_ret_20d', unit: 'log return', description: '20-day WTI log return' },
  ],
  expr: () => {
    const g = corrBeta('close', 'gold', 60);
    return {
      value: g.corr,
      beta_gold_60d: g.beta,
      corr_oil_60d: corrBeta('close', 'wti', 60).corr,
      gold_ret_20d: logRet($('gold'), 20),
      oil_ret_20d: logRet($('wti'), 20),
    };
  },
};
