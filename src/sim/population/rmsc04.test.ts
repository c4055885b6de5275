import { describe, expect, it } from 'vitest';
import { runRmsc04 } from './rmsc04.js';

describe('runRmsc04', () => {
  it('is deterministic per seed and produces ABIDES-comparable order and fill counts', () => {
    const a = runRmsc04({ seed: 3 });
    const b = runRmsc04({ seed: 3 });
    expect(a).toEqual(b);
    // ABIDES RMSC04: ~31.6k limit orders, ~18.7k fills per day.
    expect(a.orders).toBeGreaterThan(25_000);
    expect(a.orders).toBeLessThan(45_000);
    expect(a.fills).toBeGreaterThan(12_000);
    expect(a.fills).toBeLessThan(30_000);
    // Value agents anchor the price near the fundamental's mean (1,000.00 in cents).
    expect(Math.abs(a.closeMid - 100_000)).toBeLessThan(2_000);
  });
});
