import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_MS } from '../kernel.js';
import { MemorySink } from '../recordSink.js';
import { blockProducerAgent } from './blockProducer.js';
import { Chain } from './chain.js';

function run(seed: number) {
  const sink = new MemorySink();
  const k = new Kernel({ seed, startMs: Date.UTC(2024, 0, 1) });
  const chain = new Chain({ name: 'ethereum', sink, rng: k.rng.fork('chain') });
  chain.ledger.mint('ETH', 'a', 10n ** 20n);
  k.addAgent(blockProducerAgent(chain, { intervalMs: 12_000, metricsEveryBlocks: 5 }));
  k.addAgent({
    name: 'sender',
    onStart: (kk, me) => kk.wakeAt(me.id, 1),
    onWakeup(kk, me, now) {
      chain.submit(
        {
          from: 'a',
          gasLimit: 21_000n,
          maxFeePerGas: 10n ** 11n,
          maxPriorityFeePerGas: BigInt(1 + me.rng.int(5)) * 10n ** 9n,
          call: { type: 'transfer', to: `b${me.rng.int(10)}`, amount: 10n ** 15n },
        },
        kk.nowMs,
      );
      kk.wakeAt(me.id, now + 3_000 * NS_PER_MS);
    },
  });
  k.run(60_000 * NS_PER_MS);
  return { sink, chain };
}

describe('blockProducerAgent', () => {
  it('produces a block every interval and metrics every 5 blocks, deterministically', () => {
    const a = run(1);
    expect(a.chain.blockNumber).toBe(5);
    const blocks = a.sink.get('blocks');
    expect(blocks.map((b) => b.tsEvent - blocks[0].tsEvent)).toEqual([0, 12_000, 24_000, 36_000, 48_000]);
    expect(blocks.reduce((s, b) => s + (b.txCount ?? 0), 0)).toBe(20);
    expect(a.sink.get('onchainMetrics').find((m) => m.metric === 'tx_count')?.value).toBe(20);
    expect(run(1).sink.toJsonLines()).toBe(a.sink.toJsonLines());
    expect(() => blockProducerAgent(a.chain, { intervalMs: 0 })).toThrow(/intervalMs/);
  });
});
