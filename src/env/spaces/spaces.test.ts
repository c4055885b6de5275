import { describe, expect, it } from 'vitest';
import { SpaceError } from '../../errors/env.js';
import { Box } from './box.js';
import { Dict } from './dict.js';
import { Discrete } from './discrete.js';
import { MultiDiscrete } from './multiDiscrete.js';

describe('spaces', () => {
  it('Box samples lie in the box, are seeded, and follow the bounded/unbounded rules', () => {
    const b = new Box(
      [-1, 0, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY],
      [1, Number.POSITIVE_INFINITY, 5, Number.POSITIVE_INFINITY],
      [4],
    );
    b.seed(3);
    const a = b.sample();
    b.seed(3);
    expect(Array.from(b.sample())).toEqual(Array.from(a));
    for (let i = 0; i < 200; i++) {
      const s = b.sample();
      expect(b.contains(s)).toBe(true);
      expect(s[1]).toBeGreaterThanOrEqual(0);
      expect(s[2]).toBeLessThanOrEqual(5);
    }
    expect(b.contains(Float32Array.of(2, 0, 0, 0))).toBe(false);
    expect(b.contains(Float32Array.of(0, 0, 0, Number.NaN))).toBe(false);
    expect(b.contains(new Float64Array(4))).toBe(false);
    expect(b.contains(new Float32Array(3))).toBe(false);
  });

  it('Box rejects low > high and bad shapes', () => {
    expect(() => new Box(1, 0, [2])).toThrow(SpaceError);
    expect(() => new Box(0, 1, [-1])).toThrow(SpaceError);
    expect(() => new Box([0, 0], 1, [3])).toThrow(SpaceError);
  });

  it('Discrete and MultiDiscrete sample every value and reject outsiders', () => {
    const d = new Discrete(3, 1);
    const seen = new Set<number>();
    for (let i = 0; i < 100; i++) seen.add(d.sample());
    expect([...seen].sort()).toEqual([1, 2, 3]);
    expect(d.contains(0)).toBe(false);
    expect(d.contains(1.5)).toBe(false);
    const m = new MultiDiscrete([3, 2]);
    for (let i = 0; i < 50; i++) expect(m.contains(m.sample())).toBe(true);
    expect(m.contains(Int32Array.of(3, 0))).toBe(false);
    expect(m.contains([0, 0])).toBe(false);
    expect(() => new Discrete(0)).toThrow(SpaceError);
  });

  it('Dict seeds sub-spaces by key and checks every key', () => {
    const s = new Dict({ a: new Box(0, 1, [2]), b: new Discrete(4) });
    s.seed(9);
    const x = s.sample();
    s.seed(9);
    const y = s.sample();
    expect(Array.from(x.a)).toEqual(Array.from(y.a));
    expect(x.b).toBe(y.b);
    expect(s.contains(x)).toBe(true);
    expect(s.contains({ a: x.a })).toBe(false);
    expect(s.contains({ a: x.a, b: 7 })).toBe(false);
  });
});
