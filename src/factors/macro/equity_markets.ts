import { $, logRet } from '../dsl.js';
import { barInput, macroInput } from '../inputs.js';
import type { FactorSpec } from '../spec.js';
import { corrBeta } from './correlation.js';

/** Equity market performance and the asset's co-movement with it. */
export const equityMarkets: FactorSpec = {
  id: 'equity_markets',
  category: 'macro',
  name: 'Global equity market performance',
  definition:
    'value: S&P 500 20-day log return (close known 22 h after its date); corr_spx_60d / beta_spx_60d: 60-day ' +
    'correlation and beta of the asset’s daily log return with the S&P 500 daily log return; corr_ndx_60d: the same ' +
    'with the Nasdaq-100 (optional). Non-trading days carry the last close.',
  reference: 'Yahoo Finance ^GSPC / ^NDX daily closes; Liu & Tsyvinski (2021) RFS 34.',
  inputs: [
    barInput('close', 'close'),
    macroInput('spx', 'SPX'),
    macroInput('ndx', 'NDX', { optional: true }),
  ],
  frequency: '1d',
  unit: 'log return',
  outputs: [
    { name: 'value', unit: 'log return', description: 'S&P 500 20-day log return' },
    { name: 'corr_spx_60d', unit: 'correlation', description: '60-day correlation with the S&P 500' },
    { name: 'beta_spx_60d', unit: 'beta', description: '60-day beta to the S&P 500' },
    { name: 'corr_ndx_60d', unit: 'correlation', description: '60-day correlation with the Nasdaq-100' },
  ],
  expr: () => {
    const spx = corrBeta('close', 'spx', 60);
    return {
      value: logRet($('spx'), 20),
      corr_spx_60d: spx.corr,
      beta_spx_60d: spx.beta,
      corr_ndx_60d: corrBeta('close', 'ndx', 60).corr,
    };
  },
};
