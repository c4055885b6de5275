import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../data/store.js';
import { PipelineConfigError } from '../errors/pipeline.js';
import { type MainJobOutput, type MainJobProgress, resultsToJson, runMainJob } from './mainJob.js';

// A tiny sample: 15 days of hourly bars, 4-day training and test windows, few Monte Carlo draws.
const TINY = { hours: 360, trainBars: 96, testBars: 96, riskDraws: 400 };

async function run(dir: string, seed: number, events?: MainJobProgress[]): Promise<MainJobOutput> {
  const store = await Store.open(':memory:');
  try {
    return await runMainJob({
      store,
      outDir: dir,
      seed,
      ...TINY,
      writeRunInfo: (out, config, s) => {
        const p = join(out, 'run.json');
        writeFileSync(p, JSON.stringify({ seed: s, config }));
        return p;
      },
      onProgress: (e) => events?.push(e),
    });
  } finally {
    store.close();
  }
}

describe('runMainJob (tiny sample)', () => {
  let dir: string;
  let a: MainJobOutput;
  const events: MainJobProgress[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cwm-mainjob-'));
    a = await run(join(dir, 'a'), 11, events);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('same seed, byte-identical results.json; another seed, different results', async () => {
    const b = await run(join(dir, 'b'), 11);
    const first = readFileSync(a.resultsPath, 'utf8');
    expect(readFileSync(b.resultsPath, 'utf8')).toBe(first);
    expect(first).toBe(resultsToJson(a.results));
    const c = await run(join(dir, 'c'), 12);
    expect(resultsToJson(c.results)).not.toBe(first);
  }, 120_000);

  it('runs every stage in order, writes run.json through the hook and the factor table', () => {
    const stages = [...new Set(events.map((e) => e.stage))];
    expect(stages).toEqual(['sample', 'factors', 'backtest', 'risk', 'write']);
    expect(JSON.parse(readFileSync(join(dir, 'a', 'run.json'), 'utf8')).seed).toBe(11);
    const r = a.results;
    expect(r.sample.symbols).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    expect(r.prices.ts.length).toBe(360);
    expect(r.prices.ts[1] - r.prices.ts[0]).toBe(3_600_000);
    // one row per symbol and grid hour
    expect(r.factors.tableRows).toBe(3 * 360);
    expect(r.factors.coverage.length).toBe(r.factors.total);
    expect(r.factors.coverage.filter((c) => c.computable).length).toBe(r.factors.computed);
    expect(r.factors.computed).toBeGreaterThan(10);
    for (const c of r.factors.coverage) {
      for (const v of Object.values(c.available)) {
        if (c.computable) expect(v === null || (v >= 0 && v <= 1)).toBe(true);
        else expect(v).toBeNull();
      }
    }
    // a factor needing data the sample lacks is unavailable, not zero
    expect(r.factors.coverage.some((c) => !c.computable && c.missing.length > 0)).toBe(true);
  });

  it('backtests walk-forward out of sample with costs; equity and drawdown match the returns', () => {
    const r = a.results;
    expect(r.backtest.strategies.map((s) => s.strategy)).toEqual([
      'buy-and-hold',
      'equal-weight',
      'inverse-volatility',
      'ma-crossover',
    ]);
    const oos = 360 - 96 - 1;
    for (const s of r.backtest.strategies) {
      expect(s.folds).toBe(Math.ceil(oos / 96));
      expect(s.ts.length).toBe(oos);
      expect(s.ts[0]).toBe(r.prices.ts[97]);
      // fees and slippage cost money on every strategy that trades
      expect(s.attribution.fees).toBeLessThan(0);
      expect(s.attribution.slippage).toBeLessThan(0);
      let peak = 1;
      for (let i = 0; i < s.equity.length; i++) {
        peak = Math.max(peak, s.equity[i]);
        expect(s.drawdown[i]).toBeCloseTo(s.equity[i] / peak - 1, 12);
      }
      expect(s.equity[s.equity.length - 1]).toBeCloseTo(1 + s.withCosts.totalReturn, 9);
    }
  });

  it('risk-reports each strategy: 1-bar VaR below zero, ES beyond VaR, Kupiec/Christoffersen p-values, GARCH', () => {
    expect(a.results.risk.length).toBe(4);
    for (const x of a.results.risk) {
      expect(x.summary.n).toBe(360 - 96 - 1);
      for (const v of x.var) {
        // one bar ahead the quantile is a loss; over 10 days a strong drift may lift it above 0
        if (v.horizon === '1h') expect(v.var).toBeLessThan(0);
        expect(v.es).toBeLessThanOrEqual(v.var + 1e-12);
      }
      expect(x.backtests.length).toBeGreaterThan(0);
      for (const b of x.backtests) {
        expect(b.kupiec.pValue).toBeGreaterThanOrEqual(0);
        expect(b.kupiec.pValue).toBeLessThanOrEqual(1);
        expect(b.exceedances).toBeLessThanOrEqual(b.n);
      }
      expect(x.garch.persistence).toBeLessThan(1);
      expect(x.maxDrawdown.value).toBeLessThanOrEqual(0);
      expect(x.charts.returns.length).toBe(x.charts.var99.length);
    }
  });

  it('refuses a sample too short for the walk-forward and the risk report, naming the option', async () => {
    const store = await Store.open(':memory:');
    try {
      await expect(runMainJob({ store, outDir: join(dir, 'x'), hours: 200, trainBars: 96 })).rejects.toThrow(
        PipelineConfigError,
      );
      await expect(runMainJob({ store, outDir: join(dir, 'x'), hours: 200, trainBars: 96 })).rejects.toThrow(
        /"hours".*103 out-of-sample bars/,
      );
      await expect(runMainJob({ store, outDir: join(dir, 'x'), seed: -1 })).rejects.toThrow(/"seed"/);
    } finally {
      store.close();
    }
  });
});
