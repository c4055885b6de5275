import { describe, expect, it } from 'vitest';
import { Rng } from '../../math/rng.js';
import {
  burstiness,
  burstinessFromCounts,
  cumulativeAbnormalReturn,
  jensenShannon,
  lastZScore,
  marketModel,
} from './kernels.js';

const f = (xs: number[]) => Float64Array.from(xs);

describe('sentiment kernels', () => {
  it('Jensen-Shannon divergence reference values', () => {
    expect(jensenShannon(f([1, 0]), f([0, 1]))).toBeCloseTo(1, 12);
    expect(jensenShannon(f([2, 2]), f([3, 3]))).toBeCloseTo(0, 12);
    // H([.75,.25]) - (H([.5,.5]) + H([1,0]))/2 = 0.8112781244591328 - 0.5
    expect(jensenShannon(f([1, 1]), f([1, 0]))).toBeCloseTo(0.3112781244591328, 12);
    expect(jensenShannon(f([0, 0]), f([1, 0]))).toBeNaN();
    expect(() => jensenShannon(f([1]), f([1, 2]))).toThrow(/differ in length/);
  });

  it('burstiness: periodic -1, Poisson about 0, bursty > 0', () => {
    expect(burstiness(f([0, 1, 2, 3, 4]))).toBeCloseTo(-1, 12);
    const rng = new Rng(7);
    const n = 20000;
    const t = new Float64Array(n);
    for (let i = 1; i < n; i++) t[i] = t[i - 1] - Math.log(1 - rng.uniform());
    expect(Math.abs(burstiness(t))).toBeLessThan(0.03);
    expect(burstiness(f([0, 0.01, 0.02, 10, 10.01, 10.02, 20]))).toBeCloseTo(0.1701144681858514, 9);
    expect(burstiness(f([1, 2]))).toBeNaN();
  });

  it('market model recovers alpha and beta; CAR isolates the event jump', () => {
    const rng = new Rng(11);
    const n = 300;
    const m = new Float64Array(n);
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      m[i] = 0.02 * rng.normal();
      a[i] = 0.001 + 1.5 * m[i] + 0.001 * rng.normal();
    }
    const mm = marketModel(a.subarray(0, 250), m.subarray(0, 250));
    expect(mm.beta).toBeCloseTo(1.5, 2);
    expect(mm.alpha).toBeCloseTo(0.001, 3);
    a[260] += 0.05;
    a[261] += 0.03;
    const car = cumulativeAbnormalReturn(a, m, 260, 2, 200);
    expect(car).toBeCloseTo(0.08, 2);
    expect(cumulativeAbnormalReturn(a, m, 50, 2, 200)).toBeNaN();
    // Constant-mean model without a market series.
    const flat = new Float64Array(100).fill(0.01);
    flat[80] = 0.06;
    expect(cumulativeAbnormalReturn(flat, undefined, 80, 0, 30)).toBeCloseTo(0.05, 12);
  });

  it('last z-score', () => {
    expect(lastZScore(f([1, 2, 3]))).toBeCloseTo(1, 12);
    expect(lastZScore(f([2, 2]))).toBeNaN();
    expect(lastZScore(f([1, Number.NaN]))).toBeNaN();
  });
});

describe('burstiness from counts', () => {
  it('equals burstiness of the expanded event times', () => {
    const counts = Float64Array.from([0, 2, 0, 0, 1, 3, 0, 0, 0, 1, 0, 4]);
    const times: number[] = [];
    counts.forEach((c, d) => {
      for (let e = 0; e < c; e++) times.push(d);
    });
    expect(burstinessFromCounts(counts, 0, counts.length - 1)).toBeCloseTo(
      burstiness(Float64Array.from(times)),
      12,
    );
    expect(burstinessFromCounts(counts, 2, 6)).toBeCloseTo(burstiness(Float64Array.from([4, 5, 5, 5])), 12);
    expect(burstinessFromCounts(Float64Array.from([1, Number.NaN, 1]), 0, 2)).toBeNaN();
  });
});
