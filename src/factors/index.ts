// Public API of the factors domain: the 80-factor catalogue, the expression DSL and operators, the engine
// (batch and streaming, point-in-time), input providers (store, memory), tables, coverage and test harness.
export { type FactorCoverage, factorCoverage } from './coverage.js';
export { gammaExposure, type OptionQuote, surfaceMetrics } from './derivatives/optionChain.js';
export {
  $,
  abs,
  add,
  beta,
  coalesce,
  constant,
  corr,
  cov,
  cumsum,
  diff,
  div,
  ewm,
  ewmAlpha,
  exp,
  finiteFlag,
  garchVol,
  greater,
  gt,
  hmmRegime,
  lag,
  less,
  log,
  logRet,
  lt,
  mean,
  mul,
  nanCount,
  nanMax,
  nanMean,
  nanMin,
  nanRange,
  nanStd,
  neg,
  param,
  pctChange,
  pow,
  quantile,
  rank,
  rollMax,
  rollMin,
  sign,
  slope,
  sqrt,
  square,
  std,
  sub,
  sum,
  variance,
  zscore,
} from './dsl.js';
export {
  alignInput,
  computeFactor,
  FactorStreamEngine,
  type FactorInputData,
  type FactorResult,
  type FactorStreamOptions,
  type GridSpec,
  gridTimes,
  type InputSeries,
  knownAtOf,
  nativeGrid,
} from './engine.js';
export { createFactorStream, evaluateFactor } from './evaluate.js';
export { Const, type EvalEnv, Expr, Feature, Param, type StreamContext, type StreamNode } from './expr.js';
export { factorTableName, writeFactorTable } from './factorStore.js';
export { barInput, daysToRows, macroInput, seriesInput } from './inputs.js';
export { asofJoin, bucketAggregate } from './ops/asof.js';
export { crossSectionalRank } from './ops/crossSection.js';
export { GarchVolTracker, HmmRegimeTracker } from './ops/models.js';
export { rollingPair } from './ops/pairRolling.js';
export {
  MAX_MISSING_FRACTION,
  rollingMoment,
  rollingQuantile,
  rollingRank,
  rollingSlope,
} from './ops/rolling.js';
export { shiftKernel } from './ops/shift.js';
export { type InputProvider, type InputRequest, inputDataKey, MemoryProvider } from './provider.js';
export { allFactors, factorCounts, factorsByCategory, getFactor } from './registry.js';
export {
  DAY_MS,
  type ExprMap,
  FACTOR_CATEGORIES,
  type FactorCategory,
  type FactorComputeInputs,
  type FactorFrequency,
  type FactorInput,
  type FactorOutput,
  type FactorSpec,
  type FactorStream,
  factorColumnName,
  type GridParams,
  gridParams,
  HOUR_MS,
  type InputAlign,
  type InputKind,
} from './spec.js';
export { bookField, type InputLocation, resampleBars, StoreProvider } from './storeProvider.js';
export { computeFactorTable, type FactorTable, type FactorTableOptions, loadFactorInputs } from './table.js';
export {
  assertFactorProperties,
  checkFactorProperties,
  type FactorCheckOptions,
  type FactorCheckReport,
  streamFactor,
  syntheticFiniteFractions,
  truncateInputs,
} from './testing/checkFactor.js';
export { syntheticInputs } from './testing/synthetic.js';
export { factorLookback, resolveExprs, validateFactorSpec } from './validate.js';
