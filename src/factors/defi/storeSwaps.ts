import type { DexSwap } from '../../data/schemas/index.js';
import type { InputSeries } from '../engine.js';
import { SWAP_FIELD_NAMES, type SwapEvent, swapInputSeries } from './mev.js';

/** Fields of the `swaps` input kind the store can provide (per-block MEV and composability aggregates). */
export const STORE_SWAP_FIELDS: readonly string[] = SWAP_FIELD_NAMES;

/**
 * Compares two trace addresses (`[0, 1, 3]`, `{0,1}`, `4`, `[]`) in call-trace (pre-order) order: integer
 * lists compared element by element, a prefix (the parent call) first. Non-numeric text compares as a string.
 */
export function compareTraceAddress(a: string, b: string): number {
  const pa = a.match(/\d+/g)?.map(Number) ?? [];
  const pb = b.match(/\d+/g)?.map(Number) ?? [];
  const m = Math.min(pa.length, pb.length);
  for (let i = 0; i < m; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Decoded swaps of the store (`dexSwaps` records) as MEV-detection events. Failed swaps (with an `error`) and
 * swaps without a block number are left out. `traceOrder` is the rank of the swap's trace address (its
 * `swapIndex`) inside its transaction. Raw token amounts become doubles (about 16 significant digits,
 * enough to tell a profitable cycle except at the last unit). Missing `txPosition` / `to` (stores written
 * before those columns existed) are reported through `incomplete`.
 */
export function swapEventsFromRecords(records: readonly DexSwap[]): {
  events: SwapEvent[];
  knownAt: number[];
  incomplete: boolean[];
} {
  const ok = records.filter((r) => r.error === undefined && r.blockNumber !== undefined);
  const order = ok.map((_, i) => i);
  order.sort((x, y) => {
    const a = ok[x];
    const b = ok[y];
    return (
      (a.blockNumber as number) - (b.blockNumber as number) ||
      (a.txPosition ?? 0) - (b.txPosition ?? 0) ||
      (a.txHash < b.txHash ? -1 : a.txHash > b.txHash ? 1 : 0) ||
      compareTraceAddress(a.swapIndex, b.swapIndex)
    );
  });
  const events: SwapEvent[] = [];
  const knownAt: number[] = [];
  const incomplete: boolean[] = [];
  for (let j = 0; j < order.length; j++) {
    const r = ok[order[j]];
    events.push({
      blockNumber: r.blockNumber as number,
      txPosition: r.txPosition ?? 0,
      txHash: r.txHash,
      pool: r.pool,
      to: r.to ?? '',
      from: r.trader ?? '',
      tokenIn: r.tokenIn,
      amountIn: Number(r.amountIn),
      tokenOut: r.tokenOut,
      amountOut: Number(r.amountOut),
      traceOrder: j,
    });
    knownAt.push(r.tsInit ?? r.tsEvent);
    incomplete.push(r.txPosition === undefined || r.to === undefined);
  }
  return { events, knownAt, incomplete };
}

/**
 * The `swaps` input series of every `STORE_SWAP_FIELDS` field from stored swap records: one row per block
 * (`swapInputSeries`), known when the last of its swaps was stored (`tsInit`). A block holding a swap without
 * `txPosition` or `to` cannot be checked for sandwiches: its `sandwich_count` is NaN (unavailable).
 */
export function storeSwapSeries(records: readonly DexSwap[]): Record<string, InputSeries> {
  const { events, knownAt, incomplete } = swapEventsFromRecords(records);
  const at = new Map<SwapEvent, number>();
  const badBlocks = new Set<number>();
  events.forEach((e, i) => {
    at.set(e, knownAt[i]);
    if (incomplete[i]) badBlocks.add(e.blockNumber);
  });
  const series = swapInputSeries(events, (s) => at.get(s) as number);
  if (badBlocks.size === 0) return series;
  // the rows of swapInputSeries: blocks in first-seen order, stably sorted by their latest known-at time
  const blockAt = new Map<number, number>();
  for (const e of events)
    blockAt.set(e.blockNumber, Math.max(blockAt.get(e.blockNumber) ?? -Infinity, at.get(e) as number));
  const rowBlocks = [...blockAt.entries()].sort((a, b) => a[1] - b[1]).map((b) => b[0]);
  const values = series.sandwich_count.values.slice();
  for (let i = 0; i < values.length; i++) if (badBlocks.has(rowBlocks[i])) values[i] = Number.NaN;
  return { ...series, sandwich_count: { ts: series.sandwich_count.ts, values } };
}
