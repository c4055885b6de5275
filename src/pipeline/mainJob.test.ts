import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../data/store.js';
import { PipelineConfigError } from '../errors/pipeline.js';
import { type MainJobOutput, type MainJobProgress, resultsToJson, runMainJob } from './mainJob.js';

// A tiny sample: 15 days of hourly bars, 4-day training and test windows, few Monte Carlo draws.
const TINY = { source: 'sample' as const, hours: 360, trainBars: 96, testBars: 96, riskDraws: 400 };

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
    expect(stages).toEqual(['data', 'factors', 'backtest', 'risk', 'write']);
    expect(a.results.source).toEqual({ kind: 'sample' });
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
      await expect(
        runMainJob({ store, outDir: join(dir, 'x'), source: 'sample', hours: 200, trainBars: 96 }),
      ).rejects.toThrow(PipelineConfigError);
      await expect(
        runMainJob({ store, outDir: join(dir, 'x'), source: 'sample', hours: 200, trainBars: 96 }),
      ).rejects.toThrow(/"hours".*103 out-of-sample bars/);
      await expect(runMainJob({ store, outDir: join(dir, 'x'), seed: -1 })).rejects.toThrow(/"seed"/);
    } finally {
      store.close();
    }
  });
});

// A tiny world run: 3 simulated days (72 hourly bars), 1-day windows; too short for the risk report.
const TINY_WORLD = { source: 'sim' as const, days: 3, trainBars: 24, testBars: 24, riskDraws: 200 };

async function runWorld(dir: string, seed: number): Promise<MainJobOutput> {
  const store = await Store.open(':memory:');
  try {
    return await runMainJob({ store, outDir: dir, seed, ...TINY_WORLD });
  } finally {
    store.close();
  }
}

describe('runMainJob (tiny simulated world)', () => {
  let dir: string;
  let a: MainJobOutput;
  let sample: MainJobOutput;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cwm-mainjob-sim-'));
    a = await runWorld(join(dir, 'a'), 5);
    sample = await run(join(dir, 's'), 5);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('same seed, byte-identical results.json', async () => {
    const b = await runWorld(join(dir, 'b'), 5);
    expect(readFileSync(b.resultsPath, 'utf8')).toBe(readFileSync(a.resultsPath, 'utf8'));
  }, 60_000);

  it('runs on the world: its scenario, venue, symbols and ground truth are reported', () => {
    const r = a.results;
    expect(r.schema).toBe('cwm.mainJob/2');
    expect(r.source.kind).toBe('sim');
    expect(r.source.scenario).toBe('default');
    expect(r.source.days).toBe(3);
    expect(r.source.trades).toBe(false);
    expect(r.source.agents).toBeGreaterThan(100);
    // every simulated hour has exactly one hidden regime
    expect(Object.values(r.source.regimeHours ?? {}).reduce((x, y) => x + y, 0)).toBe(72);
    expect(Object.keys(r.source.fundamentals ?? {}).sort()).toEqual(['BTC', 'ETH', 'SOL']);
    expect(r.sample.source).toBe('cwm-sim');
    expect(r.sample.venue).toBe('binance');
    expect(r.sample.symbols).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    expect(r.prices.ts.length).toBe(72);
    expect(r.sample.records.some((x) => x.kind === 'trades')).toBe(false);
    for (const k of ['bars', 'funding', 'dexSwaps', 'textEvents', 'macroSeries'])
      expect(r.sample.records.find((x) => x.kind === k)?.rows ?? 0, k).toBeGreaterThan(0);
  });

  it('computes more factors than the sample, backtests out of sample and skips the risk report with a reason', () => {
    const r = a.results;
    expect(r.factors.computed).toBeGreaterThan(sample.results.factors.computed);
    expect(r.factors.tableRows).toBe(3 * 72);
    const oos = 72 - 24 - 1;
    for (const s of r.backtest.strategies) {
      expect(s.ts.length).toBe(oos);
      expect(s.equity[s.equity.length - 1]).toBeCloseTo(1 + s.withCosts.totalReturn, 9);
    }
    expect(r.risk).toEqual([]);
    expect(r.riskSkipped.map((x) => x.strategy)).toEqual(r.backtest.strategies.map((s) => s.strategy));
    expect(r.riskSkipped[0].reason).toMatch(/47 out-of-sample returns.*needs 250/);
  });

  it('refuses a world run too short for one day out of sample, naming `days`', async () => {
    const store = await Store.open(':memory:');
    try {
      await expect(
        runMainJob({ store, outDir: join(dir, 'x'), source: 'sim', days: 1, trainBars: 24 }),
      ).rejects.toThrow(/"days".*-1 out-of-sample bars/);
      await expect(runMainJob({ store, outDir: join(dir, 'x'), source: 'nope' as 'sim' })).rejects.toThrow(
        /"source"/,
      );
    } finally {
      store.close();
    }
  });
});
