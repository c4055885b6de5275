import type { Rng } from '../../math/rng.js';
import type { AssetMarket, WorldView } from './assetMarket.js';
import type { BridgeDesk } from './bridgeDesk.js';
import type { ChainState } from './chain.js';
import type { V2Dex, V3Dex } from './dex.js';
import type { LendingDesk } from './lending.js';
import type { Mempool } from './mempool.js';
import type { PerpMarket } from './perpMarket.js';

/** Agent groups of the background population (the causal graph names them `agents.<group>`). */
export const AGENT_GROUPS = [
  'noise',
  'value',
  'momentum',
  'market_maker',
  'retail',
  'whale',
  'arbitrage',
  'cex_dex_arb',
  'funding_arb',
  'lp',
  'lender',
  'borrower',
  'liquidator',
  'staker',
  'mev',
  'leveraged',
] as const;
/** An agent group. */
export type AgentGroup = (typeof AGENT_GROUPS)[number];

/** Everything an asset's agents may read or act on. */
export interface AgentContext {
  market: AssetMarket;
  view: WorldView;
  perp: PerpMarket;
  lending: LendingDesk;
  chain: ChainState;
  /** The asset's Uniswap v2 pool (exact {@link V2Dex}), and its Uniswap v3 pool. */
  pool: V2Dex | undefined;
  v3: V3Dex | undefined;
  mempool: Mempool | undefined;
  /** The Ethereum <-> L2 bridge (on the Ethereum asset's context only). */
  bridge: BridgeDesk | undefined;
}

/**
 * A background agent: wakes at its own times (discrete-event, nanoseconds since the start of the current
 * day), acts on the markets, and says when it wants to wake next. Each owns a seeded {@link Rng}.
 */
export interface PopulationAgent {
  readonly id: number;
  readonly group: AgentGroup;
  /** Acts at `nowNs`; returns the delay until the next wake-up, ns (> 0). */
  wake(nowNs: number): number;
}

/** Nanoseconds per second. */
export const NS = 1_000_000_000;

/** Exponential delay (ns) with mean `meanSec` / `rateMult`, at least 1 ms. */
export function expDelay(rng: Rng, meanSec: number, rateMult = 1): number {
  return Math.max(1_000_000, Math.floor(rng.exponential(rateMult / meanSec) * NS));
}

/** Log-normal USD order size with median `medianUsd` and log-sd `sd`. */
export function sizeUsd(rng: Rng, medianUsd: number, sd: number): number {
  return medianUsd * Math.exp(sd * rng.normal());
}
