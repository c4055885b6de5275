import { describe, expect, it } from 'vitest';
import { Rng, deriveSeed } from './rng.js';

describe('Rng', () => {
  it('reproduces the same stream from the same seed', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    for (let i = 0; i < 1000; i++) expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('gives different streams for different seeds and labels', () => {
    expect(new Rng(1).nextUint32()).not.toBe(new Rng(2).nextUint32());
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed(1, 'b'));
    const root = new Rng(5);
    expect(root.fork('x').uniform()).toBe(new Rng(5).fork('x').uniform());
  });

  it('fork does not consume the parent stream', () => {
    const a = new Rng(9);
    const b = new Rng(9);
    a.fork('child');
    expect(a.uniform()).toBe(b.uniform());
  });

  it('draws uniform in [0,1) with mean 1/2 and normal with mean 0, variance 1', () => {
    const r = new Rng(123);
    const n = 200_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      su += u;
      const z = r.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(outside).toBe(0);
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(sn / n).toBeCloseTo(0, 2);
    expect(sn2 / n).toBeCloseTo(1, 1);
  });

  it('poisson has the requested mean', () => {
    const r = new Rng(3);
    let s = 0;
    for (let i = 0; i < 50_000; i++) s += r.poisson(4);
    expect(s / 50_000).toBeCloseTo(4, 1);
  });
});
