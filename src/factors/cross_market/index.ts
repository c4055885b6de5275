import type { FactorSpec } from '../spec.js';

/** The cross_market factors of the catalogue (one file per factor in this folder). */
export const crossMarketFactors: FactorSpec[] = [];
