import type { FactorSpec } from '../spec.js';

/** The defi factors of the catalogue (one file per factor in this folder). */
export const defiFactors: FactorSpec[] = [];
