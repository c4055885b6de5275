import { $, div, sum } from '../dsl.js';
import { sumInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

const W = 90;

/** Protocol governance effectiveness. */
export const governanceEffectiveness: FactorSpec = {
  id: 'governance_effectiveness',
  category: 'infrastructure',
  name: 'Protocol governance effectiveness',
  definition:
    `Over ${W} days of governance events (events governance_closed / governance_passed / governance_executed): ` +
    'decision rate = passed / closed proposals; execution rate = executed / passed (how often approved ' +
    'changes ship); proposals closed; mean days from proposal close to execution = sum of delays ' +
    '(governance_execution_delay_days, summed per execution) / executed.',
  reference:
    'Fritsch, Müller & Wattenhofer (2022), "Analyzing Voting Power in Decentralized Governance: Who controls DAOs?", arXiv:2204.01176; Compound Governor Bravo lifecycle.',
  inputs: [
    sumInput('closed', 'events', 'governance_closed'),
    sumInput('passed', 'events', 'governance_passed'),
    sumInput('executed', 'events', 'governance_executed', { optional: true }),
    sumInput('delay', 'events', 'governance_execution_delay_days', { optional: true }),
  ],
  frequency: '1d',
  unit: 'ratio',
  outputs: [
    { name: 'value', unit: 'ratio', description: `passed / closed proposals over ${W} days` },
    { name: 'execution_rate', unit: 'ratio', description: `executed / passed over ${W} days` },
    { name: 'proposals', unit: 'proposals', description: `proposals closed over ${W} days` },
    { name: 'execution_delay_days', unit: 'days', description: 'mean close-to-execution delay' },
  ],
  expr: {
    value: div(sum($('passed'), W), sum($('closed'), W)),
    execution_rate: div(sum($('executed'), W), sum($('passed'), W)),
    proposals: sum($('closed'), W),
    execution_delay_days: div(sum($('delay'), W), sum($('executed'), W)),
  },
};
