import { describe, expect, it } from 'vitest';
import { defiFactors } from '../defi/index.js';
import { infrastructureFactors } from '../infrastructure/index.js';
import { regulatoryFactors } from '../regulatory/index.js';
import { sentimentFactors } from '../sentiment/index.js';
import { HOUR_MS } from '../spec.js';
import { checkFactorProperties } from '../testing/checkFactor.js';
import { onchainFactors } from './index.js';

describe('the 52 daily alternative-data factors on an hourly target grid', () => {
  it('stay point-in-time and stream identically after the as-of join onto hours', () => {
    const specs = [
      ...onchainFactors,
      ...defiFactors,
      ...sentimentFactors,
      ...regulatoryFactors,
      ...infrastructureFactors,
    ];
    expect(specs).toHaveLength(52);
    const failures: string[] = [];
    for (const spec of specs) {
      const r = checkFactorProperties(spec, { barMs: HOUR_MS, rows: 24 * 20, minFinite: 0, cuts: 4 });
      for (const f of r.failures) failures.push(`${spec.id}: ${f}`);
    }
    expect(failures).toEqual([]);
  });
});
