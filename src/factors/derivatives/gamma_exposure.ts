import { $, div, gt, zscore } from '../dsl.js';
import { seriesInput } from '../inputs.js';
import { DAY_MS, HOUR_MS, type FactorSpec } from '../spec.js';

/** Dealer gamma exposure from option open interest. */
export const gammaExposureFactor: FactorSpec = {
  id: 'gamma_exposure',
  category: 'derivatives',
  name: 'Options flow and gamma exposure',
  definition:
    'value: dealer gamma exposure of the option chain in quote currency (USD) per 1% move, sum over options of ' +
    '(+1 call, -1 put) * Black gamma * open interest * S^2 * 0.01, divided by 1e6 (USD millions); computed from ' +
    'each chain snapshot (`gammaExposure` in derivatives/optionChain.ts) and valid 1 day; gex_z: 30-day z-score; ' +
    'positive_gamma: 1 when dealers are net long gamma (vol-dampening hedging).',
  reference: 'SqueezeMetrics (2017), "Gamma exposure (GEX)" white paper; Black (1976).',
  inputs: [seriesInput('gex', 'options', 'gamma_usd', 0, DAY_MS + HOUR_MS)],
  frequency: '1d',
  unit: 'USD millions per 1%',
  outputs: [
    { name: 'value', unit: 'USD millions per 1%', description: 'dealer gamma exposure' },
    { name: 'gex_z', unit: 'z', description: '30-day z-score of the exposure' },
    { name: 'positive_gamma', unit: 'flag', description: 'dealers net long gamma' },
  ],
  expr: () => {
    const g = div($('gex'), 1e6);
    return { value: g, gex_z: zscore(g, 30), positive_gamma: gt(g, 0) };
  },
};
