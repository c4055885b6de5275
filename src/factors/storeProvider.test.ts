import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSharedData } from '../data/describeSharedData.js';
import { ingestSharedDataset } from '../data/datasets.js';
import { Store } from '../data/store.js';
import { factorCoverage } from './coverage.js';
import { computeFactor } from './engine.js';
import { policyRate } from './macro/policy_rate.js';
import { yieldCurve } from './macro/yield_curve.js';
import { volatility } from './price_volume/volatility.js';
import { allFactors } from './registry.js';
import { DAY_MS, gridParams, HOUR_MS } from './spec.js';
import { StoreProvider } from './storeProvider.js';
import { loadFactorInputs } from './table.js';
import { factorLookback } from './validate.js';

describeSharedData('factors from the real-data store', () => {
  let store: Store;
  let provider: StoreProvider;
  beforeAll(async () => {
    store = await Store.open(':memory:');
    for (const path of [
      'market/binance_spot_1h/BTCUSDT_1h.csv',
      'market/binance_spot_1h/ETHUSDT_1h.csv',
      'market/binance_spot_1h/SOLUSDT_1h.csv',
      'market/binance_spot_1h/BNBUSDT_1h.csv',
      'market/binance_spot_1h/XRPUSDT_1h.csv',
      'market/binance_spot_1d/BTCUSDT_1d.csv',
      'macro/fred_DGS10.csv',
      'macro/fred_DGS2.csv',
      'macro/fred_DFF.csv',
      'macro/fred_CPIAUCSL.csv',
      'macro/fred_T10YIE.csv',
      'macro/yahoo_dxy_daily.csv',
      'macro/yahoo_sp500_daily.csv',
      'macro/yahoo_nasdaq100_daily.csv',
      'macro/cboe_vix_daily.csv',
      'macro/eia_wti_daily.csv',
      'macro/gold_price_daily.csv',
      'derivatives/binance_btcusdt_funding_8h_pct.json',
      'derivatives/deribit_btc_dvol_daily.json',
    ]) {
      await ingestSharedDataset(store, path);
    }
    provider = new StoreProvider(store);
  }, 120_000);
  afterAll(() => store.close());

  it('daily bars resampled from hourly bars agree with the stored daily bars (complete days)', async () => {
    const input = volatility.inputs.find((i) => i.name === 'close');
    if (!input) throw new Error('no close input');
    const from = Date.UTC(2023, 0, 1);
    const to = Date.UTC(2023, 11, 31);
    const daily = await store.readBars({ symbol: 'BTC/USDT', interval: '1d', from, to });
    const hourly = await store.readBars({ symbol: 'BTC/USDT', interval: '1h', from, to: to + DAY_MS });
    const { resampleBars } = await import('./storeProvider.js');
    const res = resampleBars(hourly, DAY_MS);
    let compared = 0;
    for (let i = 0; i < res.ts.length; i++) {
      const j = daily.ts.indexOf(res.ts[i]);
      if (j < 0) continue;
      const subBars = hourly.ts.filter((t) => t >= res.ts[i] && t < res.ts[i] + DAY_MS).length;
      if (subBars !== 24) continue;
      compared++;
      expect(res.columns.close[i]).toBe(daily.columns.close[j]);
      expect(res.columns.high[i]).toBe(daily.columns.high[j]);
      expect(res.columns.low[i]).toBe(daily.columns.low[j]);
      expect(res.columns.volume[i]).toBeCloseTo(daily.columns.volume[j], 4);
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('volatility on the hourly BTC grid has no NaN beyond warm-up except next to missing bars', async () => {
    const grid = { from: Date.UTC(2023, 0, 1), to: Date.UTC(2023, 6, 1), barMs: HOUR_MS };
    const data = await loadFactorInputs(volatility, 'BTC/USDT', grid, provider, 'binance');
    expect(data.close?.ts.length).toBeGreaterThan(4000);
    const res = computeFactor(volatility, data, grid);
    const cc = res.columns.volatility;
    const finite = cc.filter(Number.isFinite).length;
    expect(finite / cc.length).toBeGreaterThan(0.97);
    const last = cc[cc.length - 1];
    expect(last).toBeGreaterThan(0.1);
    expect(last).toBeLessThan(1.5);
    // Deribit DVOL (daily, decimal) as-of on the hourly grid: each row holds exactly the latest stored DVOL
    // known by then (tsInit = the day after its date), dropped after the input's 2-day staleness limit.
    const dvol = await store.readFrame('optionsSummary', { underlying: 'BTC' }, ['impliedVol', 'tsInit']);
    expect(dvol.ts.length).toBeGreaterThan(1000);
    const staleMs = volatility.inputs.find((i) => i.name === 'dvol')?.maxStalenessMs ?? 0;
    const implied = res.columns.volatility__implied;
    let j = -1;
    let finiteImplied = 0;
    for (let i = 0; i < implied.length; i++) {
      const t = res.ts[i];
      while (j + 1 < dvol.ts.length && dvol.columns.tsInit[j + 1] <= t) j++;
      const want = j >= 0 && t - dvol.columns.tsInit[j] <= staleMs ? dvol.columns.impliedVol[j] : Number.NaN;
      expect(Object.is(implied[i], want), new Date(t).toISOString()).toBe(true);
      if (Number.isFinite(implied[i])) finiteImplied++;
    }
    // DVOL has no gap in 2023H1: every hour has a value, in a plausible range
    expect(finiteImplied).toBe(implied.length);
    const vals = Array.from(implied);
    expect(Math.min(...vals)).toBeGreaterThan(0.2);
    expect(Math.max(...vals)).toBeLessThan(1.5);
  });

  it('macro factors read decimal rates with their publication lag', async () => {
    const grid = { from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 2, 1), barMs: DAY_MS };
    const res = computeFactor(
      yieldCurve,
      await loadFactorInputs(yieldCurve, 'BTC/USDT', grid, provider),
      grid,
    );
    const slope = res.columns.yield_curve;
    expect(slope.filter(Number.isFinite).length).toBeGreaterThan(50);
    // the 10y-2y curve was inverted in early 2024
    expect(slope[10]).toBeLessThan(0);
    expect(slope[10]).toBeGreaterThan(-0.02);
    const ff = computeFactor(
      policyRate,
      await loadFactorInputs(policyRate, 'BTC/USDT', grid, provider),
      grid,
    );
    expect(ff.columns.policy_rate[20]).toBeCloseTo(0.0533, 3);
  });

  it('the price, macro, cross-market and derivatives factors computable for BTC have values after warm-up', async () => {
    const mine = allFactors.filter((f) =>
      ['price_volume', 'macro', 'cross_market', 'derivatives'].includes(f.category),
    );
    const cov = await factorCoverage(mine, provider, 'BTC/USDT', { venue: 'binance' });
    const checked: string[] = [];
    for (const c of cov) {
      if (!c.computable || c.from === undefined || c.to === undefined) continue;
      const spec = mine.find((f) => f.id === c.id);
      if (!spec) continue;
      const barMs = spec.frequency === 'grid' ? HOUR_MS : DAY_MS;
      const warm =
        factorLookback(spec, gridParams(spec.frequency === '1h' ? HOUR_MS : barMs)) *
        (spec.frequency === '1d' ? DAY_MS : barMs);
      const from = Math.ceil(Math.max(c.from + warm + 30 * DAY_MS, Date.UTC(2023, 0, 1)) / barMs) * barMs;
      const to = Math.min(c.to, Date.UTC(2024, 11, 31));
      if (to - from < 60 * DAY_MS) continue;
      const grid = { from, to, barMs };
      const res = computeFactor(
        spec,
        await loadFactorInputs(spec, 'BTC/USDT', grid, provider, 'binance'),
        grid,
      );
      const main = res.columns[spec.id];
      const finite = main.filter(Number.isFinite).length / main.length;
      expect(finite, `${spec.id} finite fraction`).toBeGreaterThan(0.9);
      checked.push(spec.id);
    }
    expect(checked.length).toBeGreaterThanOrEqual(18);
  });

  it('coverage lists every factor with a computable flag', async () => {
    const cov = await factorCoverage(allFactors, provider, 'BTC/USDT', { venue: 'binance' });
    expect(cov).toHaveLength(allFactors.length);
    const byId = new Map(cov.map((c) => [c.id, c]));
    expect(byId.get('volatility')?.computable).toBe(true);
    expect(byId.get('yield_curve')?.computable).toBe(true);
    expect(byId.get('cross_exchange_arbitrage')?.computable).toBe(false);
    expect(byId.get('volatility')?.where.close.where).toContain('BTC/USDT');
  });
});
