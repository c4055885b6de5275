import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSharedData } from './describeSharedData.js';
import { ingestSharedDataset, SHARED_DATASETS, SHARED_REFERENCE_FILES } from './datasets.js';
import type { IngestReport } from './ingest/ingestFile.js';
import { readMetricDictionary } from './metricDictionary.js';
import { sharedDataPath } from './sharedData.js';
import { Store } from './store.js';

const DAY = 86_400_000;

describeSharedData('every shared dataset ingests (strict mode)', () => {
  let store: Store;
  const reports = new Map<string, IngestReport>();
  beforeAll(async () => {
    store = await Store.open(':memory:');
    for (const ds of SHARED_DATASETS) {
      const [r] = await ingestSharedDataset(store, ds.path, { kind: ds.kind });
      reports.set(`${ds.path}#${ds.kind}`, r);
    }
  });
  afterAll(() => store.close());

  it('reads every row the manifest lists, with no row skipped', () => {
    for (const ds of SHARED_DATASETS) {
      const r = reports.get(`${ds.path}#${ds.kind}`);
      expect(r?.rows, ds.path).toBe(ds.rows);
      expect(r?.skipped, ds.path).toBe(0);
      expect(r?.records, ds.path).toBeGreaterThan(0);
    }
  });

  it('covers every data file of the shared folder', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const { join, relative } = await import('node:path');
    const root = sharedDataPath();
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (f !== 'MANIFEST.md' && !f.startsWith('.')) files.push(relative(root, p));
      }
    };
    walk(root);
    const known = new Set([
      ...SHARED_DATASETS.map((d) => d.path),
      ...SHARED_REFERENCE_FILES.map((d) => d.path),
    ]);
    expect(files.filter((f) => !known.has(f))).toEqual([]);
  });

  it('matches reference values from the files', async () => {
    const btc = await store.readBars({ symbol: 'BTC/USDT', interval: '1d', venue: 'binance' });
    expect(btc.ts.length).toBe(3065);
    expect(new Date(btc.ts[0]).toISOString()).toBe('2017-08-17T00:00:00.000Z');
    expect(new Date(btc.ts[3064]).toISOString()).toBe('2026-01-06T00:00:00.000Z');
    expect(btc.columns.close[0]).toBe(4285.08);
    expect(btc.columns.tsInit[0]).toBe(btc.ts[0] + DAY);
    const oneMin = await store.readBars({
      symbol: 'BTC/USDT',
      interval: '1m',
      source: 'binance',
      from: 1775914620000,
      to: 1775914620001,
    });
    expect(oneMin.columns.close[0]).toBe(72625.34);
    expect(Number.isNaN(oneMin.columns.open[0])).toBe(true); // close-only file: open unavailable
    const f8h = await store.readFrame('funding', {
      source: 'binance',
      venue: 'binance',
      symbol: 'BTC/USDT:USDT',
      to: 1667462400017,
    });
    expect(f8h.columns.rate[0]).toBeCloseTo(0.0000044, 12); // 0.00044 % -> fraction
    const dgs10 = await store.readSeries('macroSeries', { series: 'DGS10' });
    expect(dgs10.columns.value[0]).toBeCloseTo(0.0658, 12);
    expect(dgs10.ts.length).toBeLessThan(6719); // blank holidays are unavailable, not zero
    const wti = await store.readSeries('macroSeries', { series: 'WTI' });
    expect(Math.min(...wti.columns.value)).toBe(-36.98);
    const hash = await store.readSeries('onchainMetrics', {
      source: 'coinmetrics',
      metric: 'HashRate',
      asset: 'BTC',
    });
    expect(hash.ts.length).toBeGreaterThan(3000);
    const perps = await store.readBars({ symbol: 'SOL/USDT:USDT', interval: '1d' });
    expect(perps.columns.close[0]).toBe(226.91);
    const okx = await store.readFrame('funding', { venue: 'okx', symbol: 'BTC/USDT:USDT' });
    expect(okx.ts.length).toBe(279); // newest-first file stored in time order
    const news = await store.readRecords('textEvents', { source: 'cryptonews' });
    expect(news.length).toBe(386);
    expect(news.filter((n) => n.label === 'positive').length).toBe(176);
    const options = await store.readRecords('optionQuotes', { source: 'deribit' }, 1000);
    expect(options.length).toBe(754 + 27);
    const put = options.find((o) => o.instrument === 'ETH-12JUN26-1800-P');
    expect(put).toMatchObject({
      strike: 1800,
      optionType: 'put',
      expiry: Date.UTC(2026, 5, 12, 8),
      oi: 6029,
    });
    const blocks = await store.count('blocks');
    expect(blocks).toBe(29);
    const swaps = await store.readRecords('dexSwaps', { venue: 'balancer_v1' });
    expect(swaps.length).toBe(97);
    // Sandwich detection needs the transaction position in its block and the output recipient.
    const all = await store.readRecords('dexSwaps', { source: 'mev-inspect' }, 20000);
    const first = all.find(
      (w) =>
        w.txHash === '0xccdb6dbb4f28476d7d8ebb9fe234f71341224ec9cc41a42b9310efeedc6c1939' &&
        w.swapIndex === '[0, 1, 3]',
    );
    expect(first).toMatchObject({
      txPosition: 195,
      to: '0x7a250d5630b4cf539739df2c5dacb4c659f2488d',
      trader: '0x9b202019923f39d384537f577678c892ef4b9d7f',
    });
    expect(all.every((w) => Number.isInteger(w.txPosition) && typeof w.to === 'string')).toBe(true);
  });

  it('stores CryptoQuant zero placeholders of level series as unavailable, keeps zeros of flows', async () => {
    const fund = reports.get('onchain/cryptoquant_style/btc_fund_reserves.csv#onchainMetrics');
    expect(fund).toMatchObject({ rows: 1623, records: 1623 - 235, zeroAsMissing: 235 });
    const f = await store.readFrame('onchainMetrics', { source: 'cryptoquant', metric: 'fund_reserve' });
    expect(f.ts.length).toBe(1623 - 235);
    const has = (iso: string) => f.ts.includes(Date.parse(iso));
    for (const d of ['2023-12-24', '2023-12-25', '2023-12-31', '2023-12-03'])
      expect(has(`${d}T00:00:00Z`), d).toBe(false);
    expect(has('2023-12-23T00:00:00Z')).toBe(true);
    expect(f.columns.value.every((v) => v > 0)).toBe(true);
    const cdd = reports.get('onchain/cryptoquant_style/btc_exchange_inflow_cdd.csv#onchainMetrics');
    expect(cdd).toMatchObject({ rows: 4614, records: 4614, zeroAsMissing: 0 });
    const flows = await store.readFrame('onchainMetrics', {
      source: 'cryptoquant',
      metric: 'exchange_inflow_cdd',
    });
    expect(flows.columns.value.filter((v) => v === 0).length).toBe(82);
    const profit = reports.get('onchain/cryptoquant_style/btc_utxo_in_profit_pct.csv#onchainMetrics');
    expect(profit?.zeroAsMissing).toBe(275);
  });

  it('is idempotent: ingesting a file again adds nothing', async () => {
    const [again] = await ingestSharedDataset(store, 'market/binance_spot_1d/BTCUSDT_1d.csv');
    expect(again).toMatchObject({ rows: 3065, inserted: 0, existing: 3065 });
  });

  it('reads the Coin Metrics metric dictionary', async () => {
    const dict = await readMetricDictionary(sharedDataPath('onchain/coinmetrics_metrics_dictionary.csv'));
    expect(dict.size).toBe(42);
    expect(dict.get('AdrActCnt')?.name).toBe('Addresses, active, count');
  });
});
