// Public API of the market simulator mechanics (src/sim). World and population modules build on these.
export { EventQueue } from './eventQueue.js';
export { ConstantLatency, Kernel, NS_PER_MS, NS_PER_SEC, PairLatency } from './kernel.js';
export type { AgentHandle, KernelOptions, LatencyModel, SimAgent } from './kernel.js';
export {
  BUY,
  CANCEL_STP,
  CANCEL_USER,
  FOK,
  GTC,
  IOC,
  OrderBook,
  SELL,
  STATUS_CANCELLED,
  STATUS_FILLED,
  STATUS_REJECTED,
  STATUS_RESTING,
  STP_EXPIRE_BOTH,
  STP_EXPIRE_MAKER,
  STP_EXPIRE_TAKER,
  STP_NONE,
} from './orderBook.js';
export type { BookListener, L3Order, OrderBookOptions, Side, StpMode, TimeInForce } from './orderBook.js';
export { Exchange } from './exchange.js';
export type { Balance, ExchangeInstrumentSpec, ExchangeOptions } from './exchange.js';
export { BarAggregator } from './barAggregator.js';
export { MemorySink, NULL_SINK, SIM_SOURCE } from './recordSink.js';
export type { RecordSink } from './recordSink.js';
export { Instrument } from './types/instrument.js';
export type { InstrumentSpec } from './types/instrument.js';
export { addPrice, priceFromNumber, priceToNumber, subPrice } from './types/price.js';
export type { Price } from './types/price.js';
export { addQuantity, quantityFromNumber, quantityToNumber, subQuantity } from './types/quantity.js';
export type { Quantity } from './types/quantity.js';
export { roundHalfEven } from './types/fixed.js';
