import { $, corr, lag, logRet, nanMean, sub } from '../dsl.js';
import { barInput, daysToRows } from '../inputs.js';
import type { FactorSpec } from '../spec.js';
import { otherVenueCloses } from './venues.js';

const others = otherVenueCloses();

/** Lead-lag price discovery between the primary venue and the other venues. */
export const priceDiscovery: FactorSpec = {
  id: 'price_discovery',
  category: 'price_volume',
  name: 'Price discovery efficiency across venues',
  definition:
    'Lead-lag asymmetry over 7 days of rows between the primary venue return r_p and the mean return r_o of the ' +
    'other venues present: value = corr(r_p,t, r_o,t-1) - corr(r_o,t, r_p,t-1) (> 0: the other venues lead, ' +
    '< 0: the primary venue leads price discovery); sync_corr = corr(r_p,t, r_o,t).',
  reference:
    'Hasbrouck (1995), "One security, many markets", JF 50 (information share); lead-lag form as in Brandvold et al. (2015).',
  inputs: [barInput('close', 'close'), ...others],
  minInputs: 2,
  frequency: 'grid',
  unit: 'correlation difference',
  outputs: [
    { name: 'value', unit: 'correlation difference', description: 'lead-lag asymmetry' },
    { name: 'sync_corr', unit: 'correlation', description: 'same-row correlation of venue returns' },
  ],
  expr: (p) => {
    const w = daysToRows(7, p.barsPerDay, 20);
    const rp = logRet($('close'), 1);
    const ro = nanMean(
      others.map((i) => logRet($(i.name), 1)),
      1,
    );
    return {
      value: sub(corr(rp, lag(ro, 1), w), corr(ro, lag(rp, 1), w)),
      sync_corr: corr(rp, ro, w),
    };
  },
};
