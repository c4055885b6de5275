import { $, logRet, mean } from '../dsl.js';
import { dailyInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

const devs = mean($('devs'), 30);

/** Developer ecosystem health. */
export const devEcosystem: FactorSpec = {
  id: 'dev_ecosystem',
  category: 'infrastructure',
  name: 'Developer ecosystem health',
  definition:
    "Monthly active developers across the ecosystem's repositories (index dev_active_developers, Electric " +
    'Capital style: authors with >= 1 commit in 28 days) as a 30-day mean; its 90-day and 365-day log growth; ' +
    'active repositories (dev_active_repos) 90-day log growth.',
  reference:
    'Electric Capital Developer Report (2023) methodology; Bhambhwani, Delikouras & Korniotis (2019).',
  inputs: [
    dailyInput('devs', 'index', 'dev_active_developers', { staleMs: 35 * 86_400_000 }),
    dailyInput('repos', 'index', 'dev_active_repos', { optional: true, staleMs: 35 * 86_400_000 }),
  ],
  frequency: '1d',
  unit: 'developers',
  outputs: [
    { name: 'value', unit: 'developers', description: '30-day mean active developers' },
    { name: 'growth_90d', unit: 'log', description: '90-day log growth' },
    { name: 'growth_365d', unit: 'log', description: '365-day log growth' },
    { name: 'repos_growth_90d', unit: 'log', description: '90-day log growth of active repositories' },
  ],
  expr: {
    value: devs,
    growth_90d: logRet(devs, 90),
    growth_365d: logRet(devs, 365),
    repos_growth_90d: logRet($('repos'), 90),
  },
};
