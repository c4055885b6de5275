import { $, logRet, sum, zscore } from '../dsl.js';
import { dailyInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

const commits30 = sum($('commits'), 30);

/** Developer activity. */
export const devActivity: FactorSpec = {
  id: 'dev_activity',
  category: 'sentiment',
  name: 'Developer activity (GitHub commits, releases)',
  definition:
    "GitHub commits per day across the project's core repositories (index dev_commits) and releases per day " +
    '(dev_releases): 30-day commit sum; 90-day z-score of the 30-day sum (ddof 1); 90-day log growth of the ' +
    '30-day sum; 90-day release count.',
  reference:
    'Electric Capital Developer Report methodology; Bhambhwani, Delikouras & Korniotis (2019), "Do fundamentals drive cryptocurrency prices?".',
  inputs: [
    dailyInput('commits', 'index', 'dev_commits'),
    dailyInput('releases', 'index', 'dev_releases', { optional: true }),
  ],
  frequency: '1d',
  unit: 'commits',
  outputs: [
    { name: 'value', unit: 'commits', description: '30-day commit count' },
    { name: 'z90', unit: 'z', description: '90-day z-score of the 30-day commit count' },
    { name: 'growth_90d', unit: 'log', description: '90-day log growth of the 30-day commit count' },
    { name: 'releases_90d', unit: 'releases', description: 'releases in the last 90 days' },
  ],
  expr: {
    value: commits30,
    z90: zscore(commits30, 90),
    growth_90d: logRet(commits30, 90),
    releases_90d: sum($('releases'), 90),
  },
};
