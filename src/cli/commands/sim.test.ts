import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../data/store.js';
import { runCli } from './cliTestUtil.js';

describe('cwm sim', () => {
  it('run writes simulated records to the store and reports them', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'cwm-sim-')), 'cwm.duckdb');
    const res = await runCli([
      '--db',
      db,
      '--json',
      '--quiet',
      'sim',
      'run',
      '--days',
      '0.05',
      '--seed',
      '3',
      '--assets',
      'BTC',
    ]);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { written: Record<string, number>; agents: number };
    expect(out.written.bars).toBeGreaterThan(0);
    expect(out.written.trades).toBeGreaterThan(0);
    const store = await Store.open(db);
    expect(await store.count('bars')).toBe(out.written.bars);
    store.close();
  });

  it('bad usage exits 2 with a clear message', async () => {
    const a = await runCli(['--quiet', 'sim', 'run', '--assets', 'DOGE', '--db', ':memory:']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--assets: unknown DOGE/);
    const b = await runCli(['--quiet', 'sim', 'run', '--scenario', 'nope', '--db', ':memory:']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/unknown scenario "nope"/);
  });

  it('scenarios lists the built-ins', async () => {
    const res = await runCli(['--json', 'sim', 'scenarios']);
    const names = (JSON.parse(res.stdout) as Array<{ name: string }>).map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'default',
        'exchange-hack',
        'rate-hike-shock',
        'stablecoin-depeg',
        'liquidation-cascade',
      ]),
    );
  });
});
