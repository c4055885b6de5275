import { describe, expect, it } from 'vitest';
import { EnvConfigError } from '../../errors/env.js';
import { Rng } from '../../math/rng.js';
import { makeReward } from './rewards.js';

describe('reward functions', () => {
  it('differential Sharpe matches Moody-Saffell eq. (12) computed by hand', () => {
    const f = makeReward('differentialSharpe', { eta: 0.1 });
    const rs = [0.01, -0.02, 0.015, 0.003, -0.004];
    let a = 0;
    let b = 0;
    for (const r of rs) {
      const v = b - a * a;
      const want = v > 1e-18 ? (b * (r - a) - 0.5 * a * (r * r - b)) / v ** 1.5 : 0;
      expect(f.reward(r)).toBeCloseTo(want, 12);
      a += 0.1 * (r - a);
      b += 0.1 * (r * r - b);
    }
  });

  it('differential Sharpe rewards returns a little above the mean and punishes losses and outliers', () => {
    const f = makeReward('differentialSharpe', { eta: 0.05 });
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) f.reward(0.001 + 0.001 * rng.normal());
    const g = makeReward('differentialSharpe', { eta: 0.05 });
    const h = makeReward('differentialSharpe', { eta: 0.05 });
    const rng2 = new Rng(1);
    for (let i = 0; i < 200; i++) {
      const r = 0.001 + 0.001 * rng2.normal();
      g.reward(r);
      h.reward(r);
    }
    expect(f.reward(0.0015)).toBeGreaterThan(0);
    // A return far above B/A raises variance more than the mean: negative (Moody and Saffell 2001).
    expect(g.reward(0.05)).toBeLessThan(0);
    expect(h.reward(-0.01)).toBeLessThan(0);
  });

  it('drawdown penalty sums to penalty x max drawdown over a monotone fall', () => {
    const f = makeReward('drawdownPenalized', { penalty: 2 });
    let sum = 0;
    let eq = 1;
    for (let i = 0; i < 10; i++) {
      sum += f.reward(-0.01);
      eq *= 0.99;
    }
    expect(sum).toBeCloseTo(10 * Math.log(0.99) - 2 * (1 - eq), 12);
  });

  it('the online CVaR estimate tracks the 95% loss quantile of normal returns', () => {
    const f = makeReward('cvarPenalized', { alpha: 0.95, varStep: 0.01 });
    const rng = new Rng(5);
    let pen = 0;
    const n = 40_000;
    for (let i = 0; i < n; i++) {
      const r = 0.01 * rng.normal();
      const rew = f.reward(r);
      if (i > n / 2) pen += (Math.log1p(r) - rew) / 0.1;
    }
    // CVaR_95 of N(0, 0.01) losses = 0.01 * phi(1.645) / 0.05 = 0.02063.
    expect(pen / (n / 2 - 1)).toBeGreaterThan(0.018);
    expect(pen / (n / 2 - 1)).toBeLessThan(0.0235);
  });

  it('Sortino-style reward ignores upside variance', () => {
    const f = makeReward('differentialSortino', { eta: 0.1 });
    for (let i = 0; i < 50; i++) f.reward(i % 2 ? 0.02 : -0.005);
    expect(f.reward(0.05)).toBeGreaterThan(f.reward(0.0));
    expect(() => makeReward('nope' as 'logReturn')).toThrow(EnvConfigError);
  });
});
