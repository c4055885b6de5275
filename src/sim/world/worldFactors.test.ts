import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../data/store.js';
import { allFactors, type FactorCoverage, factorCoverage, StoreProvider } from '../../factors/index.js';
import { parseScenario } from './scenario.js';
import { StoreSink } from './storeSink.js';
import { World } from './world.js';

/**
 * The world's DeFi/governance inputs reach the factor engine: a tiny 2-day world (few agents, no trade prints)
 * runs into an in-memory store and the factors fed by the world-emitted lending APYs, MEV swaps and flash
 * loans, protocol fees and governance turnout are computable for BTC/USDT.
 */
describe('factor coverage of a tiny simulated world', () => {
  let store: Store;
  let cov: FactorCoverage[];
  let ethCov: FactorCoverage[];
  beforeAll(async () => {
    store = await Store.open(':memory:');
    const sc = parseScenario({
      name: 'tiny',
      population: {
        noise: 30,
        value: 6,
        momentum: 3,
        retail: 8,
        whales: 1,
        makersPerVenue: 1,
        leveraged: 10,
        borrowers: 10,
        lenders: 2,
        lps: 1,
        stakers: 1,
        noiseMeanSec: 300,
      },
      record: { trades: false, blocks: true, quotesEveryMin: 5, booksEveryMin: 60 },
    });
    const sink = await StoreSink.open(store);
    new World(sc, 2, sink).runDays(2);
    await sink.commit();
    const provider = new StoreProvider(store);
    cov = await factorCoverage(allFactors, provider, 'BTC/USDT');
    ethCov = await factorCoverage(allFactors, provider, 'ETH/USDT');
  }, 90_000);
  afterAll(() => store.close());

  it('computes yield_apy, mev_flashloans, protocol_fees and governance_voting from world state', () => {
    const byId = new Map(cov.map((c) => [c.id, c]));
    for (const id of ['yield_apy', 'mev_flashloans', 'protocol_fees', 'governance_voting']) {
      expect(byId.get(id)?.computable, `${id} missing ${byId.get(id)?.missing}`).toBe(true);
    }
    // at least the desk's own APY and the two competing markets enter the cross-section
    const apy = byId.get('yield_apy');
    expect(Object.keys(apy?.where ?? {}).sort()).toEqual(['aave', 'compound', 'morpho']);
    expect(byId.get('mev_flashloans')?.missing).toEqual([]);
    expect(byId.get('governance_voting')?.where.top10).toBeDefined();
  });

  it('computes the Ethereum mempool and block-size factors from the chain state', () => {
    const eth = new Map(ethCov.map((c) => [c.id, c]));
    for (const id of ['mempool_priority', 'network_utilization']) {
      expect(eth.get(id)?.computable, `${id} missing ${eth.get(id)?.missing}`).toBe(true);
    }
  });

  it('computes the event-kind factors from scheduled upgrades and the governance lifecycle', () => {
    const byId = new Map(cov.map((c) => [c.id, c]));
    for (const id of ['fork_upgrade_events', 'governance_effectiveness']) {
      expect(byId.get(id)?.computable, `${id} missing ${byId.get(id)?.missing}`).toBe(true);
    }
    expect(byId.get('governance_effectiveness')?.missing).toEqual([]);
    // hack news feeds the exploit count and loss of network_security
    expect(byId.get('network_security')?.where.exploits).toBeDefined();
    expect(byId.get('network_security')?.where.loss).toBeDefined();
  });

  it('computes futures_basis and basis_carry from the quarterly dated future (tenor from its expiry)', () => {
    const byId = new Map(cov.map((c) => [c.id, c]));
    for (const id of ['futures_basis', 'basis_carry']) {
      expect(byId.get(id)?.computable, `${id} missing ${byId.get(id)?.missing}`).toBe(true);
    }
    expect(byId.get('basis_carry')?.where.tenor_days.where).toMatch(
      /basis cwm-sim binance BTC\/USDT:USDT-\d{6}$/,
    );
  });
});
