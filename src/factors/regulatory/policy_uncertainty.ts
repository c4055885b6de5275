import { $, div, mean, mul, sum, zscore } from '../dsl.js';
import { sumInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

const W = 30;
const BASE = 365;
const share = div(sum($('epu'), W), sum($('news'), W));

/** Government stance and policy uncertainty. */
export const policyUncertainty: FactorSpec = {
  id: 'policy_uncertainty',
  category: 'regulatory',
  name: 'Government stance and policy uncertainty',
  definition:
    'News-based crypto policy-uncertainty index, Baker-Bloom-Davis (EPU) method: an item counts when it holds ' +
    'an economy term (economy, market, crypto...), a policy term (regulation, SEC, Congress, Fed, central ' +
    'bank, MiCA...) and an uncertainty term (uncertain, uncertainty); share s_t = EPU items / all items over ' +
    `${W} days (scaling by the news volume); index = 100 * s_t / mean(s over the last ${BASE} days) (mean 100 ` +
    `over a rolling base period, point-in-time); raw share; 90-day z-score of s (ddof 1).`,
  reference:
    'Baker, Bloom & Davis (2016), "Measuring Economic Policy Uncertainty", QJE 131(4); Lucey et al. (2022), "The cryptocurrency uncertainty index", FRL 45.',
  inputs: [
    sumInput('epu', 'text', 'epu', { source: 'news' }),
    sumInput('news', 'text', 'count', { source: 'news' }),
  ],
  frequency: '1d',
  unit: 'index',
  outputs: [
    { name: 'value', unit: 'index', description: `EPU index (rolling ${BASE}-day mean = 100)` },
    { name: 'share', unit: 'ratio', description: `EPU share of news over ${W} days` },
    { name: 'z90', unit: 'z', description: '90-day z-score of the share' },
  ],
  expr: { value: mul(100, div(share, mean(share, BASE))), share, z90: zscore(share, 90) },
};
