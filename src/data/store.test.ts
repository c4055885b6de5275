import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaViolationError, StoreError } from '../errors/data.js';
import { Store } from './store.js';

const H = 3_600_000;
function bars(n: number, start = 0, symbol = 'BTC/USDT') {
  return Array.from({ length: n }, (_, i) => ({
    tsEvent: start + i * H,
    source: 'test',
    venue: 'binance',
    symbol,
    interval: '1h',
    open: 100 + i,
    high: 102 + i,
    low: 99 + i,
    close: 101 + i,
    volume: i,
  }));
}

describe('Store', () => {
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    store = await Store.open(':memory:');
    dir = mkdtempSync(join(tmpdir(), 'cwm-store-'));
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('inserts bars idempotently and reads them back by columns', async () => {
    const r1 = await store.insert('bars', bars(5000));
    expect(r1).toMatchObject({ received: 5000, inserted: 5000, existing: 0 });
    const r2 = await store.insert('bars', bars(5000));
    expect(r2).toMatchObject({ received: 5000, inserted: 0, existing: 5000 });
    const r3 = await store.insert('bars', bars(10, 4995 * H));
    expect(r3.inserted).toBe(5);
    expect(await store.count('bars')).toBe(5005);
    const f = await store.readBars({ symbol: 'BTC/USDT', interval: '1h' });
    expect(f.ts.length).toBe(5005);
    expect(f.ts[1]).toBe(H);
    expect(f.columns.close[4999]).toBe(101 + 4999);
    expect(f.columns.tsInit[0]).toBe(H); // known at the bar close
    expect(Number.isNaN(f.columns.quoteVolume[0])).toBe(true); // absent -> NaN
    const part = await store.readBars({ symbol: 'BTC/USDT', interval: '1h', from: 10 * H, to: 20 * H });
    expect(Array.from(part.ts.slice(0, 2))).toEqual([10 * H, 11 * H]);
    expect(part.ts.length).toBe(10);
  });

  it('de-duplicates within one batch and rejects invalid records atomically', async () => {
    const s = await Store.open(':memory:');
    const b = bars(3);
    expect((await s.insert('bars', [...b, b[1]])).inserted).toBe(3);
    const bad = bars(3, 100 * H);
    bad[2] = { ...bad[2], high: 1 };
    await expect(s.insert('bars', bad)).rejects.toThrow(SchemaViolationError);
    await expect(s.insert('bars', bad)).rejects.toThrow(/line 3, field "high": high 1 < low/);
    expect(await s.count('bars')).toBe(3);
    s.close();
  });

  it('refuses to merge several venues into one frame', async () => {
    const s = await Store.open(':memory:');
    await s.insert('bars', bars(3));
    await s.insert(
      'bars',
      bars(3).map((b) => ({ ...b, venue: 'okx' })),
    );
    await expect(s.readBars({ symbol: 'BTC/USDT', interval: '1h' })).rejects.toThrow(StoreError);
    expect((await s.readBars({ symbol: 'BTC/USDT', interval: '1h', venue: 'okx' })).ts.length).toBe(3);
    s.close();
  });

  it('reads series and records, lists datasets', async () => {
    await store.insert(
      'macroSeries',
      [0, 1, 2].map((i) => ({
        tsEvent: i * 86_400_000,
        source: 'fred',
        series: 'DGS10',
        value: 0.04 + i / 1000,
      })),
      { lagMs: 86_400_000 },
    );
    const f = await store.readSeries('macroSeries', { series: 'DGS10' });
    expect(Array.from(f.columns.value)).toEqual([0.04, 0.041, 0.042]);
    expect(f.columns.tsInit[0]).toBe(86_400_000);
    await store.insert('textEvents', [
      {
        tsEvent: 5,
        source: 'news',
        eventId: 'a',
        category: 'news',
        text: 'ETF approved',
        tags: ['etf'],
        score: 0.5,
      },
    ]);
    const ev = await store.readRecords('textEvents');
    expect(ev).toEqual([
      {
        tsEvent: 5,
        tsInit: 5,
        source: 'news',
        eventId: 'a',
        category: 'news',
        text: 'ETF approved',
        tags: ['etf'],
        score: 0.5,
      },
    ]);
    await store.insert('bookSnapshots', [
      { tsEvent: 1, source: 'x', venue: 'binance', symbol: 'BTC/USDT', bids: [[99, 1]], asks: [[101, 2]] },
    ]);
    expect((await store.readRecords('bookSnapshots'))[0].asks).toEqual([[101, 2]]);
    const ls = await store.listDatasets();
    const btc = ls.find((d) => d.kind === 'bars');
    expect(btc).toMatchObject({ rows: 5005, from: 0, to: 5004 * H, fromIso: '1970-01-01T00:00:00.000Z' });
    expect(btc?.key).toEqual({ source: 'test', venue: 'binance', symbol: 'BTC/USDT', interval: '1h' });
    expect(ls.find((d) => d.kind === 'macroSeries')?.key).toEqual({ source: 'fred', series: 'DGS10' });
  });

  it('refuses a store whose tables have other columns (older cwm), naming the table', async () => {
    const path = join(dir, 'old.duckdb');
    const s = await Store.open(path);
    await s.connection.run('ALTER TABLE basis DROP COLUMN basis_abs');
    s.close();
    await expect(Store.open(path)).rejects.toThrow(/table basis in .* has columns/);
  });

  it('upgrades a store written before optional columns were appended (dex_swaps tx_position, to)', async () => {
    const path = join(dir, 'older.duckdb');
    const s = await Store.open(path);
    await s.connection.run('ALTER TABLE dex_swaps DROP COLUMN "to"');
    await s.connection.run('ALTER TABLE dex_swaps DROP COLUMN tx_position');
    s.close();
    const up = await Store.open(path);
    const r = await up.connection.runAndReadAll(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'dex_swaps' ORDER BY ordinal_position",
    );
    expect(r.getRowsJS().slice(-2).flat()).toEqual(['tx_position', 'to']);
    up.close();
  });

  it('round-trips the expiry of a dated future in basis rows; perps read NaN; refuses expiry <= tsEvent', async () => {
    const s = await Store.open(':memory:');
    const exp = Date.UTC(2026, 2, 27, 8);
    const t0 = Date.UTC(2026, 0, 1);
    const base = { source: 'test', venue: 'binance', basis: 0.01, futuresPrice: 101, spotPrice: 100 };
    await s.insert('basis', [
      { ...base, tsEvent: t0, symbol: 'BTC/USDT:USDT-260327', expiry: exp },
      { ...base, tsEvent: t0, symbol: 'BTC/USDT:USDT' },
    ]);
    const recs = await s.readRecords('basis', { symbol: 'BTC/USDT:USDT-260327' });
    expect(recs[0].expiry).toBe(exp);
    const perp = await s.readRecords('basis', { symbol: 'BTC/USDT:USDT' });
    expect(perp[0].expiry).toBeUndefined();
    const f = await s.readFrame('basis', { symbol: 'BTC/USDT:USDT-260327' }, ['expiry']);
    expect(f.columns.expiry[0]).toBe(exp);
    const fp = await s.readFrame('basis', { symbol: 'BTC/USDT:USDT' }, ['expiry']);
    expect(Number.isNaN(fp.columns.expiry[0])).toBe(true);
    await expect(
      s.insert('basis', [{ ...base, tsEvent: exp, symbol: 'BTC/USDT:USDT-260327', expiry: exp }]),
    ).rejects.toThrow(SchemaViolationError);
    s.close();
  });

  it('upgrades a store written before basis rows carried an expiry', async () => {
    const path = join(dir, 'older-basis.duckdb');
    const s = await Store.open(path);
    await s.insert('basis', [
      { source: 'test', venue: 'binance', symbol: 'BTC/USDT:USDT', tsEvent: 0, basis: 0.001 },
    ]);
    await s.connection.run('ALTER TABLE basis DROP COLUMN expiry');
    s.close();
    const up = await Store.open(path);
    const r = await up.connection.runAndReadAll(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'basis' ORDER BY ordinal_position",
    );
    expect(r.getRowsJS().at(-1)).toEqual(['expiry']);
    expect((await up.readRecords('basis'))[0]).toMatchObject({ basis: 0.001, symbol: 'BTC/USDT:USDT' });
    up.close();
  });

  it('exports to Parquet and CSV and imports Parquet back (idempotent)', async () => {
    const pq = join(dir, 'bars.parquet');
    expect((await store.exportQuery('bars', pq)).rows).toBe(5005);
    const csv = join(dir, 'q.csv');
    expect((await store.exportQuery('SELECT symbol, close FROM bars WHERE close > 5000', csv)).rows).toBe(
      100,
    );
    const s = await Store.open(join(dir, 'second.duckdb'));
    expect((await s.importParquet('bars', pq)).inserted).toBe(5005);
    expect((await s.importParquet('bars', pq)).inserted).toBe(0);
    const f = await s.readBars({ symbol: 'BTC/USDT', interval: '1h' });
    expect(f.columns.close[100]).toBe(201);
    await expect(s.exportQuery('bars', join(dir, 'x.txt'))).rejects.toThrow(/parquet or .csv/);
    s.close();
  });
});
