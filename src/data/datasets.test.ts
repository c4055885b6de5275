import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSharedDataset, SHARED_DATASETS, SHARED_REFERENCE_FILES } from './datasets.js';
import type { IngestReport } from './ingest/ingestFile.js';
import { readMetricDictionary } from './metricDictionary.js';
import { sharedDataAvailable, sharedDataPath } from './sharedData.js';
import { Store } from './store.js';

const DAY = 86_400_000;

describe.skipIf(!sharedDataAvailable())('every shared dataset ingests (strict mode)', () => {
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
