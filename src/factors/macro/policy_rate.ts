import { $, diff } from '../dsl.js';
import { macroInput } from '../inputs.js';
import { DAY_MS, type FactorSpec } from '../spec.js';

/** Federal funds effective rate: level and changes. */
export const policyRate: FactorSpec = {
  id: 'policy_rate',
  category: 'macro',
  name: 'Federal Reserve policy and interest rates',
  definition:
    'value: effective federal funds rate (FRED DFF, decimal) as known at the day’s end (published the next ' +
    'business day: lag 1 day, staleness 7 days); change_30d / change_90d: value_t - value_{t-30d} / value_{t-90d} ' +
    '(decimal).',
  reference: 'FRED series DFF (Board of Governors, H.15).',
  inputs: [macroInput('dff', 'DFF', { publicationLagMs: DAY_MS, maxStalenessMs: 7 * DAY_MS })],
  frequency: '1d',
  unit: 'decimal',
  outputs: [
    { name: 'value', unit: 'decimal', description: 'effective fed funds rate' },
    { name: 'change_30d', unit: 'decimal', description: '30-day change' },
    { name: 'change_90d', unit: 'decimal', description: '90-day change' },
  ],
  expr: () => {
    const r = $('dff');
    return { value: r, change_30d: diff(r, 30), change_90d: diff(r, 90) };
  },
};
