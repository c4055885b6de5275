export { Account } from './account.js';
export { calibrateImpact, type ImpactCalibration } from './calibrateImpact.js';
export {
  DEFAULT_EXECUTION_CONFIG,
  type ExecutionConfig,
  type ExecutionConfigInput,
  frictionlessConfig,
  type ImpactModel,
  resolveExecutionConfig,
} from './config.js';
export { ExecutionModel } from './executionModel.js';
export { fillOrdersBatch, type FillOrdersBatchResult } from './fillOrdersBatch.js';
export { OrderQueue } from './orderQueue.js';
export {
  type BookSide,
  createFillReport,
  createMarketSnapshot,
  FillReason,
  type FillReport,
  FillStatus,
  type L2Book,
  type MarketSnapshot,
  OrderType,
} from './types.js';
