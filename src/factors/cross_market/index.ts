import type { FactorSpec } from '../spec.js';
import { contagion } from './contagion.js';
import { cryptoBeta } from './crypto_beta.js';
import { regimeHmm } from './regime_hmm.js';
import { systemicRisk } from './systemic_risk.js';
import { traditionalCorrelation } from './traditional_correlation.js';

/** The cross-market factors of the catalogue, in the seed's order (one file per factor in this folder). */
export const crossMarketFactors: FactorSpec[] = [
  traditionalCorrelation,
  cryptoBeta,
  regimeHmm,
  contagion,
  systemicRisk,
];
