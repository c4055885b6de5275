import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../errors/risk.js';
import { Rng } from '../math/rng.js';
import { calibrateImpact } from './calibrateImpact.js';

describe('calibrateImpact', () => {
  it("recovers Kyle's lambda, daily vol and ADV from simulated bars", () => {
    const rng = new Rng(4);
    const n = 3000;
    const open = new Float64Array(n);
    const close = new Float64Array(n);
    const vol = new Float64Array(n);
    let p = 100;
    for (let t = 0; t < n; t++) {
      open[t] = p;
      const flow = 1000 * rng.normal(); // signed order flow, base units
      vol[t] = Math.abs(flow) + 10;
      p = p + 0.002 * flow + 0.5 * rng.normal();
      close[t] = p;
    }
    const c = calibrateImpact(open, close, vol);
    expect(c.kyleLambda).toBeGreaterThan(0.0015);
    expect(c.kyleLambda).toBeLessThan(0.0025);
    expect(c.advBase).toBeGreaterThan(700);
    expect(c.advBase).toBeLessThan(900);
    expect(c.dailyVol).toBeGreaterThan(0);
    expect(calibrateImpact(open, close, vol, 24).advBase).toBeCloseTo(24 * c.advBase, 6);
    expect(() => calibrateImpact([1], [1], [1])).toThrow(ModelInputError);
  });
});
