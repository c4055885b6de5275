import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputFileError, SchemaViolationError } from '../../errors/data.js';
import { Store } from '../store.js';
import { ingestFile } from './ingestFile.js';
import { presetMapping } from './presets.js';

const HEADER = 'timestamp,open,high,low,close,volume';
const GOOD = [
  HEADER,
  '2024-01-01,100,110,90,105,5',
  '2024-01-02,105,112,101,108,6',
  '2024-01-03,108,109,100,101,7',
];
const mapping = presetMapping('binance-ohlcv', {
  constants: { source: 'test', venue: 'binance', symbol: 'BTC/USDT', interval: '1d' },
});

describe('ingestFile: bad input', () => {
  let dir: string;
  let store: Store;
  let n = 0;
  const file = (content: string | Buffer, ext = 'csv'): string => {
    n += 1;
    const p = join(dir, `f${n}.${ext}`);
    writeFileSync(p, content);
    return p;
  };
  const snapshot = async () => JSON.stringify(await store.listDatasets());
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cwm-ingest-'));
    store = await Store.open(':memory:');
    await ingestFile(store, file(GOOD.join('\n')), mapping);
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The second day's row replaced by `row` (a new day so the good rows do not collide). */
  const withRow = (row: string) =>
    [HEADER, '2024-02-01,100,110,90,105,5', row, '2024-02-03,108,109,100,101,7'].join('\n');

  const cases: [string, string, RegExp][] = [
    [
      'malformed row (extra fields)',
      withRow('2024-02-02,1,2,0.5,1,3,9,9'),
      /line 3, field "\(row\)": malformed row: expected 6 fields, got 8/,
    ],
    [
      'wrong type',
      withRow('2024-02-02,105,112,101,abc,6'),
      /line 3, field "close": expected a number, got "abc"/,
    ],
    ['NaN', withRow('2024-02-02,105,112,101,NaN,6'), /line 3, field "close": NaN is not allowed/],
    [
      'Infinity',
      withRow('2024-02-02,105,Infinity,101,108,6'),
      /line 3, field "high": Infinity is not allowed/,
    ],
    [
      'negative price',
      withRow('2024-02-02,-105,112,101,108,6'),
      /line 3, field "open": price must be > 0, got -105/,
    ],
    [
      'negative volume',
      withRow('2024-02-02,105,112,101,108,-6'),
      /line 3, field "volume": must be >= 0, got -6/,
    ],
    ['high < low', withRow('2024-02-02,105,100,101,102,6'), /line 3, field "high": high 100 < low 101/],
    [
      'duplicate timestamp',
      withRow('2024-02-01,105,112,101,108,6'),
      /line 3, field "tsEvent": duplicate timestamp 2024-02-01T00:00:00.000Z/,
    ],
    [
      'out-of-order timestamp',
      withRow('2024-01-31,105,112,101,108,6'),
      /line 3, field "tsEvent": out-of-order timestamp 2024-01-31T00:00:00.000Z after 2024-02-01/,
    ],
    [
      'bad time',
      withRow('2024-02-30,105,112,101,108,6'),
      /line 3, field "timestamp": cannot parse time "2024-02-30"/,
    ],
    [
      'truncated last row',
      [HEADER, '2024-02-01,100,110,90,105,5', '2024-02-02,105,11'].join('\n'),
      /line 3, field "\(row\)": truncated row: expected 6 fields, got 3/,
    ],
  ];

  for (const [name, content, message] of cases) {
    it(`strict: ${name} aborts with file, line, field and reason; store unchanged`, async () => {
      const before = await snapshot();
      const p = file(content);
      const err = await ingestFile(store, p, mapping).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SchemaViolationError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).toContain(p);
      expect(await snapshot()).toBe(before);
    });
  }

  it('lenient: skips every bad row, reports how many and why, writes the rest', async () => {
    const before = await store.count('bars');
    const content = [
      HEADER,
      '2024-03-01,100,110,90,105,5',
      '2024-03-02,105,112,101,abc,6',
      '2024-03-03,105,100,101,102,6',
      '2024-03-03,105,112,101,108,6',
      '2024-03-04,105,112,101,108,6',
      '2024-03-05,105,112,101,NaN,6',
      '2024-03-06,105,112,101,108',
    ].join('\n');
    const r = await ingestFile(store, file(content), mapping, { mode: 'lenient' });
    expect(r).toMatchObject({ rows: 7, records: 3, inserted: 3, skipped: 4 });
    expect(r.issues.map((i) => [i.line, i.field])).toEqual([
      [3, 'close'],
      [4, 'high'],
      [7, 'close'],
      [8, '(row)'],
    ]);
    expect(r.skippedReasons.reduce((s, x) => s + x.count, 0)).toBe(4);
    expect(await store.count('bars')).toBe(before + 3);
  });

  it('atomic: an error deep in a multi-chunk file (after 12000 staged rows) leaves the store as it was', async () => {
    const before = await snapshot();
    const rows = [HEADER];
    for (let i = 0; i < 12_500; i++) {
      const d = new Date(Date.UTC(2030, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      rows.push(i === 12_400 ? `${d},100,110,90,NaN,5` : `${d},100,110,90,105,5`);
    }
    const err = await ingestFile(store, file(rows.join('\n')), mapping).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/line 12402, field "close": NaN is not allowed/);
    expect(await snapshot()).toBe(before);
  });

  const fileErrors: [string, () => string, RegExp][] = [
    ['empty file', () => file(''), /empty file \(0 bytes\)/],
    ['header only', () => file(`${HEADER}\n`), /empty file: a header but no data rows/],
    [
      'truncated quoted field',
      () => file(`${HEADER}\n2024-04-01,1,2,0.5,1,"3`),
      /truncated file: a quoted field opened on line 2/,
    ],
    [
      'truncated JSON',
      () => file('[[1704067200000, 1, 2, 0.5, 1, 3], [170406', 'json'),
      /malformed or truncated JSON/,
    ],
    [
      'truncated gzip',
      () => file(gzipSync(Buffer.from(GOOD.join('\n'))).subarray(0, 30), 'csv.gz'),
      /cannot read/,
    ],
    [
      'missing column',
      () => file('timestamp,open,high,low,volume\n2024-04-01,1,2,0.5,3'),
      /column "close" or "Close" or "CLOSE" \(close\) not found in header/,
    ],
  ];
  for (const [name, make, message] of fileErrors) {
    it(`${name}: InputFileError naming the file; store unchanged`, async () => {
      const before = await snapshot();
      const p = make();
      const m = p.endsWith('.json')
        ? presetMapping('ccxt-ohlcv', {
            constants: { source: 'test', venue: 'binance', symbol: 'BTC/USDT', interval: '1d' },
          })
        : mapping;
      const err = await ingestFile(store, p, m).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputFileError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).toContain(p);
      expect(await snapshot()).toBe(before);
    });
  }
});

describe('ingestFile: layouts', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cwm-layout-'));
    store = await Store.open(':memory:');
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads quoted fields with commas, quotes and newlines; CRLF; BOM; timezones', async () => {
    const p = join(dir, 'news.csv');
    writeFileSync(
      p,
      '\uFEFFid,time,text\r\n1,2024-01-01 09:00,"ETF, approved ""today""\nsecond line"\r\n2,2024-01-01 10:00,plain\r\n',
    );
    const r = await ingestFile(store, p, {
      kind: 'textEvents',
      time: { column: 'time', format: 'iso', timezone: 'America/New_York' },
      fields: { eventId: 'id', text: 'text' },
      constants: { source: 'test', category: 'news' },
    });
    expect(r.records).toBe(2);
    const ev = await store.readRecords('textEvents');
    expect(ev[0].text).toBe('ETF, approved "today"\nsecond line');
    expect(ev[0].tsEvent).toBe(Date.UTC(2024, 0, 1, 14)); // 09:00 EST = 14:00 UTC
  });

  it('ingests headerless Binance klines and ccxt JSON; wide tables make one series per column', async () => {
    const k = join(dir, 'klines.csv');
    writeFileSync(
      k,
      '1704067200000,100,110,90,105,5,1704153599999,500,42,2,200,0\n1704153600000000,105,112,101,108,6,1704239999999999,600,43,3,300,0\n',
    );
    const c = { source: 'test', venue: 'binance', symbol: 'ETH/USDT', interval: '1d' };
    const r = await ingestFile(store, k, presetMapping('binance-klines', { constants: c }));
    expect(r.records).toBe(2);
    const f = await store.readBars({ symbol: 'ETH/USDT', interval: '1d' });
    expect(Array.from(f.ts)).toEqual([1704067200000, 1704153600000]); // µs times recognised
    expect(Array.from(f.columns.tradeCount)).toEqual([42, 43]);
    const j = join(dir, 'ohlcv.json');
    writeFileSync(j, JSON.stringify([[1704240000000, 108, 111, 100, 109, 1]]));
    await ingestFile(store, j, presetMapping('ccxt-ohlcv', { constants: c }));
    expect((await store.readBars({ symbol: 'ETH/USDT', interval: '1d' })).ts.length).toBe(3);
    const w = join(dir, 'wide.csv');
    writeFileSync(w, 'time,asset,HashRate,TxCnt\n2024-01-01,btc,5,\n2024-01-02,btc,6,7\n');
    const wr = await ingestFile(
      store,
      w,
      presetMapping('coinmetrics', { constants: { source: 'cm', chain: 'bitcoin', asset: 'BTC' } }),
    );
    expect(wr).toMatchObject({ rows: 2, records: 3, blankCells: 1 });
    const tx = await store.readSeries('onchainMetrics', { metric: 'TxCnt' });
    expect(Array.from(tx.columns.value)).toEqual([7]);
  });

  it('streams JSON Lines with nested fields; a malformed line is a bad row', async () => {
    const p = join(dir, 'trades.jsonl');
    const lines = [
      JSON.stringify({ id: 't1', t: 1704067200000, px: { price: 100 }, qty: 0.5, side: 'buy' }),
      '',
      JSON.stringify({ id: 't2', t: 1704067201000, px: { price: 101 }, qty: 0.25, side: 'sell' }),
      '{"id": "t3", "t": 17040',
    ];
    writeFileSync(p, `${lines.join('\n')}\n`);
    const m = {
      kind: 'trades' as const,
      time: { column: 't', format: 'epoch_ms' as const },
      fields: { tradeId: 'id', price: 'px.price', amount: 'qty', side: 'side' },
      constants: { source: 'test', venue: 'binance', symbol: 'BTC/USDT' },
    };
    await expect(ingestFile(store, p, m)).rejects.toThrow(
      /trades\.jsonl, line 4, field "\(row\)": malformed JSON/,
    );
    expect(await store.count('trades')).toBe(0);
    const r = await ingestFile(store, p, m, { mode: 'lenient' });
    expect(r).toMatchObject({ rows: 3, records: 2, inserted: 2, skipped: 1 });
    const t = await store.readRecords('trades');
    expect(t.map((x) => [x.tradeId, x.price, x.side])).toEqual([
      ['t1', 100, 'buy'],
      ['t2', 101, 'sell'],
    ]);
  });

  it('exports to Parquet and ingests Parquet through a mapping', async () => {
    const out = join(dir, 'bars.parquet');
    await store.exportQuery('bars', out);
    const s2 = await Store.open(':memory:');
    const r = await ingestFile(s2, out, {
      kind: 'bars',
      time: { column: 'ts_event', format: 'epoch_ms' },
      fields: {
        open: 'open',
        high: 'high',
        low: 'low',
        close: 'close',
        volume: 'volume',
        source: 'source',
        venue: 'venue',
        symbol: 'symbol',
        interval: 'interval',
      },
      order: 'any',
    });
    expect(r.inserted).toBe(3);
    s2.close();
  });
});

describe('ingestFile: native DuckDB CSV path', () => {
  it('gives exactly the store contents of the streaming path, and falls back on bad rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwm-native-'));
    try {
      const lines = ['open_time,open,high,low,close,volume,num_trades'];
      let p = 100;
      for (let i = 0; i < 3000; i++) {
        const c = p * (1 + 0.01 * Math.sin(i * 1.7));
        lines.push(
          `${1704067200000 + i * 60_000},${p.toFixed(4)},${(Math.max(p, c) + 0.5).toFixed(4)},${(Math.min(p, c) - 0.5).toFixed(4)},${c.toFixed(4)},${(i % 7) * 1.25},${i % 11}`,
        );
        p = Number(c.toFixed(4));
      }
      const f = join(dir, 'm.csv');
      writeFileSync(f, `${lines.join('\n')}\n`);
      const m = presetMapping('binance-ohlcv', {
        constants: { source: 's', venue: 'binance', symbol: 'BTC/USDT', interval: '1m' },
      });
      const a = await Store.open(':memory:');
      const b = await Store.open(':memory:');
      const ra = await ingestFile(a, f, m, { native: false });
      const rb = await ingestFile(b, f, m);
      expect(rb).toEqual(ra);
      const fa = await a.readBars({ symbol: 'BTC/USDT', interval: '1m' });
      const fb = await b.readBars({ symbol: 'BTC/USDT', interval: '1m' });
      expect(Array.from(fb.ts)).toEqual(Array.from(fa.ts));
      for (const col of Object.keys(fa.columns))
        expect(Array.from(fb.columns[col]), col).toEqual(Array.from(fa.columns[col]));
      expect(await ingestFile(b, f, m)).toMatchObject({ inserted: 0, existing: 3000 });
      // a bad row in the middle: the native check refuses, the streaming path names it
      const bad = [...lines];
      bad[1500] = bad[1500].replace(/,([0-9.]+),([0-9.]+)$/, ',-1,$2');
      const g = join(dir, 'bad.csv');
      writeFileSync(g, bad.join('\n'));
      const s = await Store.open(':memory:');
      await expect(ingestFile(s, g, m)).rejects.toThrow(/line 1501, field "volume": must be >= 0, got -1/);
      expect(await s.count('bars')).toBe(0);
      a.close();
      b.close();
      s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
