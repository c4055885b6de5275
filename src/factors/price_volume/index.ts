import type { FactorSpec } from '../spec.js';

/** The price_volume factors of the catalogue (one file per factor in this folder). */
export const priceVolumeFactors: FactorSpec[] = [];
