import type { FactorSpec } from '../spec.js';

/** The sentiment factors of the catalogue (one file per factor in this folder). */
export const sentimentFactors: FactorSpec[] = [];
