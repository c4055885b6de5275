import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../data/store.js';
import { Rng } from '../../math/rng.js';
import { runCli } from './cliTestUtil.js';

const dir = mkdtempSync(join(tmpdir(), 'cwm-factors-'));
const db = join(dir, 'cwm.duckdb');

describe('cwm factors', () => {
  beforeAll(async () => {
    const store = await Store.open(db);
    const rng = new Rng(3);
    const bars: Record<string, unknown>[] = [];
    let p = 100;
    const from = Date.UTC(2024, 0, 1);
    for (let i = 0; i < 24 * 120; i++) {
      const o = p;
      const c = o * Math.exp(rng.normal() * 0.01);
      p = c;
      bars.push({
        source: 'test',
        venue: 'testex',
        symbol: 'BTC/USDT',
        interval: '1h',
        tsEvent: from + i * 3_600_000,
        open: o,
        high: Math.max(o, c) * 1.002,
        low: Math.min(o, c) * 0.998,
        close: c,
        volume: 10 + rng.uniform(),
      });
    }
    await store.insert('bars', bars);
    store.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('list --json prints 80 factors with id, category, name, definition, inputs', async () => {
    const r = await runCli(['--json', 'factors', 'list']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(list).toHaveLength(80);
    for (const f of list) {
      for (const k of ['id', 'category', 'name', 'definition', 'inputs'])
        expect(f[k], `${f.id}.${k}`).toBeDefined();
    }
    const text = await runCli(['factors', 'list']);
    expect(text.stdout).toContain('Price & Volume Dynamics (price_volume): 10 of 10');
  });

  it('coverage --json marks bar factors computable and on-chain ones not', async () => {
    const r = await runCli(['--db', db, '--json', 'factors', 'coverage', '--symbol', 'BTC/USDT']);
    expect(r.code).toBe(0);
    const cov = JSON.parse(r.stdout) as Array<{ id: string; category: string; computable: boolean }>;
    expect(cov).toHaveLength(80);
    const byId = new Map(cov.map((c) => [c.id, c]));
    expect(byId.get('volatility')?.computable).toBe(true);
    expect(byId.get('mvrv')?.computable).toBe(false);
  });

  it('compute writes a factor table into the store and exports it', async () => {
    const out = join(dir, 'f.csv');
    const r = await runCli([
      '--db',
      db,
      '--json',
      '--quiet',
      'factors',
      'compute',
      '--symbols',
      'BTC/USDT',
      '--freq',
      '1h',
      '--from',
      '2024-02-01',
      '--to',
      '2024-03-01',
      '--factors',
      'volatility,momentum_reversion',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as { rows: number; columns: number; availableFraction: number };
    expect(s.rows).toBe(29 * 24 + 1);
    expect(s.columns).toBe(11);
    expect(s.availableFraction).toBeGreaterThan(0.5);
    const store = await Store.open(db);
    const rows = await store.query(
      'SELECT count(*)::INT AS n, count(volatility)::INT AS v FROM factor_values_1h',
    );
    store.close();
    expect(rows[0].n).toBe(29 * 24 + 1);
    expect(rows[0].v).toBeGreaterThan(600);
    // idempotent: computing again replaces the same rows
    const again = await runCli([
      '--db',
      db,
      '--json',
      '--quiet',
      'factors',
      'compute',
      '--symbols',
      'BTC/USDT',
      '--freq',
      '1h',
      '--from',
      '2024-02-01',
      '--to',
      '2024-03-01',
      '--factors',
      'volatility',
    ]);
    expect(again.code).toBe(0);
    const store2 = await Store.open(db);
    const rows2 = await store2.query('SELECT count(*)::INT AS n FROM factor_values_1h');
    store2.close();
    expect(rows2[0].n).toBe(29 * 24 + 1);
  });

  it('check-lookahead passes the catalogue factors and catches a user factor that peeks', async () => {
    const ok = await runCli([
      '--db',
      db,
      '--json',
      '--quiet',
      'factors',
      'check-lookahead',
      '--factor',
      'volatility',
      '--cuts',
      '3',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)[0]).toMatchObject({ id: 'volatility', checked: true, lookahead: false });
    const mod = join(dir, 'peek.mjs');
    writeFileSync(
      mod,
      `export const peek = { id: 'peek', category: 'price_volume', name: 'peek', definition: 'reads the next close on purpose',
        inputs: [{ name: 'close', kind: 'bars', field: 'close', publicationLagMs: 0, maxStalenessMs: 60000 }],
        frequency: 'grid', unit: 'decimal', outputs: [{ name: 'value', unit: 'decimal', description: 'peek' }], lookback: 1,
        compute: ({ columns, n }) => { const o = new Float64Array(n).fill(NaN);
          for (let i = 0; i + 1 < n; i++) o[i] = columns.close[i + 1]; return { value: o }; } };\n`,
    );
    const bad = await runCli([
      '--db',
      db,
      '--json',
      '--quiet',
      'factors',
      'check-lookahead',
      '--module',
      mod,
      '--cuts',
      '3',
    ]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)[0]).toMatchObject({ id: 'peek', lookahead: true });
  });

  it('bad usage exits with code 2', async () => {
    const r = await runCli([
      '--db',
      db,
      'factors',
      'compute',
      '--symbols',
      'BTC/USDT',
      '--freq',
      '5m',
      '--from',
      '2024-01-01',
      '--to',
      '2024-02-01',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--freq must be 1h or 1d');
  });
});
