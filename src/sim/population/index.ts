export { AGENT_GROUPS, type AgentContext, type AgentGroup, type PopulationAgent } from './agent.js';
export { type AssetSpec, AssetMarket, type WorldView } from './assetMarket.js';
export { ChainState, nextBaseFee } from './chain.js';
export { type DexPool, V2Dex, V3Dex } from './dex.js';
export { LENDING_PARAMS, LendingDesk } from './lending.js';
export { BUY, LimitBook, SELL } from './limitBook.js';
export { CountingSink, MemorySink, type RecordSink } from './recordSink.js';
export { RMSC04_DEFAULTS, type Rmsc04Config, type Rmsc04Result, runRmsc04 } from './rmsc04.js';
export { WakeHeap } from './wakeHeap.js';
