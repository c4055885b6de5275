import type { FactorSpec } from '../spec.js';
import { crossChain } from './cross_chain.js';
import { devEcosystem } from './dev_ecosystem.js';
import { energy } from './energy.js';
import { governanceEffectiveness } from './governance_effectiveness.js';
import { infraInvestment } from './infra_investment.js';
import { networkSecurity } from './network_security.js';
import { throughput } from './throughput.js';

/** The infrastructure factors of the catalogue (one file per factor in this folder). */
export const infrastructureFactors: FactorSpec[] = [
  networkSecurity,
  throughput,
  crossChain,
  devEcosystem,
  infraInvestment,
  governanceEffectiveness,
  energy,
];
