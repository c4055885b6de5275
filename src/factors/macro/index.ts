import type { FactorSpec } from '../spec.js';
import { cbdcNews } from './cbdc_news.js';
import { commodities } from './commodities.js';
import { dxyCorrelation } from './dxy_correlation.js';
import { equityMarkets } from './equity_markets.js';
import { inflation } from './inflation.js';
import { policyRate } from './policy_rate.js';
import { riskOff } from './risk_off.js';
import { yieldCurve } from './yield_curve.js';

/** The macro factors of the catalogue, in the seed's order (one file per factor in this folder). */
export const macroFactors: FactorSpec[] = [
  policyRate,
  dxyCorrelation,
  equityMarkets,
  yieldCurve,
  inflation,
  commodities,
  riskOff,
  cbdcNews,
];
