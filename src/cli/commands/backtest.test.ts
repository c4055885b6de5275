import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { main } from '../main.js';

async function runCli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(args);
    return { code, out };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

describe('cwm backtest (usage)', () => {
  it('rejects an unknown strategy with exit code 2', async () => {
    const { code } = await runCli(['backtest', 'no-such-strategy']);
    expect(code).toBe(2);
  });

  it('rejects a config file naming the bad field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwm-btc-'));
    const f = join(dir, 'bad.yaml');
    writeFileSync(f, 'strategies:\n  - name: ma-crossover\n    grid: {fast: []}\n');
    let err = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
      err += String(c);
      return true;
    });
    try {
      expect(await main(['backtest', f])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(err).toMatch(/strategies\.0\.grid\.fast/);
  });
});

describeSharedData('cwm backtest on the 15 majors (shared daily data)', () => {
  it('runs a YAML strategy config on chosen symbols', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwm-btc-'));
    const f = join(dir, 'ma.yaml');
    writeFileSync(
      f,
      'strategies:\n  - name: ma-crossover\n    grid: {fast: [10], slow: [50, 100]}\nsymbols: [BTCUSDT, ETHUSDT]\nfrom: 2020-01-01\nwalkForward: {trainBars: 365, testBars: 365}\nexecution: {takerFeeBps: 5}\n',
    );
    const { code, out } = await runCli(['--json', '--quiet', 'backtest', f]);
    expect(code).toBe(0);
    const { summaries } = JSON.parse(out);
    expect(summaries[0].symbols).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(summaries[0].from >= '2021-01-01').toBe(true);
    expect(summaries[0].nTrials).toBe(2);
  });

  it('runs the five example strategies walk-forward with costs and writes run files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwm-bt-'));
    const { code, out } = await runCli(['--json', '--quiet', 'backtest', 'examples', '--out', dir]);
    expect(code).toBe(0);
    const { summaries } = JSON.parse(out) as {
      summaries: Array<{
        strategy: string;
        symbols: string[];
        folds: number;
        costDragAnnual: number;
        withCosts: { sharpe: number; annualTurnover: number };
      }>;
    };
    expect(summaries.map((s) => s.strategy)).toEqual([
      'buy-and-hold',
      'equal-weight',
      'inverse-volatility',
      'ma-crossover',
      'funding-carry',
    ]);
    const ew = summaries[1];
    expect(ew.symbols).toHaveLength(15);
    expect(ew.folds).toBeGreaterThan(5);
    for (const s of summaries) {
      expect(Number.isFinite(s.withCosts.sharpe)).toBe(true);
      expect(s.costDragAnnual).toBeGreaterThan(0); // costs are on and they cost something
    }
    expect(readdirSync(dir)).toEqual(
      expect.arrayContaining(['run.json', 'results.json', 'returns-equal-weight.csv']),
    );
    const csv = readFileSync(join(dir, 'returns-ma-crossover.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('date,return,return_no_cost');
    expect(csv.length).toBeGreaterThan(2000);
  });
});
