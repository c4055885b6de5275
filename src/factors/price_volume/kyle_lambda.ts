import { $, beta, coalesce, diff, logRet, mul, sign, sub } from '../dsl.js';
import { barInput, daysToRows, seriesInput } from '../inputs.js';
import type { FactorSpec } from '../spec.js';

/** Kyle's lambda: OLS slope of price change on signed order flow. */
export const kyleLambda: FactorSpec = {
  id: 'kyle_lambda',
  category: 'price_volume',
  name: 'Market impact of large orders (Kyle’s Lambda)',
  definition:
    "value: Kyle's lambda, the OLS slope of dP_t = C_t - C_{t-1} (quote units) on signed volume q_t (base units) over " +
    '7 days of rows, cov(dP, q) / var(q); q_t = taker buy minus sell volume from trades where present, else the ' +
    'tick-rule proxy sign(C_t - O_t) V_t; impact_bps_per_m: slope of 1e4 ln(C_t/C_{t-1}) on signed quote volume ' +
    'q_t C_t / 1e6 (bps per million of quote currency).',
  reference:
    'Kyle (1985), "Continuous auctions and insider trading", Econometrica 53; Hasbrouck (2009) JF 64.',
  inputs: [
    barInput('open', 'open'),
    barInput('close', 'close'),
    barInput('volume', 'volume'),
    seriesInput('signed_volume', 'trades', 'signed_volume', 0, 60_000, { optional: true }),
  ],
  frequency: 'grid',
  unit: 'quote per base unit',
  outputs: [
    { name: 'value', unit: 'quote per base unit', description: "Kyle's lambda" },
    { name: 'impact_bps_per_m', unit: 'bps per 1e6 quote', description: 'price impact per million traded' },
  ],
  expr: (p) => {
    const c = $('close');
    const w = daysToRows(7, p.barsPerDay, 10);
    const q = coalesce($('signed_volume'), mul(sign(sub(c, $('open'))), $('volume')));
    return {
      value: beta(diff(c, 1), q, w),
      impact_bps_per_m: beta(mul(logRet(c, 1), 1e4), mul(mul(q, c), 1e-6), w),
    };
  },
};
