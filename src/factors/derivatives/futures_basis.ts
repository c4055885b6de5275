import { $, div, gt, lt, mul, zscore } from '../dsl.js';
import { daysToRows } from '../inputs.js';
import type { FactorSpec } from '../spec.js';
import { basisRate, basisTenor } from './common.js';

/** Annualized futures basis: contango / backwardation. */
export const futuresBasis: FactorSpec = {
  id: 'futures_basis',
  category: 'derivatives',
  name: 'Futures contango/backwardation',
  definition:
    'value: annualized basis b * 365 / tenor_days for a dated future with basis b = (F - S) / S (decimal) and days to ' +
    'expiry tenor_days (NaN for perpetuals, which have no tenor); premium: b itself (perp premium or future basis); ' +
    'premium_z: 30-day z-score of b; contango / backwardation: 1 when b > 0 / b < 0.',
  reference: 'Hull, "Options, Futures, and Other Derivatives" (cost of carry); Binance futures basis API.',
  inputs: [basisRate(), basisTenor()],
  frequency: 'grid',
  unit: 'annualized decimal',
  outputs: [
    { name: 'value', unit: 'annualized decimal', description: 'annualized basis of a dated future' },
    { name: 'premium', unit: 'decimal', description: 'basis (F - S) / S' },
    { name: 'premium_z', unit: 'z', description: '30-day z-score of the basis' },
    { name: 'contango', unit: 'flag', description: 'basis > 0' },
    { name: 'backwardation', unit: 'flag', description: 'basis < 0' },
  ],
  expr: (p) => {
    const b = $('basis');
    return {
      value: div(mul(b, 365), $('tenor_days')),
      premium: b,
      premium_z: zscore(b, daysToRows(30, p.barsPerDay, 5)),
      contango: gt(b, 0),
      backwardation: lt(b, 0),
    };
  },
};
