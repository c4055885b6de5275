import { describe, expect, it } from 'vitest';
import { nelderMead } from './optimize.js';

describe('nelderMead', () => {
  it('minimizes the Rosenbrock function', () => {
    const r = nelderMead((x) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2, [-1.2, 1], {
      maxEvals: 5000,
    });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
    expect(r.converged).toBe(true);
  });

  it('respects box bounds (active constraint)', () => {
    const r = nelderMead((x) => (x[0] - 3) ** 2 + (x[1] + 1) ** 2, [0, 0], { lower: [-5, 0], upper: [2, 5] });
    expect(r.x[0]).toBeCloseTo(2, 6);
    expect(r.x[1]).toBeCloseTo(0, 6);
  });

  it('treats Infinity as infeasible', () => {
    const r = nelderMead(
      (x) => (x[0] + x[1] > 1 ? Number.POSITIVE_INFINITY : -(x[0] + 2 * x[1])),
      [0.1, 0.1],
      {
        lower: [0, 0],
        upper: [1, 1],
      },
    );
    expect(r.x[0] + r.x[1]).toBeLessThanOrEqual(1);
    expect(r.x[1]).toBeGreaterThan(0.99);
  });
});
