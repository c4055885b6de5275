import { $, logRet, mean, mul } from '../dsl.js';
import { dailyInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

/** Community growth metrics. */
export const communityGrowth: FactorSpec = {
  id: 'community_growth',
  category: 'sentiment',
  name: 'Community growth metrics',
  definition:
    "Community size C = followers/subscribers/members of the project's official channels (index " +
    'community_members: X/Twitter followers + Reddit subscribers + Telegram/Discord members): 7-day and ' +
    '30-day log growth ln(C_t/C_{t-k}); annualized 30-day growth (x 365/30); 7-day mean of daily growth.',
  reference:
    'Phillips & Gorse (2018), "Cryptocurrency price drivers: Wavelet coherence analysis revisited", PLOS ONE (Reddit subscribers).',
  inputs: [dailyInput('members', 'index', 'community_members')],
  frequency: '1d',
  unit: 'log',
  outputs: [
    { name: 'value', unit: 'log', description: '30-day log growth of community size' },
    { name: 'growth_7d', unit: 'log', description: '7-day log growth' },
    { name: 'growth_annualized', unit: 'annualized log', description: '30-day growth x 365/30' },
    { name: 'daily_growth_7d', unit: 'log', description: '7-day mean of 1-day log growth' },
  ],
  expr: {
    value: logRet($('members'), 30),
    growth_7d: logRet($('members'), 7),
    growth_annualized: mul(logRet($('members'), 30), 365 / 30),
    daily_growth_7d: mean(logRet($('members'), 1), 7),
  },
};
