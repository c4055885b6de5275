export { type CalibrateOptions, type CalibrationResult, calibrateWorld } from './calibrate.js';
export { type CausalEdge, defaultCausalGraph } from './causalGraph.js';
export { DEFAULT_MACRO_PARAMS, MACRO_REGIMES, MACRO_SERIES, type MacroDay, MacroProcess } from './macro.js';
export { DEFAULT_NEWS_PARAMS, type NewsEvent, NewsStream } from './news.js';
export { NEWS_CATEGORIES, type NewsCategory } from './newsTemplates.js';
export { blackScholes, normCdf, OptionsDesk } from './optionsDesk.js';
export { type KlineSeries, readKlinesCsv } from './realData.js';
export {
  DEFAULT_REGIME_EFFECTS,
  defaultRegimeTransitions,
  MARKET_REGIMES,
  type MarketRegimeLabel,
  RegimeChain,
} from './regimes.js';
export {
  BUILTIN_SCENARIOS,
  CALIBRATION_KNOBS,
  loadScenario,
  parseScenario,
  type Scenario,
  type ScenarioInput,
  scenarioSchema,
  type WorldParams,
} from './scenario.js';
export { SentimentIndices } from './sentimentIndices.js';
export { simulateFacts } from './simFacts.js';
export { StoreSink } from './storeSink.js';
export {
  acf,
  computeStylizedFacts,
  excessKurtosis,
  type FactsInput,
  factsDistance,
  hillTailIndex,
  type StylizedFacts,
} from './stylizedFacts.js';
export { type GroundTruth, World } from './world.js';
