import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { sharedDataAvailable } from '../../data/sharedData.js';
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

describe.skipIf(!sharedDataAvailable())(
  'cwm risk report on the equal-weight majors (shared daily data)',
  () => {
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
  },
);
