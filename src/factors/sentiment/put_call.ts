import { $, mean, zscore } from '../dsl.js';
import { dailyInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

/** Options market sentiment (put/call ratios). */
export const putCall: FactorSpec = {
  id: 'put_call',
  category: 'sentiment',
  name: 'Options market sentiment (put/call ratios)',
  definition:
    'Put/call open-interest ratio = sum of put OI / sum of call OI across listed expiries (Deribit), put/call ' +
    'volume ratio, and 25-delta risk reversal skew = IV(25d put) - IV(25d call) in vol points (decimal) for ' +
    'the 30-day tenor; 7-day mean OI ratio; 30-day z-score of the OI ratio (ddof 1). Snapshots as-of, stale ' +
    'after 2 days.',
  reference:
    'Pan & Poteshman (2006), "The information in option volume for future stock prices", RFS; Deribit OI data.',
  inputs: [
    dailyInput('pc_oi', 'options', 'put_call_oi', { lagMs: 0, staleMs: 2 * 86_400_000 }),
    dailyInput('pc_vol', 'options', 'put_call_volume', { lagMs: 0, staleMs: 2 * 86_400_000, optional: true }),
    dailyInput('skew', 'options', 'skew_25d', { lagMs: 0, staleMs: 2 * 86_400_000, optional: true }),
  ],
  frequency: '1d',
  unit: 'ratio',
  outputs: [
    { name: 'value', unit: 'ratio', description: 'put/call open-interest ratio' },
    { name: 'volume_ratio', unit: 'ratio', description: 'put/call volume ratio' },
    { name: 'skew_25d', unit: 'decimal', description: '25-delta put IV - call IV' },
    { name: 'mean_7d', unit: 'ratio', description: '7-day mean put/call OI ratio' },
    { name: 'z30', unit: 'z', description: '30-day z-score of the OI ratio' },
  ],
  expr: {
    value: $('pc_oi'),
    volume_ratio: $('pc_vol'),
    skew_25d: $('skew'),
    mean_7d: mean($('pc_oi'), 7),
    z30: zscore($('pc_oi'), 30),
  },
};
