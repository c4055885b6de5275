import { $, div, mean, sum } from '../dsl.js';
import { dailyInput, sumInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

const participation = div($('votes'), $('voting_supply'));

/** Governance token voting patterns. */
export const governanceVoting: FactorSpec = {
  id: 'governance_voting',
  category: 'defi',
  name: 'Governance token voting patterns',
  definition:
    'Governance participation = governance tokens voting on proposals closed that day / circulating voting ' +
    'supply, as-of the latest closed proposal (stale after 30 days); 30-day mean participation; proposals per ' +
    '30 days (events governance_proposal); vote concentration = top-10 voters share of votes (metric).',
  reference:
    'Barbereau et al. (2022), "DeFi, not so decentralized: the measured distribution of voting rights", HICSS; Fritsch, Müller & Wattenhofer (2022).',
  inputs: [
    dailyInput('votes', 'defi', 'gov_votes_cast', { staleMs: 30 * 86_400_000 }),
    dailyInput('voting_supply', 'defi', 'gov_voting_supply', { staleMs: 30 * 86_400_000 }),
    sumInput('proposals', 'events', 'governance_proposal', { optional: true }),
    dailyInput('top10', 'defi', 'gov_top10_vote_share', { optional: true, staleMs: 30 * 86_400_000 }),
  ],
  frequency: '1d',
  unit: 'ratio',
  outputs: [
    { name: 'value', unit: 'ratio', description: 'votes cast / voting supply' },
    { name: 'participation_30d', unit: 'ratio', description: '30-day mean participation' },
    { name: 'proposals_30d', unit: 'proposals', description: 'proposals in the last 30 days' },
    { name: 'top10_share', unit: 'ratio', description: 'top-10 voters share of votes' },
  ],
  expr: {
    value: participation,
    participation_30d: mean(participation, 30),
    proposals_30d: sum($('proposals'), 30),
    top10_share: $('top10'),
  },
};
