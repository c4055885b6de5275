import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataAvailable, sharedDataPath } from '../../data/sharedData.js';
import { runCli } from './cliTestUtil.js';

describe('cwm ingest / data ls', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cwm-cli-'));
    db = join(dir, 'store.duckdb');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!sharedDataAvailable())(
    'done-when: daily BTC file -> data ls reports 3065 rows and its range; again changes nothing',
    async () => {
      const file = sharedDataPath('market/binance_spot_1d/BTCUSDT_1d.csv');
      const first = await runCli(['--db', db, '--json', 'ingest', file, '--kind', 'bars']);
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ rows: 3065, inserted: 3065 });
      const ls = await runCli(['--db', db, '--json', 'data', 'ls']);
      expect(ls.code).toBe(0);
      const listed = JSON.parse(ls.stdout);
      expect(listed.datasets).toEqual([
        {
          kind: 'bars',
          table: 'bars',
          key: { source: 'binance', venue: 'binance', symbol: 'BTC/USDT', interval: '1d' },
          rows: 3065,
          from: Date.UTC(2017, 7, 17),
          to: Date.UTC(2026, 0, 6),
          fromIso: '2017-08-17T00:00:00.000Z',
          toIso: '2026-01-06T00:00:00.000Z',
        },
      ]);
      const again = await runCli(['--db', db, '--json', 'ingest', file, '--kind', 'bars']);
      expect(JSON.parse(again.stdout)).toMatchObject({ rows: 3065, inserted: 0, existing: 3065 });
      const ls2 = await runCli(['--db', db, '--json', 'data', 'ls']);
      expect(JSON.parse(ls2.stdout)).toEqual(listed);
    },
  );

  it('strict rejects a bad file with exit code 2 and a message naming file, line, field; lenient skips', async () => {
    const bad = join(dir, 'ETHUSDT_1h.csv');
    writeFileSync(
      bad,
      'timestamp,open,high,low,close,volume\n2024-01-01 00:00,1,2,0.5,1.5,3\n2024-01-01 01:00,1,2,3,1.5,3\n2024-01-01 02:00,1,2,0.5,1.5,3\n',
    );
    const before = (await runCli(['--db', db, '--json', 'data', 'ls'])).stdout;
    const strict = await runCli(['--db', db, 'ingest', bad, '--kind', 'bars', '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(`${bad}, line 3, field "high": high 2 < low 3`);
    expect((await runCli(['--db', db, '--json', 'data', 'ls'])).stdout).toBe(before);
    const lenient = await runCli(['--db', db, '--json', 'ingest', bad, '--kind', 'bars', '--lenient']);
    expect(lenient.code).toBe(0);
    const r = JSON.parse(lenient.stdout);
    expect(r).toMatchObject({ rows: 3, inserted: 2, skipped: 1 });
    expect(r.skippedReasons[0].count).toBe(1);
    expect(lenient.stderr).toMatch(/bad rows skipped/);
  });

  it('bad usage exits 2: unknown kind, missing preset, both modes', async () => {
    const f = join(dir, 'x.csv');
    writeFileSync(f, 'date,value\n2024-01-01,1\n');
    expect((await runCli(['--db', db, 'ingest', f, '--kind', 'nope'])).code).toBe(2);
    const noPreset = await runCli(['--db', db, 'ingest', f, '--kind', 'macroSeries']);
    expect(noPreset.code).toBe(2);
    expect(noPreset.stderr).toMatch(/needs --preset/);
    expect((await runCli(['--db', db, 'ingest', f, '--kind', 'bars', '--strict', '--lenient'])).code).toBe(2);
    expect((await runCli(['--db', db, 'ingest'])).code).toBe(2);
    const badSet = await runCli([
      '--db',
      db,
      'ingest',
      f,
      '--kind',
      'macroSeries',
      '--preset',
      'date-value',
      '--set',
      'nope=1',
    ]);
    expect(badSet.code).toBe(2);
    expect(badSet.stderr).toMatch(/macroSeries records have no field "nope"/);
    const ok = await runCli([
      '--db',
      db,
      '--json',
      'ingest',
      f,
      '--kind',
      'macroSeries',
      '--preset',
      'date-value',
      '--set',
      'series=TEST',
      '--source',
      'me',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).inserted).toBe(1);
  });

  it('ingests with a --map JSON mapping file', async () => {
    const f = join(dir, 'funding.csv');
    writeFileSync(f, 'fundingTime;fundingRate\n1704067200000;0.01\n1704096000000;-0.02\n');
    const map = join(dir, 'map.json');
    writeFileSync(
      map,
      JSON.stringify({
        kind: 'funding',
        delimiter: ';',
        time: { column: 'fundingTime', format: 'epoch_ms' },
        fields: { rate: { column: 'fundingRate', scale: 0.01 } },
      }),
    );
    const r = await runCli([
      '--db',
      db,
      '--json',
      'ingest',
      f,
      '--kind',
      'funding',
      '--map',
      map,
      '--venue',
      'okx',
      '--symbol',
      'BTC/USDT:USDT',
      '--source',
      'okx',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ records: 2, inserted: 2 });
  });

  it('prints --help for each command', async () => {
    for (const argv of [
      ['ingest', '--help'],
      ['data', '--help'],
      ['data', 'ls', '--help'],
      ['data', 'export', '--help'],
      ['start', '--help'],
    ]) {
      const r = await runCli(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: cwm/);
    }
  });
});
