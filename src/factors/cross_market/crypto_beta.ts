import { $, beta, corr, logRet, nanMean } from '../dsl.js';
import type { Expr } from '../expr.js';
import { barInput, daysToRows } from '../inputs.js';
import type { FactorSpec } from '../spec.js';
import { BASKET, basketCloses } from './basket.js';

/** Beta to BTC, correlation with the basket and the basket's mean pairwise correlation. */
export const cryptoBeta: FactorSpec = {
  id: 'crypto_beta',
  category: 'cross_market',
  name: 'Cross-crypto correlations and beta',
  definition:
    'Over 30 days of rows of log returns: value = OLS beta of the asset on BTC/USDT (1 for BTC itself); corr_btc: ' +
    'correlation with BTC; corr_basket: mean correlation of the asset with the basket members (BTC, ETH, SOL, BNB, ' +
    'XRP spot, those present); mean_pairwise_corr: mean pairwise correlation among the basket members present ' +
    '(market-wide co-movement).',
  reference: 'Liu & Tsyvinski (2021), RFS 34; Pollet & Wilson (2010) JFE 96 (average correlation).',
  inputs: [barInput('close', 'close'), ...basketCloses()],
  minInputs: 2,
  frequency: 'grid',
  unit: 'beta',
  outputs: [
    { name: 'value', unit: 'beta', description: 'beta to BTC, 30 days' },
    { name: 'corr_btc', unit: 'correlation', description: 'correlation with BTC' },
    { name: 'corr_basket', unit: 'correlation', description: 'mean correlation with the basket' },
    { name: 'mean_pairwise_corr', unit: 'correlation', description: 'basket mean pairwise correlation' },
  ],
  expr: (p) => {
    const w = daysToRows(30, p.barsPerDay, 20);
    const r = logRet($('close'), 1);
    const rs = BASKET.map((b) => logRet($(`close_${b.key}`), 1));
    const pairs: Expr[] = [];
    for (let i = 0; i < rs.length; i++)
      for (let j = i + 1; j < rs.length; j++) pairs.push(corr(rs[i], rs[j], w));
    return {
      value: beta(r, rs[0], w),
      corr_btc: corr(r, rs[0], w),
      corr_basket: nanMean(
        rs.map((m) => corr(r, m, w)),
        1,
      ),
      mean_pairwise_corr: nanMean(pairs, 1),
    };
  },
};
