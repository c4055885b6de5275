// Public API of the environments domain (src/env).
export {
  type CheckEnvOptions,
  checkEnv,
  checkParallelEnv,
  cloneValue,
  type EnvCheck,
  type EnvCheckReport,
  sameValue,
} from './checkEnv.js';
export { CartPoleEnv } from './classic/cartPole.js';
export { angleNormalize, PendulumEnv } from './classic/pendulum.js';
export { Env, type EnvMetadata, type Info, type ResetArgs, type StepReturn } from './core.js';
export {
  ARB_ROUTES,
  ArbitrageEnv,
  type ArbitrageEnvConfig,
  type ArbitrageState,
} from './markets/arbitrageEnv.js';
export {
  AvellanedaStoikovAgent,
  type AvellanedaStoikovParams,
  type MarketMakingStats,
  runAvellanedaStoikov,
} from './markets/avellanedaStoikov.js';
export { MarketMakingEnv, type MarketMakingEnvConfig } from './markets/marketMakingEnv.js';
export {
  MARKET_AGENTS,
  MarketParallelEnv,
  type MarketParallelEnvConfig,
} from './markets/marketParallelEnv.js';
export { PortfolioEnv, type PortfolioEnvConfig, type PortfolioObservation } from './markets/portfolioEnv.js';
export { ReplayEnv, type ReplayEnvOptions } from './markets/replayEnv.js';
export { momentumBook, RiskEnv, type RiskEnvConfig } from './markets/riskEnv.js';
export { SIDE_BUY, SIDE_HOLD, SIDE_SELL, TradingEnv, type TradingEnvConfig } from './markets/tradingEnv.js';
export { FactorPanel } from './mdp/factorPanel.js';
export { type FactorStamp, type MarketInputs, marketInputs } from './mdp/marketInputs.js';
export { type AssetData, buildReplayData, type ReplayData } from './mdp/replayData.js';
export { ReplayBroker, type ReplayBrokerOptions } from './mdp/replayBroker.js';
export {
  CvarPenalizedReward,
  DifferentialSharpeReward,
  DifferentialSortinoReward,
  DrawdownPenalizedReward,
  LogReturnReward,
  makeReward,
  REWARD_NAMES,
  type RewardFunction,
  type RewardName,
  type RewardParams,
} from './mdp/rewards.js';
export { type SimulatedMarketOptions, simulatedMarket } from './mdp/simulatedMarket.js';
export {
  computeFactors,
  type SyntheticMarketOptions,
  sharedSyntheticMarket,
  syntheticMarket,
} from './mdp/syntheticMarket.js';
export { type AgentDict, ParallelEnv, type ParallelStepReturn } from './parallelEnv.js';
export {
  checkRegisteredEnv,
  type EnvSpec,
  envSpec,
  listEnvs,
  makeEnv,
  makeParallelEnv,
  registerEnv,
} from './registry.js';
export { Box } from './spaces/box.js';
export { Dict, type DictValue } from './spaces/dict.js';
export { Discrete } from './spaces/discrete.js';
export { MultiDiscrete } from './spaces/multiDiscrete.js';
export { shapeSize, type Space, type SpaceDtype } from './spaces/space.js';
export {
  type AutoresetMode,
  type BatchedAction,
  type BatchedObs,
  VectorEnv,
  type VectorEnvOptions,
  type VectorInfo,
} from './vectorEnv.js';
export { FlattenObservation } from './wrappers/flattenObservation.js';
export { FrameStack } from './wrappers/frameStack.js';
export { NormalizeObservation } from './wrappers/normalizeObservation.js';
export { NormalizeReward } from './wrappers/normalizeReward.js';
export { type EpisodeStatistics, RecordEpisodeStatistics } from './wrappers/recordEpisodeStatistics.js';
export { RunningMeanStd } from './wrappers/runningMeanStd.js';
export { TimeLimit } from './wrappers/timeLimit.js';
export { Wrapper } from './wrappers/wrapper.js';
