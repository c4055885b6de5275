import { describe, expect, it } from 'vitest';
import { loadScenario } from './scenario.js';
import { simulateFacts } from './simFacts.js';

describe('default world stylized facts (BTC, 45 simulated days, hourly)', () => {
  it('shows heavy tails, no lag-1 return autocorrelation, volatility clustering and aggregational Gaussianity', () => {
    const sc = loadScenario('default');
    const f = simulateFacts({ ...sc, assets: sc.assets.filter((a) => a.symbol === 'BTC') }, 42, 45, 'BTC');
    expect(f.n).toBe(45 * 24 - 1);
    expect(f.excessKurtosis).toBeGreaterThan(2);
    expect(f.hillTailIndex).toBeLessThan(5);
    expect(Math.abs(f.acfReturnLag1)).toBeLessThan(0.05);
    expect(f.acfAbsLag1).toBeGreaterThan(0.1);
    expect(f.kurtosisDaily).toBeLessThan(f.excessKurtosis);
    expect(f.volumeVolCorr).toBeGreaterThan(0.1);
    // Hourly volatility in the range of real BTC (0.56% on Binance 2022-2025).
    expect(f.stdev).toBeGreaterThan(0.002);
    expect(f.stdev).toBeLessThan(0.012);
  });
});
