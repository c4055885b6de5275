import { describe, expect, it } from 'vitest';
import { $, lag, logRet, mean, std, zscore } from '../dsl.js';
import { DAY_MS, type FactorSpec, HOUR_MS } from '../spec.js';
import { assertFactorProperties, checkFactorProperties } from './checkFactor.js';

const bar = (name: string, field: string) =>
  ({ name, kind: 'bars', field, publicationLagMs: 0, maxStalenessMs: 2 * HOUR_MS }) as const;

const exprSpec: FactorSpec = {
  id: 'test_expr',
  category: 'price_volume',
  name: 'test',
  definition: '20-row volatility and 10-row volume z-score',
  inputs: [bar('close', 'close'), bar('volume', 'volume')],
  frequency: 'grid',
  unit: 'decimal',
  outputs: [
    { name: 'value', unit: 'decimal', description: 'vol' },
    { name: 'vz', unit: 'z', description: 'volume z' },
  ],
  expr: { value: std(logRet($('close'), 1), 20), vz: zscore($('volume'), 10) },
};

const dailySpec: FactorSpec = {
  id: 'test_daily',
  category: 'onchain',
  name: 'test daily',
  definition: '7-day mean of a daily metric published one day late, on an hourly grid',
  inputs: [
    {
      name: 'm',
      kind: 'onchain',
      field: 'active_addresses',
      publicationLagMs: DAY_MS,
      maxStalenessMs: 3 * DAY_MS,
    },
  ],
  frequency: '1d',
  unit: 'addresses',
  outputs: [{ name: 'value', unit: 'addresses', description: 'mean' }],
  expr: { value: mean($('m'), 7) },
};

const computeSpec: FactorSpec = {
  id: 'test_compute',
  category: 'sentiment',
  name: 'test compute',
  definition: 'count of events over the last 5 rows, by a compute function',
  inputs: [
    { name: 'n', kind: 'text', field: 'count', publicationLagMs: 0, maxStalenessMs: HOUR_MS, align: 'count' },
  ],
  frequency: 'grid',
  unit: 'events',
  outputs: [{ name: 'value', unit: 'events', description: 'events' }],
  lookback: 4,
  compute: ({ columns, n }) => {
    const x = columns.n;
    const out = new Float64Array(n).fill(Number.NaN);
    for (let i = 4; i < n; i++) out[i] = x[i] + x[i - 1] + x[i - 2] + x[i - 3] + x[i - 4];
    return { value: out };
  },
};

const daysSpec: FactorSpec = {
  ...exprSpec,
  id: 'test_days',
  definition: '2-day volatility, window in days through the grid parameters',
  outputs: [exprSpec.outputs[0]],
  expr: (p) => ({ value: std(logRet($('close'), 1), 2 * p.barsPerDay) }),
};

describe('checkFactorProperties', () => {
  it('resolves windows given in days on hourly and daily grids', () => {
    expect(assertFactorProperties(daysSpec).finite.test_days).toBeGreaterThan(250);
    expect(assertFactorProperties(daysSpec, { barMs: DAY_MS }).finite.test_days).toBeGreaterThan(250);
    expect(std(logRet($('close'), 1), 48).lookback()).toBe(48);
  });
  it('passes an expression factor on the hourly grid', () => {
    const r = assertFactorProperties(exprSpec);
    expect(r.rows).toBeGreaterThanOrEqual(300);
    expect(r.finite.test_expr).toBeGreaterThan(250);
    expect(r.maxStreamRelDiff).toBe(0);
  });
  it('passes a daily factor with publication lag on an hourly grid', () => {
    const r = assertFactorProperties(dailySpec, { barMs: HOUR_MS, rows: 24 * 20 });
    expect(r.finite.test_daily).toBeGreaterThan(24 * 15);
  });
  it('passes a compute factor with event inputs (generic windowed streaming)', () => {
    assertFactorProperties(computeSpec);
  });
  it('catches a factor that reads the future', () => {
    const cheat: FactorSpec = {
      ...computeSpec,
      id: 'test_cheat',
      compute: ({ columns, n }) => {
        const out = new Float64Array(n).fill(Number.NaN);
        for (let i = 0; i + 1 < n; i++) out[i] = columns.n[i + 1];
        return { value: out };
      },
    };
    const r = checkFactorProperties(cheat);
    expect(r.failures.some((f) => f.includes('looks ahead'))).toBe(true);
    expect(() => assertFactorProperties(cheat)).toThrow(/test_cheat/);
  });
  it('catches a compute factor whose lookback is understated (streaming differs)', () => {
    const r = checkFactorProperties({ ...computeSpec, id: 'test_short', lookback: 2 });
    expect(r.failures.some((f) => f.includes('streaming'))).toBe(true);
  });
  it('honours the declared publication lag (a lag of 0 is also point-in-time)', () => {
    const r = checkFactorProperties({
      ...dailySpec,
      id: 'test_nolag',
      inputs: [{ ...dailySpec.inputs[0], publicationLagMs: 0 }],
    });
    expect(r.failures).toEqual([]);
    expect(lag($('x'), 0).toString()).toBe('Ref($x,0)');
  });
});
