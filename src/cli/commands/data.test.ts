import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cliTestUtil.js';

describe('cwm start / data export / data import', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cwm-data-'));
    db = join(dir, 'store.duckdb');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('start generates the sample, prints the summary and writes the run folder; again adds nothing', async () => {
    const out = join(dir, 'run');
    const r = await runCli([
      '--db',
      db,
      '--json',
      'start',
      '--data-only',
      '--hours',
      '48',
      '--seed',
      '5',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.seed).toBe(5);
    const bars = res.datasets.filter((d: { kind: string }) => d.kind === 'bars');
    expect(bars.map((d: { key: { symbol: string } }) => d.key.symbol).sort()).toEqual([
      'BTC/USDT',
      'ETH/USDT',
      'SOL/USDT',
    ]);
    expect(bars.every((d: { rows: number }) => d.rows === 48)).toBe(true);
    const info = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(info).toMatchObject({ seed: 5, config: { seed: 5, sample: { hours: 48 } } });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(existsSync(join(out, 'datasets.json'))).toBe(true);
    const again = JSON.parse(
      (
        await runCli([
          '--db',
          db,
          '--json',
          'start',
          '--data-only',
          '--hours',
          '48',
          '--seed',
          '5',
          '--out',
          out,
        ])
      ).stdout,
    );
    expect(again.sample.every((s: { inserted: number }) => s.inserted === 0)).toBe(true);
    const text = await runCli(['--db', db, 'data', 'ls']);
    expect(text.stdout).toMatch(/bars\s+source=cwm-sample venue=cwm symbol=BTC\/USDT interval=1h\s+48/);
  });

  it('start reads a YAML config and rejects an invalid one with exit code 2', async () => {
    const { writeFileSync } = await import('node:fs');
    const cfg = join(dir, 'cwm.yaml');
    writeFileSync(cfg, `seed: 9\nsample:\n  hours: 24\n  start: 2023-06-01\nout: ${join(dir, 'cfgrun')}\n`);
    const r = await runCli([
      '--db',
      join(dir, 'cfg.duckdb'),
      '--config',
      cfg,
      '--json',
      'start',
      '--data-only',
    ]);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.seed).toBe(9);
    expect(res.datasets.find((d: { kind: string }) => d.kind === 'bars').fromIso).toBe(
      '2023-06-01T00:00:00.000Z',
    );
    writeFileSync(cfg, 'seed: -1\nsample: { hours: "x" }\n');
    const bad = await runCli(['--db', join(dir, 'cfg.duckdb'), '--config', cfg, 'start']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/seed/);
    expect(bad.stderr).toMatch(/sample\.hours/);
  });

  it('exports a table and a query to Parquet/CSV and imports the Parquet into another store', async () => {
    const pq = join(dir, 'bars.parquet');
    const e = await runCli(['--db', db, '--json', 'data', 'export', 'bars', '--out', pq]);
    expect(e.code).toBe(0);
    expect(JSON.parse(e.stdout).rows).toBe(144);
    const csv = join(dir, 'btc.csv');
    const q = await runCli([
      '--db',
      db,
      'data',
      'export',
      "SELECT ts_event, close FROM bars WHERE symbol = 'BTC/USDT' ORDER BY ts_event",
      '--out',
      csv,
    ]);
    expect(q.code).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toBe('ts_event,close');
    expect((await runCli(['--db', db, 'data', 'export', 'bars', '--out', join(dir, 'x.txt')])).code).toBe(2);
    expect(
      (await runCli(['--db', db, 'data', 'export', 'SELECT * FROM nope', '--out', join(dir, 'y.csv')])).code,
    ).toBe(1);
    const db2 = join(dir, 'other.duckdb');
    const imp = await runCli(['--db', db2, '--json', 'data', 'import', pq, '--kind', 'bars']);
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ received: 144, inserted: 144 });
    const imp2 = await runCli(['--db', db2, '--json', 'data', 'import', pq, '--kind', 'bars']);
    expect(JSON.parse(imp2.stdout).inserted).toBe(0);
  });
});
