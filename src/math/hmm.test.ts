import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';
import { decodeHmm, filterHmm, fitGaussianHmm, forwardBackward, viterbi } from './hmm.js';

const START = [0.5, 0.5];
const TRANS = [0.7, 0.3, 0.3, 0.7];
// Umbrella example (Russell and Norvig): per-step emission likelihoods.
const B = [0.9, 0.2, 0.9, 0.2, 0.1, 0.8, 0.9, 0.2, 0.9, 0.2];

describe('HMM', () => {
  it('forward-backward gives the textbook log-probability', () => {
    const r = forwardBackward(START, TRANS, B);
    expect(r.logProb).toBeCloseTo(-3.3725, 4);
    for (let t = 0; t < 5; t++) expect(r.gamma[2 * t] + r.gamma[2 * t + 1]).toBeCloseTo(1, 12);
    // Expected transitions sum to T - 1.
    expect(r.xiSum.reduce((a, v) => a + v, 0)).toBeCloseTo(4, 12);
  });

  it('Viterbi gives the textbook path', () => {
    expect(Array.from(viterbi(START, TRANS, B))).toEqual([0, 0, 1, 0, 0]);
  });

  it('Baum-Welch recovers two volatility regimes and is deterministic', () => {
    const rng = new Rng(7);
    const n = 2000;
    const x = new Float64Array(n);
    const truth = new Int32Array(n);
    let s = 0;
    for (let t = 0; t < n; t++) {
      if (rng.uniform() < 0.02) s = 1 - s;
      truth[t] = s;
      x[t] = (s === 0 ? 0.01 : 0.04) * rng.normal();
    }
    // Feature: absolute return (regime visible in the mean), plus the return itself.
    const feats = new Float64Array(2 * n);
    for (let t = 0; t < n; t++) {
      feats[2 * t] = x[t];
      feats[2 * t + 1] = Math.abs(x[t]);
    }
    const fit = fitGaussianHmm(feats, 2, 2, { sortFeature: 1 });
    const fit2 = fitGaussianHmm(feats, 2, 2, { sortFeature: 1 });
    expect(Array.from(fit2.model.trans)).toEqual(Array.from(fit.model.trans));
    expect(Math.sqrt(fit.model.vars[0])).toBeLessThan(Math.sqrt(fit.model.vars[2]));
    expect(fit.model.trans[0]).toBeGreaterThan(0.8);
    expect(fit.converged).toBe(true);
    const path = decodeHmm(fit.model, feats);
    let agree = 0;
    for (let t = 0; t < n; t++) if (path[t] === truth[t]) agree++;
    expect(agree / n).toBeGreaterThan(0.8);
    // Filtered probabilities are point-in-time: truncating the future leaves the past unchanged.
    const full = filterHmm(fit.model, feats);
    const cut = filterHmm(fit.model, feats.subarray(0, 2 * 1000));
    expect(Array.from(cut)).toEqual(Array.from(full.subarray(0, 2 * 1000)));
  });
});
