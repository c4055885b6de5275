import { $, corr, div, logRet, lt, gt, mean, mul, nanMean, quantile } from '../dsl.js';
import { barInput, daysToRows } from '../inputs.js';
import type { FactorSpec } from '../spec.js';
import { BASKET, basketCloses } from './basket.js';

/** Tail dependence between the asset and the crypto market. */
export const contagion: FactorSpec = {
  id: 'contagion',
  category: 'cross_market',
  name: 'Contagion risk assessment',
  definition:
    'Over W = 30 days of rows, r = the asset log return, m = the equal-weight mean log return of the basket (BTC, ETH, ' +
    'SOL, BNB, XRP present, at least 2): value = empirical lower-tail dependence mean(1[r_t < q10(r)] 1[m_t < q10(m)]) ' +
    '/ 0.1 with q10 the trailing W-row 10% quantiles (1 = crashes always coincide, 0.1 = independence); upper_tail: ' +
    'the same at the 90% quantiles; corr_market: corr(r, m).',
  reference:
    'Forbes & Rigobon (2002), "No contagion, only interdependence", JF 57; Longin & Solnik (2001) JF 56 (exceedance dependence).',
  inputs: [barInput('close', 'close'), ...basketCloses()],
  minInputs: 3,
  frequency: 'grid',
  unit: 'tail dependence',
  outputs: [
    { name: 'value', unit: 'tail dependence', description: 'lower-tail dependence at 10%' },
    { name: 'upper_tail', unit: 'tail dependence', description: 'upper-tail dependence at 90%' },
    { name: 'corr_market', unit: 'correlation', description: 'correlation with the basket return' },
  ],
  expr: (p) => {
    const w = daysToRows(30, p.barsPerDay, 20);
    const r = logRet($('close'), 1);
    const m = nanMean(
      BASKET.map((b) => logRet($(`close_${b.key}`), 1)),
      2,
    );
    const lower = mul(lt(r, quantile(r, w, 0.1)), lt(m, quantile(m, w, 0.1)));
    const upper = mul(gt(r, quantile(r, w, 0.9)), gt(m, quantile(m, w, 0.9)));
    return {
      value: div(mean(lower, w), 0.1),
      upper_tail: div(mean(upper, w), 0.1),
      corr_market: corr(r, m, w),
    };
  },
};
