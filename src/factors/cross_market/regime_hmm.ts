import { $, gt, hmmRegime, logRet } from '../dsl.js';
import { barInput } from '../inputs.js';
import type { FactorSpec } from '../spec.js';

/** Market regime from a 2-state Gaussian HMM on daily returns. */
export const regimeHmm: FactorSpec = {
  id: 'regime_hmm',
  category: 'cross_market',
  name: 'Market regime identification',
  definition:
    'value: filtered probability P(turbulent | returns up to t) of a 2-state Gaussian HMM (diagonal covariance) on ' +
    'the features (r_t, |r_t|) of daily log returns, the turbulent state being the one with larger mean |r|; ' +
    'fitted by Baum-Welch on the last 730 daily returns known at the time, first after 250 returns, refitted every ' +
    '180 days, forward-filtered between refits (no smoothing: nothing after t is used); turbulent: 1 when value > 0.5.',
  reference: 'Hamilton (1989), Econometrica 57; Rabiner (1989), Proc. IEEE 77; Ang & Bekaert (2002) RFS 15.',
  inputs: [barInput('close', 'close')],
  frequency: '1d',
  unit: 'probability',
  outputs: [
    { name: 'value', unit: 'probability', description: 'probability of the turbulent regime' },
    { name: 'turbulent', unit: 'flag', description: '1 when the turbulent regime is more likely' },
  ],
  expr: () => {
    const p = hmmRegime(logRet($('close'), 1), 730, 180, 250);
    return { value: p, turbulent: gt(p, 0.5) };
  },
};
