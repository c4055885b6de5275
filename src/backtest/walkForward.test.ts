import { describe, expect, it } from 'vitest';
import { BacktestConfigError } from '../errors/backtest.js';
import { maCrossover } from './strategies.js';
import { syntheticPanel } from './testPanel.js';
import {
  expandGrid,
  purgedKFoldSplits,
  sumFoldAttribution,
  sweep,
  walkForward,
  walkForwardSplits,
} from './walkForward.js';

describe('splits', () => {
  it('rolling walk-forward purges between train and test and never overlaps', () => {
    const s = walkForwardSplits(100, { trainBars: 30, testBars: 20, purgeBars: 5 });
    expect(s[0]).toEqual({ train: [[0, 30]], test: [35, 55] });
    for (const sp of s) {
      expect(sp.test[0] - sp.train[0][1]).toBe(5);
      expect(sp.train[0][1] - sp.train[0][0]).toBe(30);
    }
    const e = walkForwardSplits(100, { trainBars: 30, testBars: 20, mode: 'expanding' });
    expect(e[2].train[0]).toEqual([0, 70]);
    expect(() => walkForwardSplits(10, { trainBars: 30, testBars: 5 })).toThrow(BacktestConfigError);
  });

  it('purged k-fold removes purge bars before and embargo bars after each test fold', () => {
    const s = purgedKFoldSplits(100, 5, 3, 2);
    expect(s[1]).toEqual({
      train: [
        [0, 17],
        [42, 100],
      ],
      test: [20, 40],
    });
    expect(s[0].train).toEqual([[22, 100]]);
  });

  it('expands grids', () => {
    expect(expandGrid({ a: [1, 2], b: [3, 4, 5] })).toHaveLength(6);
  });
});

describe('walkForward', () => {
  it('selects parameters in sample, trades out of sample, and costs reduce returns', () => {
    const panel = syntheticPanel(3, 500, 21);
    const grid = { fast: [5, 10], slow: [30, 60] };
    const rows = sweep(panel, (p) => maCrossover(p), grid);
    expect(rows).toHaveLength(4);
    const wf = walkForward(panel, (p) => maCrossover(p), grid, {
      trainBars: 200,
      testBars: 100,
      purgeBars: 1,
    });
    expect(wf.folds.length).toBe(3);
    expect(wf.returns.length).toBe(wf.folds.reduce((s, f) => s + (f.split.test[1] - f.split.test[0]), 0));
    let g = 1;
    let g0 = 1;
    for (let i = 0; i < wf.returns.length; i++) {
      g *= 1 + wf.returns[i];
      g0 *= 1 + wf.returnsNoCost[i];
    }
    expect(g).toBeLessThan(g0);
    expect(wf.nTrials).toBe(4);
    // summed attribution adds up: the parts explain the total across all test windows
    const a = sumFoldAttribution(wf.folds);
    expect(a.fees).toBeLessThan(0);
    expect(a.price + a.fees + a.slippage + a.funding + a.borrow).toBeCloseTo(a.total, 9);
    expect(wf.withCosts.deflatedSharpe).toBeLessThanOrEqual(wf.withCosts.probabilisticSharpe + 1e-12);
  });
});

describe('walkForward with linear impact', () => {
  it('calibrates lambda point in time per test window', () => {
    const panel = syntheticPanel(2, 400, 23);
    const wf = walkForward(
      panel,
      (p) => maCrossover(p),
      { fast: [5], slow: [30] },
      {
        trainBars: 150,
        testBars: 100,
        execution: { impact: 'linear' },
      },
    );
    expect(wf.folds.length).toBe(3);
    expect(wf.folds.every((f) => f.attribution.slippage <= 0)).toBe(true);
  });
});
