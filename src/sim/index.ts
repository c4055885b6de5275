// Public API of the market simulator mechanics (src/sim). World and population modules build on these.
// Kernel
export { EventQueue } from './eventQueue.js';
export { ConstantLatency, Kernel, NS_PER_MS, NS_PER_SEC, PairLatency } from './kernel.js';
export type { AgentHandle, KernelOptions, LatencyModel, SimAgent } from './kernel.js';
// Records
export { BarAggregator } from './barAggregator.js';
export { MemorySink, NULL_SINK, SIM_SOURCE } from './recordSink.js';
export type { RecordSink } from './recordSink.js';
// Fixed-point types and instruments
export { Instrument } from './types/instrument.js';
export type { InstrumentSpec } from './types/instrument.js';
export { addPrice, priceFromNumber, priceToNumber, subPrice } from './types/price.js';
export type { Price } from './types/price.js';
export { addQuantity, quantityFromNumber, quantityToNumber, subQuantity } from './types/quantity.js';
export type { Quantity } from './types/quantity.js';
export { roundHalfEven } from './types/fixed.js';
// Centralized exchange
export {
  BUY,
  CANCEL_STP,
  CANCEL_USER,
  FOK,
  GTC,
  IOC,
  SELL,
  STATUS_CANCELLED,
  STATUS_FILLED,
  STATUS_REJECTED,
  STATUS_RESTING,
  STP_EXPIRE_BOTH,
  STP_EXPIRE_MAKER,
  STP_EXPIRE_TAKER,
  STP_NONE,
} from './orderTypes.js';
export type { BookListener, L3Order, OrderBookOptions, Side, StpMode, TimeInForce } from './orderTypes.js';
export { OrderBook } from './orderBook.js';
export { Exchange } from './exchange.js';
export { bookSnapshotRecord, quoteRecord } from './bookRecords.js';
export type { OrderFilled } from './events.js';
export { Position } from './position.js';
export type { Balance, ExchangeInstrumentSpec, ExchangeOptions } from './exchange.js';
// AMMs
export { V2Pair, MINIMUM_LIQUIDITY } from './amm/v2Pair.js';
export { V3Pool } from './amm/v3Pool.js';
export type { TickInfo, V3Position, V3SwapResult } from './amm/v3Pool.js';
export {
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
} from './amm/tickMath.js';
export {
  getAmount0Delta,
  getAmount1Delta,
  getNextSqrtPriceFromInput,
  getNextSqrtPriceFromOutput,
} from './amm/sqrtPriceMath.js';
export { computeSwapStep, FEE_DENOMINATOR } from './amm/swapMath.js';
export type { SwapStep } from './amm/swapMath.js';
export { Q96, Q128, mulDiv, mulDivRoundingUp, sqrtBigInt } from './amm/fullMath.js';
// Lending
export { LendingMarket } from './lending/lendingMarket.js';
export type { LiquidationResult, ReserveParams } from './lending/lendingMarket.js';
export {
  SECONDS_PER_YEAR,
  WAD,
  borrowRate,
  fromWad,
  supplyRate,
  toWad,
  utilizationRate,
} from './lending/rateModel.js';
export type { RateModelParams } from './lending/rateModel.js';
// Derivatives
export { PerpVenue } from './derivatives/perpVenue.js';
export type { PerpLiquidation, PerpOptions } from './derivatives/perpVenue.js';
export {
  DEFAULT_INTEREST_RATE,
  FUNDING_CLAMP,
  averagePremium,
  fundingRate,
  median3,
  premiumIndex,
} from './derivatives/funding.js';
export { blackScholes, impliedVol } from './derivatives/blackScholes.js';
export type { BsResult, OptionType } from './derivatives/blackScholes.js';
export { IvSurface } from './derivatives/ivSurface.js';
export type { IvSurfaceParams } from './derivatives/ivSurface.js';
export { OptionsVenue } from './derivatives/optionsVenue.js';
export type { OptionSeries } from './derivatives/optionsVenue.js';
// Chain
export { Chain, FLASH_LENDER, GAS_ESCROW, STAKING_ADDRESS } from './chain/chain.js';
export type { ChainOptions } from './chain/chain.js';
export { Ledger } from './chain/ledger.js';
export type { TokenLedger } from './chain/ledger.js';
export {
  BASE_FEE_MAX_CHANGE_DENOMINATOR,
  ELASTICITY_MULTIPLIER,
  effectivePriorityFee,
  nextBaseFee,
} from './chain/eip1559.js';
export { Bridge } from './chain/bridge.js';
export { ValidatorSet } from './chain/validatorSet.js';
export { ChainMetricsWindow } from './chain/chainMetrics.js';
export { runLiquidityCall, runSwapCall } from './chain/ammCalls.js';
export type { LiquidityCall, PoolEntryV2, PoolEntryV3, SwapCall, SwapOutcome } from './chain/ammCalls.js';
export { blockProducerAgent } from './chain/blockProducer.js';
export type { BlockProducerOptions } from './chain/blockProducer.js';
export type { BridgeEndpoint } from './chain/bridge.js';
export { GAS, hashId } from './chain/txTypes.js';
export type { PendingTx, TxCall, TxReceipt, TxRequest } from './chain/txTypes.js';
// Scenario
export { runMechanicsScenario } from './mechanicsScenario.js';
export type { MechanicsScenarioOptions, MechanicsScenarioResult } from './mechanicsScenario.js';
