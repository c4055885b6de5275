import type { FactorSpec } from '../spec.js';
import { bankingEngagement } from './banking_engagement.js';
import { complianceCost } from './compliance_cost.js';
import { corporateTreasury } from './corporate_treasury.js';
import { etfFlows } from './etf_flows.js';
import { institutionalAdoption } from './institutional_adoption.js';
import { legalFramework } from './legal_framework.js';
import { policyUncertainty } from './policy_uncertainty.js';
import { regulatoryEvents } from './regulatory_events.js';

/** The regulatory factors of the catalogue (one file per factor in this folder). */
export const regulatoryFactors: FactorSpec[] = [
  regulatoryEvents,
  institutionalAdoption,
  etfFlows,
  corporateTreasury,
  bankingEngagement,
  legalFramework,
  complianceCost,
  policyUncertainty,
];
