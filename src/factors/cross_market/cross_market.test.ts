import { describe, expect, it } from 'vitest';
import { forwardBackward, viterbi } from '../../math/hmm.js';
import { Rng } from '../../math/rng.js';
import { HmmRegimeTracker } from '../ops/models.js';
import { syntheticFiniteFractions } from '../testing/checkFactor.js';
import { crossMarketFactors } from './index.js';
import { largestEigenvalue } from './systemic_risk.js';

describe('cross-market factors (point-in-time and batch = streaming for all 80 in registry.test.ts)', () => {
  it('has the seed’s 5 factors', () => {
    expect(crossMarketFactors).toHaveLength(5);
  });
  it('every output column has values after warm-up on synthetic data', () => {
    for (const spec of crossMarketFactors) {
      for (const [col, f] of Object.entries(syntheticFiniteFractions(spec)))
        expect(f, col).toBeGreaterThan(0.05);
    }
  });
});

describe('regime model', () => {
  it('HMM forward-backward and Viterbi on the textbook example (log P = -3.3725, path 0,0,1,0,0)', () => {
    const b = [0.9, 0.2, 0.9, 0.2, 0.1, 0.8, 0.9, 0.2, 0.9, 0.2];
    const fb = forwardBackward([0.5, 0.5], [0.7, 0.3, 0.3, 0.7], b);
    expect(fb.logProb).toBeCloseTo(-3.3725, 4);
    expect(Array.from(viterbi([0.5, 0.5], [0.7, 0.3, 0.3, 0.7], b))).toEqual([0, 0, 1, 0, 0]);
  });
  it('the tracker flags a volatility burst as turbulent, using only past data', () => {
    const rng = new Rng(5);
    const t = new HmmRegimeTracker(400, 50, 200);
    const probs: number[] = [];
    for (let i = 0; i < 600; i++) {
      const sd = (i >= 250 && i < 300) || (i >= 450 && i < 520) ? 0.06 : 0.01;
      probs.push(t.update(sd * rng.normal()));
    }
    // the model refitted at row 349 has seen the first burst
    const calm = probs.slice(360, 440).filter((p) => p > 0.5).length / 80;
    const storm = probs.slice(470, 520).filter((p) => p > 0.5).length / 50;
    expect(calm).toBeLessThan(0.2);
    expect(storm).toBeGreaterThan(0.7);
  });
});

describe('absorption ratio', () => {
  it('largest eigenvalue by power iteration', () => {
    const a = Float64Array.from([4, 1, 0, 1, 3, 0, 0, 0, 1]);
    // eigenvalues of [[4,1],[1,3]] are (7 +- sqrt 5)/2
    expect(largestEigenvalue(a, 3)).toBeCloseTo((7 + Math.sqrt(5)) / 2, 10);
  });
});
