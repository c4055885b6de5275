export { type RegimeModel, type RegimeStats, fitRegimes, regimeFeatures, regimeScale } from './regimes.js';
export {
  type HmmRegimeOptions,
  hmmRegimeProbabilities,
  type RiskOverlayOptions,
  riskOverlay,
} from './riskOverlay.js';
export { portfolioReturns, type RiskReport, type RiskReportOptions, riskReport } from './riskReport.js';
export { type RollingVarMethod, type RollingVarOptions, rollingVarForecasts } from './rollingVar.js';
export { drawdownScale, kellyWeight, kellyWeights, volTargetScale } from './sizing.js';
export {
  applyShocks,
  type CrisisWindow,
  CRYPTO_CRISES,
  DEFAULT_SHOCKS,
  findWorstWindows,
  type HypotheticalShock,
  replayCrises,
  shockPortfolioFromPanel,
  type ShockPortfolio,
  type ShockResult,
  type StressResult,
} from './stress.js';
export {
  cornishFisherVarEs,
  cornishFisherZ,
  FhsSampler,
  fhsVarEs,
  type GarchState,
  garchState,
  gaussianVarEs,
  historicalVarEs,
  monteCarloVarEs,
  overlappingReturns,
  type ReturnMoments,
  returnMoments,
  type ReturnSampler,
  studentTDof,
  studentTVarEs,
  type VarEs,
} from './valueAtRisk.js';
export {
  backtestVar,
  christoffersenIndependence,
  kupiecPof,
  type LrTest,
  type VarBacktest,
} from './varBacktest.js';
export {
  GarchNormalSampler,
  STANDARD_HORIZONS,
  VAR_METHODS,
  type VarMethod,
  type VarRow,
  type VarTableOptions,
  varTable,
} from './varTable.js';
