import { $, div, logRet, mul, nanCount, nanMax, nanMean, nanMin, sub } from '../dsl.js';
import { barInput } from '../inputs.js';
import type { FactorSpec } from '../spec.js';
import { OTHER_VENUE_SLOTS, otherVenueCloses } from './venues.js';

const venueCloses = otherVenueCloses();

/**
 * Spot log returns at 1-row, 1-day and 1-week horizons on the primary venue, and the cross-venue price
 * dispersion: (max - min) / mean of the venues' closes, in bps (NaN with fewer than 2 venues).
 */
export const spotReturns: FactorSpec = {
  id: 'spot_returns',
  category: 'price_volume',
  name: 'Spot price movements across major exchanges',
  definition:
    'Log returns ln(C_t / C_{t-h}) of the primary-venue close for h = 1 row, 1 day and 7 days of grid rows; ' +
    'cross-venue dispersion 1e4 * (max_v C_v - min_v C_v) / mean_v C_v over the primary venue and ' +
    `up to ${OTHER_VENUE_SLOTS} other venues holding the symbol (any names) where present (NaN with fewer than 2 venues); venue count.`,
  reference: 'Makarov & Schoar (2020), "Trading and arbitrage in cryptocurrency markets", JFE 135.',
  inputs: [barInput('close', 'close'), ...venueCloses],
  frequency: 'grid',
  unit: 'log return',
  outputs: [
    { name: 'value', unit: 'log return', description: 'one-row log return' },
    { name: 'ret_1d', unit: 'log return', description: '1-day log return' },
    { name: 'ret_7d', unit: 'log return', description: '7-day log return' },
    { name: 'dispersion_bps', unit: 'bps', description: 'cross-venue close dispersion' },
    { name: 'venues', unit: 'count', description: 'venues with a close at this row' },
  ],
  expr: (p) => {
    const c = $('close');
    const all = [c, ...venueCloses.map((i) => $(i.name))];
    return {
      value: logRet(c, 1),
      ret_1d: logRet(c, Math.max(1, p.barsPerDay)),
      ret_7d: logRet(c, Math.max(1, 7 * p.barsPerDay)),
      dispersion_bps: mul(div(sub(nanMax(all, 2), nanMin(all, 2)), nanMean(all, 2)), 1e4),
      venues: nanCount(all),
    };
  },
};
