import { describe, expect, it } from 'vitest';
import { FactorInputError } from '../errors/factors.js';
import { $, sum } from './dsl.js';
import { computeFactor, FactorStreamEngine, type InputSeries } from './engine.js';
import { DAY_MS, type FactorSpec, HOUR_MS } from './spec.js';
import { assertFactorProperties, streamFactor } from './testing/checkFactor.js';

const t0 = Date.UTC(2024, 0, 1);

const closeSpec: FactorSpec = {
  id: 'close_level',
  category: 'price_volume',
  name: 'close level',
  definition: 'the last known close (a bar is known at its close)',
  inputs: [{ name: 'close', kind: 'bars', field: 'close', publicationLagMs: 0, maxStalenessMs: 60_000 }],
  frequency: 'grid',
  unit: 'quote',
  outputs: [{ name: 'value', unit: 'quote', description: 'close' }],
  expr: { value: $('close') },
};

const dailySpec: FactorSpec = {
  id: 'daily_metric',
  category: 'onchain',
  name: 'daily metric',
  definition: 'a daily metric published one day after its date, valid three days',
  inputs: [
    { name: 'm', kind: 'onchain', field: 'metric', publicationLagMs: DAY_MS, maxStalenessMs: 3 * DAY_MS },
  ],
  frequency: '1d',
  unit: 'units',
  outputs: [{ name: 'value', unit: 'units', description: 'metric' }],
  expr: { value: $('m') },
};

describe('engine alignment', () => {
  it('a bar is used from its close on, never before', () => {
    const ts = Float64Array.from({ length: 10 }, (_, i) => t0 + i * HOUR_MS);
    const close: InputSeries = { ts, values: ts.map((_, i) => 100 + i), intervalMs: HOUR_MS };
    const grid = { from: t0, to: t0 + 10 * HOUR_MS, barMs: HOUR_MS };
    const res = computeFactor(closeSpec, { close }, grid);
    expect(res.columns.close_level[0]).toBeNaN(); // the first bar closes at t0 + 1h
    expect(res.columns.close_level[1]).toBe(100);
    expect(res.columns.close_level[10]).toBe(109);
    expect(Array.from(res.available)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(Array.from(streamFactor(closeSpec, { close }, grid).close_level)).toEqual(
      Array.from(res.columns.close_level),
    );
  });

  it('a daily value published a day late reaches the hourly grid at the end of the next day, then goes stale', () => {
    const ts = Float64Array.from([t0, t0 + DAY_MS, t0 + 2 * DAY_MS]);
    const m: InputSeries = { ts, values: Float64Array.from([1, 2, 3]) };
    const grid = { from: t0 + DAY_MS, to: t0 + 8 * DAY_MS, barMs: HOUR_MS };
    const res = computeFactor(dailySpec, { m }, grid);
    const at = (t: number) => res.columns.daily_metric[(t - grid.from) / HOUR_MS];
    expect(at(t0 + DAY_MS)).toBe(1); // value of day 0, known at day 1 00:00
    expect(at(t0 + DAY_MS + 23 * HOUR_MS)).toBe(1);
    expect(at(t0 + 2 * DAY_MS)).toBe(2);
    expect(at(t0 + 3 * DAY_MS + 5 * HOUR_MS)).toBe(3);
    expect(at(t0 + 6 * DAY_MS)).toBe(3); // 3 days after it became known: still valid
    expect(at(t0 + 7 * DAY_MS)).toBeNaN(); // stale: never forward-filled beyond the declared staleness
    expect(Array.from(streamFactor(dailySpec, { m }, grid).daily_metric)).toEqual(
      Array.from(res.columns.daily_metric),
    );
  });

  it('the store’s known-at time wins when it is later than the declared lag', () => {
    const ts = Float64Array.from([t0, t0 + DAY_MS]);
    const m: InputSeries = {
      ts,
      values: Float64Array.from([1, 2]),
      knownAt: Float64Array.from([t0 + 2 * DAY_MS, t0 + 2 * DAY_MS]),
    };
    const res = computeFactor(dailySpec, { m }, { from: t0 + DAY_MS, to: t0 + 2 * DAY_MS, barMs: DAY_MS });
    expect(res.columns.daily_metric[0]).toBeNaN();
    expect(res.columns.daily_metric[1]).toBe(2);
  });

  it('an absent input gives NaN and an empty availability mask, never 0', () => {
    const res = computeFactor(dailySpec, { m: undefined }, { from: t0, to: t0 + 5 * DAY_MS, barMs: DAY_MS });
    expect(Array.from(res.columns.daily_metric).every(Number.isNaN)).toBe(true);
    expect(Array.from(res.available).every((a) => a === 0)).toBe(true);
  });

  it('rejects malformed input series with the factor and input named', () => {
    const bad: InputSeries = { ts: Float64Array.from([t0 + DAY_MS, t0]), values: Float64Array.from([1, 2]) };
    expect(() => computeFactor(dailySpec, { m: bad }, { from: t0, to: t0 + DAY_MS, barMs: DAY_MS })).toThrow(
      FactorInputError,
    );
    expect(() => computeFactor(dailySpec, { m: bad }, { from: t0, to: t0 + DAY_MS, barMs: DAY_MS })).toThrow(
      /daily_metric.*"m"/,
    );
    const bars: InputSeries = { ts: Float64Array.from([t0]), values: Float64Array.from([1]) };
    expect(() =>
      computeFactor(closeSpec, { close: bars }, { from: t0, to: t0 + HOUR_MS, barMs: HOUR_MS }),
    ).toThrow(/intervalMs/);
    expect(() =>
      new FactorStreamEngine(closeSpec, { from: t0, to: t0, barMs: HOUR_MS }).push('nope', t0, 1),
    ).toThrow(/not an input/);
  });
});

const optionalSumSpec: FactorSpec = {
  id: 'optional_sum',
  category: 'sentiment',
  name: 'optional sum',
  definition:
    'a daily as-of input next to an optional summed text input; output: 3-row sum of the text input',
  inputs: [
    { name: 'a', kind: 'onchain', field: 'metric', publicationLagMs: 0, maxStalenessMs: 3 * DAY_MS },
    {
      name: 'b',
      kind: 'text',
      field: 'count',
      publicationLagMs: 0,
      maxStalenessMs: DAY_MS,
      align: 'sum',
      optional: true,
    },
  ],
  frequency: '1d',
  unit: 'events',
  outputs: [{ name: 'value', unit: 'events', description: '3-day sum of b' }],
  expr: { value: sum($('b'), 3) },
};

describe('absent optional event inputs', () => {
  const ts = Float64Array.from({ length: 20 }, (_, i) => t0 + i * DAY_MS);
  const a: InputSeries = { ts, values: ts.map((_, i) => i) };
  const grid = { from: t0 + 5 * DAY_MS, to: t0 + 15 * DAY_MS, barMs: DAY_MS };
  it('an absent summed input is unavailable (NaN) in batch and streaming alike, never 0', () => {
    const batch = computeFactor(optionalSumSpec, { a, b: undefined }, grid).columns.optional_sum;
    const stream = streamFactor(optionalSumSpec, { a, b: undefined }, grid).optional_sum;
    expect(batch.length).toBe(11);
    for (let i = 0; i < batch.length; i++) {
      expect(batch[i]).toBeNaN();
      expect(stream[i]).toBeNaN();
    }
    assertFactorProperties(optionalSumSpec, { data: { a, b: undefined }, grid, minFinite: 0 });
  });
  it('a present but empty summed input is a real zero in both paths', () => {
    const b: InputSeries = { ts: new Float64Array(0), values: new Float64Array(0) };
    const batch = computeFactor(optionalSumSpec, { a, b }, grid).columns.optional_sum;
    const stream = streamFactor(optionalSumSpec, { a, b }, grid).optional_sum;
    expect(Array.from(batch)).toEqual(new Array(11).fill(0));
    expect(Array.from(stream)).toEqual(new Array(11).fill(0));
  });
  it('pushing to an input declared absent throws', () => {
    const s = new FactorStreamEngine(optionalSumSpec, grid, { absent: ['b'] });
    expect(() => s.push('b', t0, 1)).toThrow(/declared absent/);
    expect(() => new FactorStreamEngine(optionalSumSpec, grid, { absent: ['zz'] })).toThrow(FactorInputError);
  });
});
