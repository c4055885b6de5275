import type { FactorSpec } from '../spec.js';

/** The macro factors of the catalogue (one file per factor in this folder). */
export const macroFactors: FactorSpec[] = [];
