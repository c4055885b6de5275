import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../data/store.js';
import { factorCoverage } from './coverage.js';
import { computeFactor } from './engine.js';
import { forkUpgradeEvents } from './onchain/fork_upgrade_events.js';
import { crossExchangeArbitrage } from './price_volume/cross_exchange_arbitrage.js';
import { otherVenueSlot, otherVenueToken } from './price_volume/venues.js';
import { HOUR_MS } from './spec.js';
import { StoreProvider } from './storeProvider.js';
import { loadFactorInputs } from './table.js';

const FROM = Date.UTC(2024, 0, 1);
const N = 48;

/** Hourly bars of BTC/USDT on `venue` with close = `price` (constant). */
function bars(venue: string, price: number): Record<string, unknown>[] {
  return Array.from({ length: N }, (_, i) => ({
    source: 'test',
    venue,
    symbol: 'BTC/USDT',
    interval: '1h',
    tsEvent: FROM + i * HOUR_MS,
    open: price,
    high: price,
    low: price,
    close: price,
    volume: 1,
  }));
}

describe('store provider: venues besides the primary one, discrete events', () => {
  let store: Store;
  let provider: StoreProvider;
  beforeAll(async () => {
    store = await Store.open(':memory:');
    await store.insert('bars', [...bars('zeta', 101), ...bars('alpha', 100), ...bars('mid', 102)]);
    await store.insert('indexSeries', [
      { source: 'test', index: 'event_upgrade', subject: 'BTC', tsEvent: FROM + 5 * HOUR_MS, value: 1 },
    ]);
    provider = new StoreProvider(store);
  }, 30_000);
  afterAll(() => store.close());

  it('slot tokens round-trip and named venues are not slots', () => {
    expect(otherVenueSlot(otherVenueToken(3))).toBe(3);
    expect(otherVenueSlot('binance')).toBeUndefined();
    expect(otherVenueSlot(undefined)).toBeUndefined();
  });

  it('the k-th other venue is the k-th venue by name after removing the primary one', async () => {
    const cov = await factorCoverage([crossExchangeArbitrage], provider, 'BTC/USDT', { venue: 'mid' });
    expect(cov[0].computable).toBe(true);
    expect(cov[0].where.close.where).toContain(' mid ');
    expect(cov[0].where.close_other1.where).toContain(' alpha ');
    expect(cov[0].where.close_other2.where).toContain(' zeta ');
    expect(cov[0].missing).toEqual(['close_other3', 'close_other4']);
  });

  it('the gap is computed against those venues: max |ln(C_v / C_mid)| over alpha and zeta', async () => {
    const grid = { from: FROM + HOUR_MS, to: FROM + (N - 1) * HOUR_MS, barMs: HOUR_MS };
    const data = await loadFactorInputs(crossExchangeArbitrage, 'BTC/USDT', grid, provider, 'mid');
    const res = computeFactor(crossExchangeArbitrage, data, grid);
    const gross = res.columns.cross_exchange_arbitrage__gross_bps;
    expect(gross[10]).toBeCloseTo(1e4 * Math.log(102 / 100), 9);
  });

  it('a single venue leaves the cross-venue factor non-computable', async () => {
    const one = await Store.open(':memory:');
    try {
      await one.insert('bars', bars('binance', 100));
      const cov = await factorCoverage([crossExchangeArbitrage], new StoreProvider(one), 'BTC/USDT');
      expect(cov[0].computable).toBe(false);
    } finally {
      one.close();
    }
  });

  it('discrete events are read from index series event_<field> of the asset', async () => {
    const input = forkUpgradeEvents.inputs.find((i) => i.name === 'upgrades');
    if (!input) throw new Error('no upgrades input');
    const loc = await provider.locate(input, { symbol: 'BTC/USDT', stepMs: HOUR_MS });
    expect(loc?.where).toContain('event_upgrade');
    const eth = await provider.locate(input, { symbol: 'ETH/USDT', stepMs: HOUR_MS });
    expect(eth).toBeUndefined();
  });
});
