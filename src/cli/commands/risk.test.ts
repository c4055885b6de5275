import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { Rng } from '../../math/rng.js';
import { main } from '../main.js';

async function runCli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args), out };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

describe('cwm risk report (usage)', () => {
  it('needs exactly one source', async () => {
    expect((await runCli(['risk', 'report'])).code).toBe(2);
    expect((await runCli(['risk', 'report', '--symbols', 'BTCUSDT', '--run', 'x'])).code).toBe(2);
  });
});

describe('cwm risk report --run', () => {
  it('reads a backtest run folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwm-run-'));
    const rng = new Rng(8);
    const lines = ['date,return,return_no_cost'];
    for (let i = 0; i < 400; i++) {
      const d = new Date(Date.UTC(2021, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const r = 0.02 * rng.normal();
      lines.push(`${d},${r},${r + 0.0001}`);
    }
    writeFileSync(join(dir, 'returns-equal-weight.csv'), `${lines.join('\n')}\n`);
    const { code, out } = await runCli([
      '--json',
      'risk',
      'report',
      '--run',
      dir,
      '--out',
      join(dir, 'charts'),
    ]);
    expect(code).toBe(0);
    const rep = JSON.parse(out);
    expect(rep.summary.n).toBe(400);
    expect(rep.summary.from).toBe('2021-01-01');
    expect(rep.stress.hypothetical).toEqual([]);
    expect((await runCli(['risk', 'report', '--run', dir, '--strategy', 'nope'])).code).toBe(2);
  });
});

describeSharedData('cwm risk report --portfolio (shared daily data)', () => {
  it('reads a weights file and applies hypothetical shocks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwm-pf-'));
    const f = join(dir, 'pf.yaml');
    writeFileSync(f, 'weights: {BTCUSDT: 0.6, ETHUSDT: 0.4}\nfrom: 2021-01-01\n');
    const { code, out } = await runCli([
      '--json',
      'risk',
      'report',
      '--portfolio',
      f,
      '--out',
      join(dir, 'charts'),
    ]);
    expect(code).toBe(0);
    const rep = JSON.parse(out);
    expect(rep.summary.from).toBe('2021-01-02');
    const crash = rep.stress.hypothetical.find((h: { name: string }) => h.name.startsWith('crypto crash'));
    expect(crash.pricePnl).toBeCloseTo(-300_000, 0);
    writeFileSync(f, 'weights: {BTCUSDT: lots}\n');
    expect((await runCli(['risk', 'report', '--portfolio', f])).code).toBe(2);
  });
});

describeSharedData('cwm risk report on the equal-weight majors (shared daily data)', () => {
  it('gives VaR/ES per method, level and horizon, drawdown dates, GARCH and VaR backtests at 95% and 99%', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwm-risk-'));
    const { code, out } = await runCli(['--json', 'risk', 'report', '--symbols', 'majors', '--out', dir]);
    expect(code).toBe(0);
    const rep = JSON.parse(out);
    expect(rep.var).toHaveLength(6 * 3 * 3);
    for (const row of rep.var) expect(row.es).toBeLessThanOrEqual(row.var);
    expect(rep.maxDrawdown.value).toBeLessThan(-0.5);
    expect(rep.maxDrawdown.peakDate < rep.maxDrawdown.troughDate).toBe(true);
    expect(rep.garch.alpha + rep.garch.beta).toBeLessThan(1);
    for (const level of [0.95, 0.99]) {
      const bt = rep.backtests.filter((b: { level: number }) => b.level === level);
      expect(bt.length).toBe(5);
      for (const b of bt) {
        expect(b.kupiec.pValue).toBeGreaterThanOrEqual(0);
        expect(b.kupiec.pValue).toBeLessThanOrEqual(1);
        expect(b.christoffersenIndependence.pValue).toBeLessThanOrEqual(1);
        expect(b.conditionalCoverage.dof).toBe(2);
      }
      // The GARCH-filtered method should not be rejected at 1% by Kupiec on this portfolio.
      expect(bt.find((b: { method: string }) => b.method === 'fhs').kupiec.pValue).toBeGreaterThan(0.01);
    }
    const covid = rep.stress.historical.find((s: { name: string }) => s.name.includes('COVID'));
    expect(covid.totalReturn).toBeLessThan(-0.3);
    expect(existsSync(join(dir, 'equity.svg'))).toBe(true);
    expect(existsSync(join(dir, 'risk-report.json'))).toBe(true);
  });
});
