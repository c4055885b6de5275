import { describe, expect, it } from 'vitest';
import { syntheticFiniteFractions } from '../testing/checkFactor.js';
import { macroFactors } from './index.js';

describe('macro factors (point-in-time and batch = streaming for all 80 in registry.test.ts)', () => {
  it('has the seed’s 8 factors', () => {
    expect(macroFactors).toHaveLength(8);
  });
  it('every output column has values after warm-up on synthetic data', () => {
    for (const spec of macroFactors) {
      for (const [col, f] of Object.entries(syntheticFiniteFractions(spec)))
        expect(f, col).toBeGreaterThan(0.05);
    }
  });
});
