import {
  $,
  add,
  cov,
  diff,
  div,
  exp,
  greater,
  lag,
  less,
  log,
  mean,
  mul,
  neg,
  sqrt,
  square,
  sub,
} from '../dsl.js';
import { barInput, daysToRows, seriesInput } from '../inputs.js';
import type { FactorSpec } from '../spec.js';

const K = 3 - 2 * Math.SQRT2;

/**
 * Effective-spread estimators from bars (Corwin-Schultz, Roll, Abdi-Ranaldo) and the quoted spread
 * from books where present.
 */
export const spreadEstimators: FactorSpec = {
  id: 'spread_estimators',
  category: 'price_volume',
  name: 'Bid-ask spreads and market microstructure',
  definition:
    'value: Corwin-Schultz high-low spread, per row S = 2(e^a - 1)/(1 + e^a), a = (sqrt(2b) - sqrt(b))/(3 - 2 sqrt2) ' +
    '- sqrt(g/(3 - 2 sqrt2)), b = ln(H_t/L_t)^2 + ln(H_{t-1}/L_{t-1})^2, g = ln(max(H_t,H_{t-1})/min(L_t,L_{t-1}))^2, ' +
    'negative S set to 0, averaged over 1 day of rows; roll: 2 sqrt(-cov(dlnC_t, dlnC_{t-1})) over 1 day ' +
    '(NaN when the autocovariance is positive); abdi_ranaldo: sqrt(max(4 mean((c_{t-1} - n_{t-1})(c_{t-1} - n_t)), 0)) ' +
    'over 1 day, c = ln C, n = (ln H + ln L)/2 (the estimator shifted one row so it uses no future bar); ' +
    'quoted_bps: quoted spread of the latest book snapshot. All spreads as decimal fractions of price except quoted_bps.',
  reference:
    'Corwin & Schultz (2012) JF 67; Roll (1984) JF 39; Abdi & Ranaldo (2017) RFS 30, "A simple estimation of bid-ask spreads from daily close, high, and low prices".',
  inputs: [
    barInput('high', 'high'),
    barInput('low', 'low'),
    barInput('close', 'close'),
    seriesInput('spread_bps', 'orderbook', 'spread_bps', 0, 5 * 60_000, { optional: true }),
  ],
  frequency: 'grid',
  unit: 'decimal',
  outputs: [
    { name: 'value', unit: 'decimal', description: 'Corwin-Schultz spread' },
    { name: 'roll', unit: 'decimal', description: 'Roll spread' },
    { name: 'abdi_ranaldo', unit: 'decimal', description: 'Abdi-Ranaldo CHL spread' },
    { name: 'quoted_bps', unit: 'bps', description: 'quoted spread from the order book' },
  ],
  expr: (p) => {
    const h = $('high');
    const l = $('low');
    const w = daysToRows(1, p.barsPerDay, 3);
    const hl2 = square(log(div(h, l)));
    const b = add(hl2, lag(hl2, 1));
    const g = square(log(div(greater(h, lag(h, 1)), less(l, lag(l, 1)))));
    const a = sub(div(sub(sqrt(mul(b, 2)), sqrt(b)), K), sqrt(div(g, K)));
    const s = div(mul(sub(exp(a), 1), 2), add(exp(a), 1));
    const lc = log($('close'));
    const dl = diff(lc, 1);
    const eta = div(add(log(h), log(l)), 2);
    const ar = mul(sub(lag(lc, 1), lag(eta, 1)), sub(lag(lc, 1), eta));
    return {
      value: mean(greater(s, 0), w),
      roll: mul(sqrt(neg(cov(dl, lag(dl, 1), w))), 2),
      abdi_ranaldo: sqrt(greater(mul(mean(ar, w), 4), 0)),
      quoted_bps: $('spread_bps'),
    };
  },
};
