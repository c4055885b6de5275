import { SimInputError } from '../../errors/sim.js';
import { NS_PER_MS, type SimAgent } from '../kernel.js';
import type { Chain } from './chain.js';

/** Options of `blockProducerAgent`. */
export interface BlockProducerOptions {
  /** Block interval, ms (Ethereum: 12_000). */
  intervalMs: number;
  /** Emit on-chain metrics every this many blocks (default 5; 0 = never). */
  metricsEveryBlocks?: number;
}

/**
 * A kernel agent that produces a block of `chain` every `intervalMs` of simulated time (first block one
 * interval after start) and emits the chain's on-chain metrics every `metricsEveryBlocks` blocks.
 * @throws SimInputError for a non-positive or fractional-ns interval
 */
export function blockProducerAgent(chain: Chain, opts: BlockProducerOptions): SimAgent {
  const stepNs = opts.intervalMs * NS_PER_MS;
  if (!(opts.intervalMs > 0) || !Number.isSafeInteger(stepNs))
    throw new SimInputError(
      chain.name,
      'intervalMs',
      `must be > 0 and a whole number of ns, got ${opts.intervalMs}`,
    );
  const every = opts.metricsEveryBlocks ?? 5;
  return {
    name: `block-producer-${chain.name}`,
    onStart: (k, me) => k.wakeAt(me.id, stepNs),
    onWakeup(k, me, now) {
      chain.produceBlock(k.nowMs);
      if (every > 0 && chain.blockNumber % every === 0) chain.emitMetrics(k.nowMs);
      k.wakeAt(me.id, now + stepNs);
    },
  };
}
