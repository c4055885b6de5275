import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../data/store.js';
import { allFactors, type FactorCoverage, factorCoverage, StoreProvider } from '../../factors/index.js';
import { loadScenario, StoreSink, World } from '../../sim/world/index.js';

/**
 * The factor engine on the simulated default world (issue 8's done-when: every input kind the world writes is
 * read by the factors that need it). A 2-day world (no trade prints) runs in-process into an in-memory store.
 * The factors listed are the ones whose store inputs were matched by name alias or resolved generically
 * (staked supply, gold, venues besides the primary one); the rest of the set guards against regressions.
 */
const BTC_COMPUTABLE = [
  'spot_returns',
  'volume_vwap',
  'volatility',
  'orderbook_liquidity',
  'cross_exchange_arbitrage',
  'price_discovery',
  'commodities',
  'perp_funding',
  'mvrv',
  'hash_rate_difficulty',
  'exchange_flows',
  'fear_greed',
  'bridge_flows',
  'composability',
];
const ETH_COMPUTABLE = ['staking', 'contract_calls', 'cross_exchange_arbitrage', 'commodities', 'gas_fees'];

describe('factor coverage of the simulated default world', () => {
  let store: Store;
  let btc: FactorCoverage[];
  let eth: FactorCoverage[];
  beforeAll(async () => {
    store = await Store.open(':memory:');
    const sc = loadScenario('default');
    const sink = await StoreSink.open(store);
    const world = new World({ ...sc, record: { ...sc.record, trades: false } }, 1, sink);
    world.runDays(2);
    await sink.commit();
    const provider = new StoreProvider(store);
    btc = await factorCoverage(allFactors, provider, 'BTC/USDT');
    eth = await factorCoverage(allFactors, provider, 'ETH/USDT');
  }, 60_000);
  afterAll(() => store.close());

  const computable = (cov: FactorCoverage[]) =>
    cov
      .filter((c) => c.computable)
      .map((c) => c.id)
      .sort();

  it('computes the factors whose inputs the world writes, for BTC and ETH', () => {
    const b = computable(btc);
    const e = computable(eth);
    for (const id of BTC_COMPUTABLE) expect(b, id).toContain(id);
    for (const id of ETH_COMPUTABLE) expect(e, id).toContain(id);
    expect(b.length).toBeGreaterThanOrEqual(71);
  });

  it('reads the second venue for cross-venue factors, not the primary one twice', () => {
    for (const cov of [btc, eth]) {
      const c = cov.find((x) => x.id === 'cross_exchange_arbitrage') as FactorCoverage;
      const primary = c.where.close.where;
      const other = c.where.close_other1.where;
      expect(other).not.toBe(primary);
      expect(other.replace(/binance|coinbase/, 'V')).toBe(primary.replace(/binance|coinbase/, 'V'));
    }
  });

  it('takes gold from the world series GOLD_USD when no LBMA fix is stored', () => {
    const c = btc.find((x) => x.id === 'commodities') as FactorCoverage;
    expect(c.where.gold.where).toContain('GOLD_USD');
  });

  it('leaves staking non-computable for proof-of-work BTC (no staked supply exists)', () => {
    expect(computable(btc)).not.toContain('staking');
  });
});
