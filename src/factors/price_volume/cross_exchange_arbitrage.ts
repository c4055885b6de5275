import { $, abs, div, gt, log, mul, nanMax, sub } from '../dsl.js';
import { barInput } from '../inputs.js';
import type { FactorSpec } from '../spec.js';
import { otherVenueCloses, ROUND_TRIP_FEE_BPS } from './venues.js';

const others = otherVenueCloses();

/** Largest cross-venue price gap to the primary venue, net of round-trip fees. */
export const crossExchangeArbitrage: FactorSpec = {
  id: 'cross_exchange_arbitrage',
  category: 'price_volume',
  name: 'Cross-exchange arbitrage opportunities',
  definition:
    `value: max over other venues v of 1e4 |ln(C_v / C_primary)| - ${ROUND_TRIP_FEE_BPS} bps round-trip taker fees ` +
    '(negative = no profitable opportunity), from bar closes at the same time; gross_bps: the same before fees; ' +
    'opportunity: 1 when the net spread is positive. NaN when no other venue has a close at that row.',
  reference: 'Makarov & Schoar (2020), "Trading and arbitrage in cryptocurrency markets", JFE 135.',
  inputs: [barInput('close', 'close'), ...others],
  minInputs: 2,
  frequency: 'grid',
  unit: 'bps',
  outputs: [
    { name: 'value', unit: 'bps', description: 'best cross-venue spread net of fees' },
    { name: 'gross_bps', unit: 'bps', description: 'best cross-venue spread before fees' },
    { name: 'opportunity', unit: 'flag', description: 'net spread > 0' },
  ],
  expr: () => {
    const c = $('close');
    const gaps = others.map((i) => mul(abs(log(div($(i.name), c))), 1e4));
    const gross = nanMax(gaps, 1);
    const net = sub(gross, ROUND_TRIP_FEE_BPS);
    return { value: net, gross_bps: gross, opportunity: gt(net, 0) };
  },
};
