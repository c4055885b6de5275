import { describe, expect, it } from 'vitest';
import { blockTimes, energyTwhPerYear, fleetEfficiency, nakamotoCoefficient, tps } from './kernels.js';

const f = (xs: number[]) => Float64Array.from(xs);

describe('infrastructure kernels', () => {
  it('Nakamoto coefficient counts the fewest entities above the threshold', () => {
    expect(nakamotoCoefficient(f([30, 25, 20, 15, 10]))).toBe(2); // 30+25 = 55% > 51%
    expect(nakamotoCoefficient(f([26, 25, 20, 15, 14]))).toBe(3); // 51% is not > 51%
    expect(nakamotoCoefficient(f([10, 10, 10, 10, 10, 10, 10, 10, 10, 10]))).toBe(6);
    expect(nakamotoCoefficient(f([60, 40]))).toBe(1);
    expect(nakamotoCoefficient(f([40, 30, 30]), 1 / 3)).toBe(1);
    expect(nakamotoCoefficient(f([]))).toBeNaN();
    expect(() => nakamotoCoefficient(f([1]), 1.5)).toThrow(/threshold/);
  });

  it('energy from hash rate: 500 EH/s at 25 J/TH is 109.5 TWh/yr', () => {
    expect(energyTwhPerYear(500e6, 25)).toBeCloseTo(109.5, 9);
    expect(energyTwhPerYear(Number.NaN, 25)).toBeNaN();
    const pts: Array<[number, number]> = [
      [0, 100],
      [10, 1],
    ];
    expect(fleetEfficiency(5, pts)).toBeCloseTo(10, 12);
    expect(fleetEfficiency(-1, pts)).toBe(100);
    expect(fleetEfficiency(99, pts)).toBe(1);
  });

  it('throughput and block times', () => {
    expect(tps(864000, 86400)).toBe(10);
    const b = blockTimes(144, 86400, 6);
    expect(b.blockS).toBe(600);
    expect(b.finalityS).toBe(3600);
    expect(blockTimes(0, 86400, 6).blockS).toBeNaN();
  });
});
