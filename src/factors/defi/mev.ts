/**
 * MEV detection from decoded DEX swap sequences: sandwiches across transactions of one block and cyclic
 * arbitrages inside one transaction, following the rules of Flashbots' mev-inspect-py (re-implemented from
 * its documented logic, not copied).
 *
 * Reference: Flashbots, mev-inspect-py, `sandwiches.py` and `arbitrages.py` (2021); Qin, Zhou & Gervais
 * (2022), "Quantifying Blockchain Extractable Value: How dark is the forest?", IEEE S&P, section 4.
 */

/** One decoded swap (amounts in raw token units). */
export interface SwapEvent {
  blockNumber: number;
  /** Position of the transaction inside its block. */
  txPosition: number;
  txHash: string;
  /** Pool (pair) contract. */
  pool: string;
  /** Recipient of the output tokens (the searcher's contract for MEV swaps). */
  to: string;
  from: string;
  tokenIn: string;
  amountIn: number;
  tokenOut: string;
  amountOut: number;
  /** Order of the swap inside its transaction (call-trace order). */
  traceOrder: number;
}

/** A detected sandwich: frontrun, victims, backrun on one pool of one block. */
export interface Sandwich {
  blockNumber: number;
  pool: string;
  attacker: string;
  frontrunTx: string;
  backrunTx: string;
  victimTxs: string[];
  /** Backrun output minus frontrun input, in units of the frontrun's input token (raw). */
  profitRaw: number;
  profitToken: string;
}

/** A detected cyclic arbitrage inside one transaction. */
export interface Arbitrage {
  blockNumber: number;
  txHash: string;
  token: string;
  /** Start amount (raw units of `token`). */
  startAmount: number;
  /** End amount minus start amount (raw units of `token`). */
  profitRaw: number;
  legs: number;
}

function sortSwaps(swaps: readonly SwapEvent[]): SwapEvent[] {
  return [...swaps].sort(
    (a, b) => a.blockNumber - b.blockNumber || a.txPosition - b.txPosition || a.traceOrder - b.traceOrder,
  );
}

/**
 * Sandwiches: swap F (frontrun) on pool P selling token A for B, later in the same block a swap K (backrun)
 * on P by the same recipient selling B for A, and at least one swap V between them, in another
 * transaction, on P selling A for B (the victim, who trades in the frontrun's direction).
 */
export function detectSandwiches(swaps: readonly SwapEvent[]): Sandwich[] {
  const s = sortSwaps(swaps);
  const out: Sandwich[] = [];
  const usedBackrun = new Set<SwapEvent>();
  for (let i = 0; i < s.length; i++) {
    const f = s[i];
    for (let j = i + 1; j < s.length && s[j].blockNumber === f.blockNumber; j++) {
      const k = s[j];
      if (usedBackrun.has(k) || k.txHash === f.txHash || k.pool !== f.pool || k.to !== f.to) continue;
      if (k.tokenIn !== f.tokenOut || k.tokenOut !== f.tokenIn) continue;
      const victims: string[] = [];
      for (let v = i + 1; v < j; v++) {
        const x = s[v];
        if (
          x.pool === f.pool &&
          x.txHash !== f.txHash &&
          x.txHash !== k.txHash &&
          x.tokenIn === f.tokenIn &&
          x.tokenOut === f.tokenOut &&
          x.to !== f.to &&
          !victims.includes(x.txHash)
        ) {
          victims.push(x.txHash);
        }
      }
      if (victims.length === 0) continue;
      usedBackrun.add(k);
      out.push({
        blockNumber: f.blockNumber,
        pool: f.pool,
        attacker: f.to,
        frontrunTx: f.txHash,
        backrunTx: k.txHash,
        victimTxs: victims,
        profitRaw: k.amountOut - f.amountIn,
        profitToken: f.tokenIn,
      });
      break;
    }
  }
  return out;
}

/**
 * Cyclic arbitrages: inside one transaction, a chain of at least two swaps in trace order where each swap's
 * input token is the previous swap's output token, the chain ends in the token it started with, and the
 * final amount exceeds the start amount (a strictly profitable cycle).
 */
export function detectArbitrages(swaps: readonly SwapEvent[]): Arbitrage[] {
  const byTx = new Map<string, SwapEvent[]>();
  for (const sw of sortSwaps(swaps)) {
    const list = byTx.get(sw.txHash);
    if (list) list.push(sw);
    else byTx.set(sw.txHash, [sw]);
  }
  const out: Arbitrage[] = [];
  for (const [txHash, legs] of byTx) {
    if (legs.length < 2) continue;
    let start = 0;
    while (start < legs.length - 1) {
      let end = -1;
      for (let j = start + 1; j < legs.length; j++) {
        if (legs[j].tokenIn !== legs[j - 1].tokenOut) break;
        if (legs[j].tokenOut === legs[start].tokenIn) {
          end = j;
          break;
        }
      }
      if (end < 0) {
        start++;
        continue;
      }
      const profit = legs[end].amountOut - legs[start].amountIn;
      if (profit > 0) {
        out.push({
          blockNumber: legs[start].blockNumber,
          txHash,
          token: legs[start].tokenIn,
          startAmount: legs[start].amountIn,
          profitRaw: profit,
          legs: end - start + 1,
        });
      }
      start = end + 1;
    }
  }
  return out;
}

/**
 * Density of an undirected simple graph given as edge pairs: 2E / (N (N - 1)), in [0, 1]; self-loops and
 * duplicate edges are ignored. NaN for fewer than 2 nodes.
 *
 * Reference: Wasserman & Faust (1994), "Social Network Analysis", section 4.2.
 */
export function graphDensity(
  edges: ReadonlyArray<readonly [string, string]>,
  extraNodes: Iterable<string> = [],
): number {
  const nodes = new Set<string>(extraNodes);
  const seen = new Set<string>();
  for (const [a, b] of edges) {
    nodes.add(a);
    nodes.add(b);
    if (a === b) continue;
    seen.add(a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  }
  const n = nodes.size;
  if (n < 2) return Number.NaN;
  return (2 * seen.size) / (n * (n - 1));
}

/**
 * Protocol-interaction edges of a set of swaps: every pair of distinct pools (or protocols, via `key`) touched
 * by the same transaction forms an edge (composability: one transaction routes through both).
 */
export function interactionEdges(
  swaps: readonly SwapEvent[],
  key: (s: SwapEvent) => string = (s) => s.pool,
): { edges: Array<[string, string]>; nodes: Set<string> } {
  const byTx = new Map<string, Set<string>>();
  const nodes = new Set<string>();
  for (const s of swaps) {
    const k = key(s);
    nodes.add(k);
    const set = byTx.get(s.txHash);
    if (set) set.add(k);
    else byTx.set(s.txHash, new Set([k]));
  }
  const edges: Array<[string, string]> = [];
  for (const set of byTx.values()) {
    const arr = [...set].sort();
    for (let i = 0; i < arr.length; i++)
      for (let j = i + 1; j < arr.length; j++) edges.push([arr[i], arr[j]]);
  }
  return { edges, nodes };
}

/** Aggregate swap fields of one time bucket (a grid row or a day), the `swaps` input fields of the factors. */
export interface SwapMevFields {
  swap_count: number;
  /** Transactions with at least one swap. */
  swap_tx_count: number;
  sandwich_count: number;
  arbitrage_count: number;
  /** Transactions touching at least two distinct pools. */
  multi_pool_tx_count: number;
  /** Density of the pool-interaction graph of the bucket (NaN below 2 pools). */
  interaction_density: number;
}

/**
 * Computes the MEV and composability fields of the swaps of one bucket: sandwiches and arbitrages
 * ({@link detectSandwiches}, {@link detectArbitrages}), transaction counts and the density of the
 * pool-interaction graph ({@link interactionEdges}, {@link graphDensity}).
 */
export function swapMevFields(swaps: readonly SwapEvent[]): SwapMevFields {
  const { edges, nodes } = interactionEdges(swaps);
  const poolsByTx = new Map<string, Set<string>>();
  for (const s of swaps) {
    const set = poolsByTx.get(s.txHash);
    if (set) set.add(s.pool);
    else poolsByTx.set(s.txHash, new Set([s.pool]));
  }
  let multi = 0;
  for (const set of poolsByTx.values()) if (set.size >= 2) multi++;
  return {
    swap_count: swaps.length,
    swap_tx_count: poolsByTx.size,
    sandwich_count: detectSandwiches(swaps).length,
    arbitrage_count: detectArbitrages(swaps).length,
    multi_pool_tx_count: multi,
    interaction_density: graphDensity(edges, nodes),
  };
}

/** Field names of {@link SwapMevFields}, in a fixed order. */
export const SWAP_FIELD_NAMES = [
  'swap_count',
  'swap_tx_count',
  'sandwich_count',
  'arbitrage_count',
  'multi_pool_tx_count',
  'interaction_density',
] as const;

/**
 * Raw `swaps` input series of the DeFi factors: swaps grouped by block (sandwiches live inside one block and
 * arbitrages inside one transaction, so per-block detection is exact), one row per block stamped at the
 * latest time any of its swaps became known (`knownAt(swap)`), sorted by that time.
 */
export function swapInputSeries(
  swaps: readonly SwapEvent[],
  knownAt: (s: SwapEvent) => number,
): Record<(typeof SWAP_FIELD_NAMES)[number], { ts: Float64Array; values: Float64Array }> {
  const blocks = new Map<number, SwapEvent[]>();
  for (const s of swaps) {
    const b = blocks.get(s.blockNumber);
    if (b) b.push(s);
    else blocks.set(s.blockNumber, [s]);
  }
  const rows = [...blocks.values()]
    .map((b) => ({ at: Math.max(...b.map(knownAt)), f: swapMevFields(b) }))
    .sort((a, b) => a.at - b.at);
  const ts = Float64Array.from(rows, (r) => r.at);
  const out = {} as Record<(typeof SWAP_FIELD_NAMES)[number], { ts: Float64Array; values: Float64Array }>;
  for (const name of SWAP_FIELD_NAMES) out[name] = { ts, values: Float64Array.from(rows, (r) => r.f[name]) };
  return out;
}
