// Public API of the pipeline domain: the main job (simulated world or sample -> store -> factors -> walk-forward backtests ->
// risk report -> results.json).
export {
  type FactorCoverageRow,
  MAIN_JOB_SOURCES,
  MAIN_JOB_STAGES,
  MAIN_JOB_STRATEGIES,
  type MainJobOptions,
  type MainJobOutput,
  type MainJobProgress,
  type MainJobResults,
  type MainJobSource,
  type MainJobSourceInfo,
  type MainJobStage,
  type MainJobStrategy,
  resultsToJson,
  runMainJob,
  type StrategyResult,
  type StrategyRisk,
} from './mainJob.js';
