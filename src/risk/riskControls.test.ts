import { describe, expect, it } from 'vitest';
import { runBacktest } from '../backtest/runBacktest.js';
import { equalWeight } from '../backtest/strategies.js';
import { syntheticPanel } from '../backtest/testPanel.js';
import { Rng } from '../math/rng.js';
import { fitRegimes, regimeScale } from './regimes.js';
import { hmmRegimeProbabilities, riskOverlay } from './riskOverlay.js';
import { drawdownScale, kellyWeight, kellyWeights, volTargetScale } from './sizing.js';
import { applyShocks, findWorstWindows, replayCrises } from './stress.js';

describe('sizing', () => {
  it('drawdown control, vol targeting and Kelly', () => {
    expect(drawdownScale(0.05, 0.2, 0.1)).toBe(1);
    expect(drawdownScale(0.15, 0.2, 0.1)).toBeCloseTo(0.5, 12);
    expect(drawdownScale(0.3, 0.2, 0.1, 0.2)).toBe(0.2);
    expect(volTargetScale(0.4, 0.2)).toBeCloseTo(0.5, 12);
    expect(volTargetScale(0.1, 0.2, 1.5)).toBe(1.5);
    expect(kellyWeight(0.001, 0.0004, 0.5, 10)).toBeCloseTo(1.25, 12);
    // Diagonal covariance: Kelly weights are mu_i / sigma_i^2 each.
    const w = kellyWeights([0.001, 0.002], [0.0004, 0, 0, 0.0016], 1, 100);
    expect(w[0]).toBeCloseTo(2.5, 10);
    expect(w[1]).toBeCloseTo(1.25, 10);
    const c = kellyWeights([0.001, 0.001], [0.0004, 0.0002, 0.0002, 0.0004], 1, 100);
    expect(c[0]).toBeCloseTo(0.001 / 0.0006, 8);
  });
});

describe('regimes', () => {
  it('finds a calm and a turbulent regime with point-in-time probabilities', () => {
    const rng = new Rng(2);
    const r = new Float64Array(1500);
    for (let i = 0; i < r.length; i++) r[i] = (Math.floor(i / 250) % 2 === 0 ? 0.01 : 0.04) * rng.normal();
    const m = fitRegimes(r, 2);
    expect(m.stats[0].vol).toBeLessThan(m.stats[1].vol);
    expect(m.stats[1].var95).toBeLessThan(m.stats[0].var95);
    expect(m.stats[0].expectedDuration).toBeGreaterThan(20);
    const row = m.filtered.subarray(0, 2);
    expect(regimeScale(row, [1, 0.5])).toBeGreaterThanOrEqual(0.5);
  });
});

describe('stress', () => {
  it('replays windows and finds the worst ones', () => {
    const ts = Float64Array.from({ length: 30 }, (_, i) => Date.UTC(2020, 2, 1) + i * 86_400_000);
    const r = new Float64Array(30).fill(0.01);
    r[11] = -0.3;
    r[12] = -0.1;
    const [res] = replayCrises(ts, r, [{ name: 'x', from: '2020-03-10', to: '2020-03-14' }]);
    expect(res.bars).toBe(5);
    expect(res.worstBar).toBe(-0.3);
    expect(res.worstDate).toBe('2020-03-12');
    expect(res.totalReturn).toBeCloseTo(1.01 * 0.7 * 0.9 * 1.01 * 1.01 - 1, 12);
    const w = findWorstWindows(ts, r, 2, 1);
    expect(w[0].from).toBe('2020-03-12');
    expect(replayCrises(ts, r, [{ name: 'none', from: '2019-01-01', to: '2019-01-05' }])[0].bars).toBe(0);
  });

  it('hypothetical shocks: price, correlation, volatility and liquidity', () => {
    const p = {
      symbols: ['A', 'B'],
      values: new Float64Array([1e6, 1e6]),
      dailyVol: new Float64Array([0.04, 0.05]),
      corr: new Float64Array([1, 0.3, 0.3, 1]),
      advQuote: new Float64Array([1e8, 5e7]),
      halfSpreadBps: new Float64Array([1, 2]),
    };
    const [crash, vol, corr, liq] = applyShocks(p, [
      { name: 'crash', price: -0.3 },
      { name: 'vol', volMultiplier: 2 },
      { name: 'corr', correlation: 1 },
      { name: 'liq', spreadMultiplier: 5, advDivisor: 5 },
    ]);
    expect(crash.pricePnl).toBeCloseTo(-6e5, 6);
    expect(vol.var99After).toBeCloseTo(2 * vol.var99Before, 6);
    expect(corr.var99After).toBeCloseTo(2.3263478740408408 * (0.04 + 0.05) * 1e6, 0);
    expect(liq.liquidationCostAfter).toBeGreaterThan(liq.liquidationCostBefore * 2);
  });
});

describe('riskOverlay', () => {
  it('vol targeting and drawdown control cut exposure and losses', () => {
    const panel = syntheticPanel(3, 400, 13);
    const base = runBacktest(panel, equalWeight({ rebalanceEvery: 1 }));
    const ov = runBacktest(
      panel,
      riskOverlay(equalWeight({ rebalanceEvery: 1 }), { targetVol: 0.2, maxDrawdown: 0.2 }),
    );
    const sd = (x: Float64Array) => {
      const m = x.reduce((a, b) => a + b, 0) / x.length;
      return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / x.length);
    };
    expect(sd(ov.returns.subarray(40))).toBeLessThan(sd(base.returns.subarray(40)));
    expect(ov.attribution.residual / ov.initialCash).toBeCloseTo(0, 9);
  });

  it('regime-aware limits cut exposure in the turbulent regime, point in time', () => {
    const panel = syntheticPanel(2, 700, 31);
    // Make the second half turbulent: scale returns around the path.
    for (let a = 0; a < 2; a++) {
      const c = panel.close[a];
      const o = panel.open[a];
      for (let t = 451; t < 700; t++) {
        const r = Math.log(c[t] / o[t]);
        o[t] = c[t - 1];
        c[t] = o[t] * Math.exp(4 * r);
        panel.high[a][t] = Math.max(o[t], c[t]);
        panel.low[a][t] = Math.min(o[t], c[t]);
      }
    }
    const probs = hmmRegimeProbabilities({ minBars: 300, refitEvery: 200 });
    const s = riskOverlay(equalWeight({ rebalanceEvery: 10 }), {
      regime: { probabilities: probs, scales: [1, 0.3] },
    }) as ReturnType<typeof riskOverlay> & { state: { scale: number } };
    const r = runBacktest(panel, s);
    expect(s.state.scale).toBeLessThan(0.6); // ends in the turbulent regime
    expect(r.attribution.residual / r.initialCash).toBeCloseTo(0, 9);
  });
});
