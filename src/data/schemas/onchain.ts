import { z } from 'zod';
import { amountField, baseRecord, chainField, uintString, valueField, venueField } from './common.js';

/** A chain-level metric (hash rate, active addresses, MVRV, exchange flows...): one value per (metric, time). */
export const onchainMetricSchema = baseRecord.extend({
  chain: chainField,
  /** Asset the metric is about (`BTC`); empty string when chain-wide. */
  asset: z.string().default(''),
  /** Metric id, snake_case (`hash_rate`, `active_addresses`, `exchange_inflow.binance`). */
  metric: z.string().min(1),
  value: valueField,
});
export type OnchainMetric = z.infer<typeof onchainMetricSchema>;

/** A block header. */
export const blockSchema = baseRecord.extend({
  chain: chainField,
  number: z.int().nonnegative(),
  hash: z.string().min(1),
  parentHash: z.string().optional(),
  txCount: z.int().nonnegative().optional(),
  gasUsed: amountField.optional(),
  gasLimit: amountField.optional(),
  /** Base fee per gas, in wei (EIP-1559), as a float. */
  baseFeePerGas: amountField.optional(),
  miner: z.string().optional(),
});
export type Block = z.infer<typeof blockSchema>;

/**
 * A transaction or transfer edge. `value` is the exact raw amount as a decimal string (wei for native ETH,
 * raw token units when `token` is set); `amount` is the same in human units (ETH) when known.
 * `logIndex` tells token transfers apart within one transaction (-1 for the native transfer itself).
 */
export const transactionSchema = baseRecord.extend({
  chain: chainField,
  /** Transaction hash; when a source has none, a deterministic id derived from the row's content. */
  hash: z.string().min(1),
  logIndex: z.int().default(-1),
  blockNumber: z.int().nonnegative().optional(),
  from: z.string().min(1),
  to: z.string().optional(),
  /** Token contract address for token transfers; absent for native value. */
  token: z.string().optional(),
  value: uintString.optional(),
  amount: amountField.optional(),
  gas: amountField.optional(),
  /** Gas price in wei. */
  gasPrice: amountField.optional(),
  /** Fee paid in wei (gas used times effective gas price). */
  fee: amountField.optional(),
});
export type Transaction = z.infer<typeof transactionSchema>;

/** A DEX swap: raw token amounts as exact decimal strings. */
export const dexSwapSchema = baseRecord.extend({
  chain: chainField,
  /** DEX id (`uniswap_v2`, `sushiswap`). */
  venue: venueField,
  pool: z.string().min(1),
  txHash: z.string().min(1),
  /** Position of the swap in its transaction: the log index, or the trace address for trace-decoded swaps. */
  swapIndex: z.string().min(1),
  blockNumber: z.int().nonnegative().optional(),
  tokenIn: z.string().min(1),
  tokenOut: z.string().min(1),
  amountIn: uintString,
  amountOut: uintString,
  trader: z.string().optional(),
  /** Position of the swap's transaction inside its block (orders swaps within a block; sandwich detection). */
  txPosition: z.int().nonnegative().optional(),
  /** Recipient of the output tokens (the searcher's contract for MEV swaps; sandwich detection). */
  to: z.string().optional(),
  /** Error of a failed (reverted) swap as reported by the source; absent when it succeeded. */
  error: z.string().optional(),
});
export type DexSwap = z.infer<typeof dexSwapSchema>;

/** AMM pool reserves at a time (human units of each token). */
export const poolReserveSchema = baseRecord.extend({
  chain: chainField,
  venue: venueField,
  pool: z.string().min(1),
  token0: z.string().optional(),
  token1: z.string().optional(),
  reserve0: amountField,
  reserve1: amountField,
  blockNumber: z.int().nonnegative().optional(),
});
export type PoolReserve = z.infer<typeof poolReserveSchema>;

/**
 * A DeFi protocol metric (one value per protocol, chain, asset, metric, time). Metric ids in use:
 * `tvl_usd`, `supply_rate`, `borrow_rate` (decimal APR), `utilization` (0..1), `reserves_usd`, `borrowed_usd`,
 * `liquidations_usd`, `bridge_inflow_usd`, `bridge_outflow_usd`, `revenue_usd`, `fees_usd`, `volume_usd`,
 * `mcap_usd`, `circulating_usd`, `price_usd`.
 */
export const defiMetricSchema = baseRecord.extend({
  /** Protocol id, lower-case (`aave`, `compound`, `uniswap`, `all` for market-wide totals). */
  protocol: z.string().regex(/^[a-z0-9_.-]+$/),
  /** Chain id, or `all`. */
  chain: chainField.default('all'),
  /** Token symbol the metric is about, or empty when protocol-wide. */
  asset: z.string().default(''),
  metric: z.string().min(1),
  value: valueField,
});
export type DefiMetric = z.infer<typeof defiMetricSchema>;
