import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cliTestUtil.js';

describe('cwm start (main job) / cwm report', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cwm-start-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the main job end to end and writes the run folder with the HTML report', async () => {
    const out = join(dir, 'run');
    const argv = [
      '--db',
      join(dir, 's.duckdb'),
      '--json',
      'start',
      '--world',
      'sample',
      '--hours',
      '360',
      '--train',
      '96',
      '--test',
      '96',
    ];
    const r = await runCli([...argv, '--seed', '4', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.seed).toBe(4);
    expect(res.strategies.map((s: { strategy: string }) => s.strategy)).toEqual([
      'buy-and-hold',
      'equal-weight',
      'inverse-volatility',
      'ma-crossover',
    ]);
    expect(res.factors.rows).toBe(3 * 360);
    for (const f of ['run.json', 'results.json', 'datasets.json', 'timings.json', 'report.html'])
      expect(existsSync(join(out, f)), f).toBe(true);
    const info = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(info).toMatchObject({
      seed: 4,
      config: { seed: 4, sample: { hours: 360 }, trainBars: 96, testBars: 96 },
    });
    const html = readFileSync(res.report, 'utf8');
    expect(html).toContain('<section id="risk">');
    // the factor table is in the store
    const ls = await runCli([
      '--db',
      join(dir, 's.duckdb'),
      '--json',
      'data',
      'export',
      'SELECT * FROM factor_values_1h',
      '--out',
      join(dir, 'f.csv'),
    ]);
    expect(JSON.parse(ls.stdout).rows).toBe(3 * 360);

    // cwm report re-renders the same page from the folder
    const before = readFileSync(join(out, 'report.html'), 'utf8');
    rmSync(join(out, 'report.html'));
    const rep = await runCli(['report', out]);
    expect(rep.code).toBe(0);
    expect(rep.stdout).toContain('report.html');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe(before);
    expect(statSync(join(out, 'report.html')).size).toBeGreaterThan(10_000);
  }, 120_000);

  it('rejects a sample too short for the main job (exit 2) and a run folder without results (exit 1)', async () => {
    const r = await runCli([
      '--db',
      join(dir, 'x.duckdb'),
      'start',
      '--world',
      'sample',
      '--hours',
      '48',
      '--out',
      join(dir, 'short'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hours.*out-of-sample bars/);
    expect((await runCli(['start', '--train', '0'])).code).toBe(2);
    const w = await runCli(['start', '--world', 'mars']);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/--world must be one of sim, sample/);
    expect((await runCli(['start', '--days', '0'])).code).toBe(2);
    const rep = await runCli(['report', join(dir, 'missing')]);
    expect(rep.code).toBe(1);
    expect(rep.stderr).toMatch(/results\.json not found/);
  });

  it('runs on the simulated default world by default and says so in the summary and the report', async () => {
    const out = join(dir, 'simrun');
    const r = await runCli([
      '--db',
      join(dir, 'sim.duckdb'),
      '--json',
      'start',
      '--days',
      '3',
      '--train',
      '24',
      '--test',
      '24',
      '--seed',
      '3',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.source).toMatchObject({ kind: 'sim', scenario: 'default', days: 3, trades: false });
    expect(res.factors.rows).toBe(3 * 72);
    const info = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(info.config).toMatchObject({ world: 'sim', scenario: 'default', days: 3 });
    const html = readFileSync(res.report, 'utf8');
    expect(html).toContain('Simulated world &quot;default&quot; (seed 3, 3 days');
    expect(html).toContain('Simulated world: ground truth');
    expect(html).toContain('hidden regime');
  }, 120_000);
});
