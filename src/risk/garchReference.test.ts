import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../data/describeSharedData.js';
import { sharedDataPath } from '../data/sharedData.js';
import { fitGarch } from '../math/garch.js';

describeSharedData('GARCH(1,1) reference on S&P 500 (arch package)', () => {
  it('matches mu, omega, alpha, beta and log-likelihood', () => {
    const lines = gunzipSync(readFileSync(sharedDataPath('macro', 'sp500_arch.csv.gz')))
      .toString()
      .trim()
      .split('\n');
    const adj = lines.slice(1).map((l) => Number(l.split(',')[5]));
    const r = new Float64Array(adj.length - 1);
    for (let i = 1; i < adj.length; i++) r[i - 1] = 100 * (adj[i] / adj[i - 1] - 1);
    const fit = fitGarch(r);
    expect(fit.params.mu).toBeCloseTo(0.0564, 4);
    expect(fit.params.omega).toBeCloseTo(0.0175, 4);
    expect(fit.params.alpha).toBeCloseTo(0.1021, 4);
    expect(fit.params.beta).toBeCloseTo(0.8852, 4);
    expect(fit.logLikelihood).toBeCloseTo(-6936.72, 2);
  });
});
