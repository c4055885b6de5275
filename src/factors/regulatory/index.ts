import type { FactorSpec } from '../spec.js';

/** The regulatory factors of the catalogue (one file per factor in this folder). */
export const regulatoryFactors: FactorSpec[] = [];
