import { describe, expect, it } from 'vitest';
import { assertFactorProperties } from '../testing/checkFactor.js';
import { macroFactors } from './index.js';

describe('macro factors: point-in-time and batch = streaming', () => {
  it('has the seed’s 8 factors', () => {
    expect(macroFactors).toHaveLength(8);
  });
  for (const spec of macroFactors) {
    it(spec.id, () => {
      assertFactorProperties(spec);
    });
  }
});
