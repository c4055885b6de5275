import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { ingestSharedDataset } from '../../data/datasets.js';
import { Store } from '../../data/store.js';
import { checkEnv } from '../checkEnv.js';
import { PortfolioEnv } from '../markets/portfolioEnv.js';
import { TradingEnv } from '../markets/tradingEnv.js';
import { loadMarketFromStore } from './storeMarket.js';

describeSharedData('market envs on real bars and factors from the DuckDB store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(':memory:');
    await ingestSharedDataset(store, 'market/binance_spot_1h/BTCUSDT_1h.csv');
    await ingestSharedDataset(store, 'market/binance_spot_1h/ETHUSDT_1h.csv');
  }, 120_000);
  afterAll(() => store.close());

  it('TradingEnv and PortfolioEnv built from the store pass checkEnv', async () => {
    const m = await loadMarketFromStore({
      store,
      symbols: ['BTC/USDT', 'ETH/USDT'],
      interval: '1h',
      from: Date.UTC(2023, 0, 1),
      to: Date.UTC(2023, 3, 1),
      factors: ['spot_returns', 'volatility'],
    });
    expect(m.assets).toHaveLength(2);
    expect(m.assets[0].bars.ts.length).toBeGreaterThan(2000);
    const factors = [
      'spot_returns',
      'spot_returns__ret_1d',
      'volatility__parkinson',
      'volatility__garman_klass',
    ];
    for (const f of factors) expect(m.factorColumns).toContain(f);
    const trading = () =>
      new TradingEnv({ data: m.assets[0], factors, factorStamp: m.factorStamp, history: 8 });
    expect(checkEnv(trading).checks.filter((c) => !c.ok)).toEqual([]);
    const portfolio = () =>
      new PortfolioEnv({ data: m.assets, factors, factorStamp: m.factorStamp, history: 8 });
    expect(checkEnv(portfolio).checks.filter((c) => !c.ok)).toEqual([]);
    // Real prices: the first fill of a buy lands at the next hourly open of BTC.
    const env = trading();
    env.reset({ seed: 1 });
    const t = env.barIndex;
    env.step(Int32Array.of(0, 2, 0));
    expect(env.broker.report.mid).toBe(env.replay.open[t + 1]);
  });
});
