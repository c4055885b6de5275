import type { FactorSpec } from '../spec.js';

/** The infrastructure factors of the catalogue (one file per factor in this folder). */
export const infrastructureFactors: FactorSpec[] = [];
