export {
  loadCarryPanel,
  loadDailyPanel,
  type LoadPanelOptions,
  readDailyFunding,
  readOhlcvCsv,
  SHARED_DAILY_MAJORS,
} from './loadBars.js';
export {
  computeMetrics,
  deflatedSharpe,
  type DrawdownStats,
  drawdownStats,
  expectedMaxSharpe,
  maxDrawdown,
  type Metrics,
  type MetricsOptions,
  priceDrawdown,
  probabilisticSharpe,
} from './metrics.js';
export { alignPanel, type MarketPanel, PanelView, periodsPerYear, slicePanel } from './panel.js';
export { pointInTimeImpactInputs } from './pointInTimeInputs.js';
export { type BacktestOptions, type BacktestResult, runBacktest } from './runBacktest.js';
export { runVectorized, strategyWeights, type VectorizedResult } from './runVectorized.js';
export {
  BUILTIN_STRATEGIES,
  type BuiltinStrategyName,
  buyAndHold,
  equalWeight,
  fundingCarry,
  inverseVolatility,
  maCrossover,
  makeStrategy,
  trailingVol,
} from './strategies.js';
export { type Strategy, signalStrategy } from './strategy.js';
export { syntheticPanel } from './testPanel.js';
export {
  type AttributionSummary,
  expandGrid,
  type FoldResult,
  type ParamGrid,
  purgedKFoldSplits,
  type Split,
  type SweepRow,
  sumFoldAttribution,
  sweep,
  walkForward,
  type WalkForwardResult,
  type WalkForwardSplitOptions,
  walkForwardSplits,
} from './walkForward.js';
