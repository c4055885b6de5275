import { $, coalesce, div, mul, sum, zscore } from '../dsl.js';
import { daysToRows } from '../inputs.js';
import type { FactorSpec } from '../spec.js';
import { DEFAULT_FUNDING_MS, fundingInterval, fundingPaid, fundingRate, YEAR_MS } from './common.js';

/** Perpetual swap funding: annualized level, cumulative payments and z-score. */
export const perpFunding: FactorSpec = {
  id: 'perp_funding',
  category: 'derivatives',
  name: 'Perpetual swap funding rates',
  definition:
    'value: latest funding rate annualized, rate * (365 days / funding interval) (interval 8 h unless the venue ' +
    'reports one; prints known 1 minute after their funding time, valid 9 h); paid_1d / cum_30d: sum of the funding ' +
    'rates paid over the last day / 30 days of rows (decimal, what a long pays); z_30d: 30-day z-score of the ' +
    'annualized rate.',
  reference:
    'Binance /fapi/v1/fundingRate; He, Manela, Ross & von Wachter (2022), "Fundamentals of perpetual futures".',
  inputs: [fundingRate(), fundingInterval(), fundingPaid()],
  frequency: 'grid',
  unit: 'annualized decimal',
  outputs: [
    { name: 'value', unit: 'annualized decimal', description: 'annualized funding rate' },
    { name: 'paid_1d', unit: 'decimal', description: 'funding paid over the last day' },
    { name: 'cum_30d', unit: 'decimal', description: 'funding paid over the last 30 days' },
    { name: 'z_30d', unit: 'z', description: '30-day z-score of the annualized funding' },
  ],
  expr: (p) => {
    const ann = mul($('funding'), div(YEAR_MS, coalesce($('funding_interval'), DEFAULT_FUNDING_MS)));
    return {
      value: ann,
      paid_1d: sum($('funding_paid'), daysToRows(1, p.barsPerDay, 1)),
      cum_30d: sum($('funding_paid'), daysToRows(30, p.barsPerDay)),
      z_30d: zscore(ann, daysToRows(30, p.barsPerDay, 5)),
    };
  },
};
