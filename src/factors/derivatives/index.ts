import type { FactorSpec } from '../spec.js';

/** The derivatives factors of the catalogue (one file per factor in this folder). */
export const derivativesFactors: FactorSpec[] = [];
