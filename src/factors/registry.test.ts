import { describe, expect, it } from 'vitest';
import { UnknownFactorError } from '../errors/factors.js';
import { allFactors, factorCounts, getFactor } from './registry.js';
import { factorColumnName } from './spec.js';
import { assertFactorProperties } from './testing/checkFactor.js';

describe('factor registry', () => {
  it('holds the seed’s 80 factors with the category counts of the catalogue', () => {
    expect(allFactors).toHaveLength(80);
    for (const c of factorCounts()) expect(c.count, c.category).toBe(c.expected);
  });
  it('ids, names and output columns are unique; every factor has a definition and inputs', () => {
    expect(new Set(allFactors.map((f) => f.id)).size).toBe(80);
    expect(new Set(allFactors.map((f) => f.name)).size).toBe(80);
    const cols = allFactors.flatMap((f) => f.outputs.map((o) => factorColumnName(f, o.name)));
    expect(new Set(cols).size).toBe(cols.length);
    for (const f of allFactors) {
      expect(f.definition.length, f.id).toBeGreaterThan(40);
      expect(f.inputs.length, f.id).toBeGreaterThan(0);
    }
  });
  it('getFactor finds by id and names unknown ids', () => {
    expect(getFactor('volatility').category).toBe('price_volume');
    expect(() => getFactor('no_such_factor')).toThrow(UnknownFactorError);
  });
});

// The truth properties for every registered factor (all 80): point-in-time (truncation at random times
// gives exactly the prefix of the full computation), batch = streaming and determinism, on synthetic data.
// Whether a factor yields values after its warm-up is checked by each category's own tests.
describe('all factors: point-in-time and batch = streaming', () => {
  for (const spec of allFactors) {
    it(`${spec.category}/${spec.id}`, () => {
      assertFactorProperties(spec, { minFinite: 0 });
    });
  }
});
