import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordSchemas } from '../data/schemas/index.js';
import { runMechanicsScenario } from './mechanicsScenario.js';

describe('mechanics scenario', () => {
  it('one hour with 300 agents is byte-identical for the same seed and differs for another seed', () => {
    const a = runMechanicsScenario({ seed: 42 });
    const b = runMechanicsScenario({ seed: 42 });
    const textA = a.sink.toJsonLines();
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(sha(b.sink.toJsonLines())).toBe(sha(textA));
    expect(a.agents).toBeGreaterThanOrEqual(300);
    const counts = a.sink.counts();
    for (const kind of [
      'trades',
      'bars',
      'quotes',
      'bookSnapshots',
      'funding',
      'liquidations',
      'blocks',
      'transactions',
      'dexSwaps',
      'poolReserves',
      'onchainMetrics',
      'optionQuotes',
      'optionsSummary',
      'defiMetrics',
    ] as const) {
      if (kind === 'funding' || kind === 'liquidations') continue; // no 8h boundary / not guaranteed in one hour
      expect(counts[kind], kind).toBeGreaterThan(0);
    }
    // every record validates against the foundation's schema
    for (const [kind, n] of Object.entries(counts)) {
      const schema = recordSchemas[kind as keyof typeof recordSchemas];
      const rows = a.sink.get(kind as keyof typeof recordSchemas);
      for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 200))) schema.parse(rows[i]);
    }
    expect(counts.bars).toBeGreaterThanOrEqual(55);
    // pool reserves in human units: about 20k WETH against 60M USDC (6 decimals)
    const res = a.sink.get('poolReserves').at(-1);
    expect(res?.reserve0).toBeGreaterThan(10_000);
    expect(res?.reserve1).toBeGreaterThan(30_000_000);
    // conservation on every venue at the end of the hour
    const { exchange, perp, chain, lending, options } = a.venues;
    for (const asset of ['USDT', 'BTC'])
      expect(exchange.totalHeld(asset)).toBe(exchange.deposited.get(asset));
    expect(Math.abs(perp.totalValue() - perp.deposited)).toBeLessThan(1e-6 * perp.deposited);
    expect(chain.ledger.checkConservation()).toBe(true);
    for (const t of lending.tokens())
      expect(lending.reserveState(t).cash).toBe(chain.ledger.balanceOf(t, '0xlend'));
    expect(Math.abs(options.totalCash() - 250 * 100_000)).toBeLessThan(1e-6);
    const c = runMechanicsScenario({ seed: 43, durationMs: 120_000 });
    expect(sha(c.sink.toJsonLines())).not.toBe(
      sha(runMechanicsScenario({ seed: 42, durationMs: 120_000 }).sink.toJsonLines()),
    );
  });
});
