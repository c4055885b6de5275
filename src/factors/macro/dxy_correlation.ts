import { logRet, $ } from '../dsl.js';
import { barInput, macroInput } from '../inputs.js';
import type { FactorSpec } from '../spec.js';
import { corrBeta } from './correlation.js';

/** Correlation and beta of the asset to the US dollar index. */
export const dxyCorrelation: FactorSpec = {
  id: 'dxy_correlation',
  category: 'macro',
  name: 'Dollar strength index (DXY) correlation',
  definition:
    'value: 60-day Pearson correlation of the asset’s daily log return with the DXY daily log return (ICE DXY close, ' +
    'known 22 h after its date; weekends and holidays carry the last close, i.e. a zero DXY return); beta_60d: OLS ' +
    'beta of the asset return on the DXY return; dxy_ret_20d: 20-day DXY log return.',
  reference:
    'Liu & Tsyvinski (2021), "Risks and returns of cryptocurrency", RFS 34 (exposure to macro factors).',
  inputs: [barInput('close', 'close'), macroInput('dxy', 'DXY')],
  frequency: '1d',
  unit: 'correlation',
  outputs: [
    { name: 'value', unit: 'correlation', description: '60-day correlation with DXY' },
    { name: 'beta_60d', unit: 'beta', description: '60-day beta to DXY' },
    { name: 'dxy_ret_20d', unit: 'log return', description: '20-day DXY log return' },
  ],
  expr: () => {
    const cb = corrBeta('close', 'dxy', 60);
    return { value: cb.corr, beta_60d: cb.beta, dxy_ret_20d: logRet($('dxy'), 20) };
  },
};
