import { describe, expect, it } from 'vitest';
import { RECORD_KINDS } from '../../data/schemas/index.js';
import { Store } from '../../data/store.js';
import { TABLES } from '../../data/tables.js';
import { validateRecord } from '../../data/validate.js';
import { Rng } from '../../math/rng.js';
import { CountingSink, MemorySink } from '../population/recordSink.js';
import { GovernanceDao } from './governance.js';
import { parseScenario, type ScenarioInput } from './scenario.js';
import { StoreSink } from './storeSink.js';
import { World } from './world.js';

/** A small world (few agents) so tests stay fast; same mechanics as the default. */
const small: ScenarioInput = {
  name: 'small',
  population: {
    noise: 40,
    value: 8,
    momentum: 4,
    retail: 10,
    whales: 1,
    makersPerVenue: 1,
    leveraged: 20,
    borrowers: 10,
    lenders: 2,
    lps: 1,
    stakers: 1,
    noiseMeanSec: 300,
  },
};

describe('World', () => {
  it('is deterministic: same seed, identical records; another seed differs', () => {
    const run = (seed: number) => {
      const sink = new MemorySink();
      new World(parseScenario(small), seed, sink).runDays(2 / 24);
      return JSON.stringify(sink.records);
    };
    const a = run(7);
    expect(run(7)).toBe(a);
    expect(run(8)).not.toBe(a);
  });

  it('writes identical store contents for the same seed', async () => {
    const dump = async (seed: number) => {
      const store = await Store.open(':memory:');
      const sink = await StoreSink.open(store);
      new World(parseScenario({ ...small, assets: undefined }), seed, sink).runDays(1 / 24);
      await sink.commit();
      const out: Record<string, unknown[]> = {};
      for (const kind of RECORD_KINDS)
        out[kind] = await store.query(`SELECT * FROM "${TABLES[kind].table}" ORDER BY ALL`);
      store.close();
      return JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    };
    const a = await dump(11);
    expect(a.length).toBeGreaterThan(10_000);
    expect(await dump(11)).toBe(a);
  });

  it('produces every record kind within a day, each valid against its schema', () => {
    // Leverage build-up then a crash at hour 3 so liquidations happen inside a short run.
    const sink = new MemorySink();
    const w = new World(
      parseScenario({
        ...small,
        shocks: [
          { kind: 'leverage', day: 0, factor: 4 },
          { kind: 'regime', day: 0.125, regime: 'crash' },
          { kind: 'news', day: 0.125, category: 'hack_exploit', sign: -1, size: 1 },
        ],
      }),
      3,
      sink,
    );
    w.runDays(1);
    for (const kind of RECORD_KINDS) {
      const rows = sink.records[kind] ?? [];
      expect(rows.length, kind).toBeGreaterThan(0);
      for (const r of rows.slice(0, 20)) {
        const res = validateRecord(kind, r);
        expect(res.ok ? '' : `${kind}: ${res.issue.field} ${res.issue.reason}`).toBe('');
      }
    }
    // Both exact pools trade (CEX-DEX arbitrage on v2 and v3) and report reserves.
    for (const kind of ['dexSwaps', 'poolReserves'] as const) {
      const venues = new Set((sink.records[kind] ?? []).map((r) => String(r.venue)));
      expect([...venues].sort(), kind).toEqual(['uniswap_v2', 'uniswap_v3']);
    }
    // Bridge flows of the day, read by the bridge_flows factor.
    const bridge = (sink.records.defiMetrics ?? []).filter((r) => String(r.metric).startsWith('bridge_'));
    expect(bridge.some((r) => r.metric === 'bridge_inflow_usd' && Number(r.value) > 0)).toBe(true);
    expect(bridge.some((r) => r.metric === 'bridge_outflow_usd')).toBe(true);
    // Factor inputs driven by world state: competing lending APYs, flash loans, fees, governance turnout.
    const defi = sink.records.defiMetrics ?? [];
    const has = (protocol: string, metric: string) =>
      defi.filter((r) => r.protocol === protocol && r.metric === metric).map((r) => Number(r.value));
    for (const p of ['aave', 'compound', 'morpho']) {
      const apy = has(p, 'supply_rate');
      expect(apy.length, p).toBe(3);
      for (const v of apy) expect(v, p).toBeGreaterThanOrEqual(0);
    }
    expect(has('all', 'flash_loan_volume_usd')).toHaveLength(1);
    expect(has('aave', 'fees_usd').some((v) => v > 0)).toBe(true);
    const votes = has('aave', 'gov_votes_cast');
    const supply = has('aave', 'gov_voting_supply');
    expect(votes).toHaveLength(1);
    expect(votes[0]).toBeGreaterThan(0);
    expect(votes[0]).toBeLessThan(supply[0]);
    const top10 = has('aave', 'gov_top10_vote_share')[0];
    expect(top10).toBeGreaterThan(0);
    expect(top10).toBeLessThan(1);
    // Governance lifecycle counts every day; the opening proposal closed on day 0.
    const events = (name: string) =>
      (sink.records.indexSeries ?? []).filter((r) => r.index === `event_${name}`);
    for (const m of ['governance_proposal', 'governance_passed', 'governance_executed']) {
      expect(events(m), m).toHaveLength(1);
    }
    expect(events('governance_closed').map((r) => r.value)).toEqual([1]);
    // The scripted hack is counted with its loss.
    expect(Number(events('exploit')[0]?.value)).toBeGreaterThanOrEqual(1);
    expect(Number(events('exploit_loss_usd')[0]?.value)).toBeGreaterThanOrEqual(2e8);
    // Scheduled upgrade counts per chain, every day (0 on a day without an activation).
    const upgrades = events('upgrade');
    expect(upgrades.map((r) => r.subject).sort()).toEqual(['BTC', 'ETH', 'SOL']);
    // each scheduled activation is also announced as protocol-upgrade news
    const announced = w.groundTruth().news.filter((e) => e.category === 'protocol_upgrade').length;
    expect(upgrades.reduce((t, r) => t + Number(r.value), 0)).toBeLessThanOrEqual(announced);
    // Swaps carry their block position and recipient (sandwich detection), positions unique per block.
    const swaps = sink.records.dexSwaps ?? [];
    const seen = new Set<string>();
    for (const r of swaps) {
      expect(typeof r.txPosition).toBe('number');
      expect(typeof r.to).toBe('string');
      const key = `${r.blockNumber}:${r.txPosition}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
    const truth = w.groundTruth();
    expect(truth.regimes).toHaveLength(24);
    expect(truth.regimes.slice(3, 4)).toEqual(['crash']);
    expect(truth.news.length).toBe(sink.records.textEvents?.length);
  });

  it('runs governance from proposal to execution with attention-driven turnout', () => {
    const gov = new GovernanceDao(new Rng(9), 0);
    let closed = 0;
    let passed = 0;
    let executed = 0;
    let delay = 0;
    let price = 100;
    for (let d = 0; d < 400; d++) {
      if (d % 50 === 0) gov.onNews('protocol_upgrade', 1);
      price *= Math.exp(0.03 * Math.sin(d));
      const g = gov.endDay(d * 86_400_000, price, 0.2);
      closed += g.closed;
      passed += g.passed;
      executed += g.executed;
      delay += g.executionDelayDays;
      if (g.closed > 0) {
        expect(g.votesCast).toBeLessThanOrEqual(g.votingSupply);
        expect(g.top10Share).toBeGreaterThan(0);
        expect(g.top10Share).toBeLessThan(1);
      }
    }
    // about 0.15 proposals a day plus news-driven ones; most pass; passed ones execute after the 1-day timelock
    expect(closed).toBeGreaterThan(40);
    expect(passed).toBeGreaterThan(0.5 * closed);
    expect(passed).toBeLessThanOrEqual(closed);
    expect(executed).toBeGreaterThan(0.9 * passed - 3);
    expect(delay / executed).toBeGreaterThan(1);
    expect(delay / executed).toBeLessThan(3);
  });

  it('external (RL) orders fill with slippage and move the account', () => {
    const w = new World(parseScenario(small), 5, new CountingSink());
    w.stepMinute();
    const mid = w.mid('BTC');
    const got = w.marketOrder('BTC', 'buy', 1);
    expect(got).toBeCloseTo(1, 9);
    const pos = w.position('BTC');
    expect(pos.base).toBeCloseTo(1, 9);
    // Paid at least the mid plus the taker fee.
    expect(-pos.quote).toBeGreaterThan(mid * 1.0004);
    expect(() => w.mid('DOGE')).toThrow(/unknown asset "DOGE"/);
  });
});
