import { describe, expect, it } from 'vitest';
import { FactorDefinitionError } from '../../errors/factors.js';
import { Rng } from '../../math/rng.js';
import {
  $,
  corr,
  cov,
  beta,
  diff,
  ewm,
  lag,
  logRet,
  mean,
  quantile,
  rank,
  rollMax,
  rollMin,
  slope,
  std,
  sum,
  zscore,
  variance,
} from '../dsl.js';
import { createEvalEnv, type Expr } from '../expr.js';
import { gridParams, HOUR_MS } from '../spec.js';
import { asofJoin, bucketAggregate } from './asof.js';
import { crossSectionalRank } from './crossSection.js';
import { rollingQuantile, rollingRank } from './rolling.js';

/** Naive window statistic: at most floor(0.1 w) missing rows, computed over the rows present. */
function naive(
  x: number[],
  w: number,
  f: (win: number[], idx: number[]) => number,
  needCurrent = false,
): number[] {
  return x.map((_, i) => {
    if (i < w - 1) return Number.NaN;
    if (needCurrent && Number.isNaN(x[i])) return Number.NaN;
    const idx: number[] = [];
    const win: number[] = [];
    for (let j = i - w + 1; j <= i; j++) {
      if (!Number.isNaN(x[j])) {
        idx.push(j);
        win.push(x[j]);
      }
    }
    return w - win.length > Math.floor(0.1 * w) ? Number.NaN : f(win, idx);
  });
}
const avg = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const sampleVar = (a: number[]) => {
  const m = avg(a);
  return a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1);
};

function series(n: number, seed: number, nanEvery = 0): Float64Array {
  const rng = new Rng(seed);
  const x = new Float64Array(n);
  let p = 50000;
  for (let i = 0; i < n; i++) {
    p *= Math.exp(rng.normal() * 0.01);
    x[i] = nanEvery && i % nanEvery === 7 ? Number.NaN : p;
  }
  return x;
}

function evalBoth(
  e: Expr,
  inputs: Record<string, Float64Array>,
): { batch: Float64Array; stream: Float64Array } {
  const names = Object.keys(inputs);
  const n = inputs[names[0]].length;
  const params = gridParams(HOUR_MS);
  const batch = e.evaluate(createEvalEnv(n, inputs, params));
  const node = e.stream({ params, inputIndex: (name) => names.indexOf(name) });
  const row = new Float64Array(names.length);
  const stream = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    names.forEach((nm, k) => {
      row[k] = inputs[nm][i];
    });
    stream[i] = node.step(row);
  }
  return { batch, stream };
}

function expectClose(actual: ArrayLike<number>, expected: number[], rel = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Number.isNaN(expected[i])) expect(actual[i], `row ${i}`).toBeNaN();
    else
      expect(Math.abs(actual[i] - expected[i]), `row ${i}`).toBeLessThanOrEqual(
        rel * Math.max(1, Math.abs(expected[i])),
      );
  }
}

describe('rolling operators against naive window computations', () => {
  const x = series(500, 1, 23);
  const y = series(500, 2, 0);
  const xs = Array.from(x);
  const ys = Array.from(y);
  const cases: Array<[string, Expr, number[]]> = [
    ['sum', sum($('x'), 20), naive(xs, 20, (a) => a.reduce((s, v) => s + v, 0))],
    ['mean', mean($('x'), 20), naive(xs, 20, avg)],
    ['var', variance($('x'), 20), naive(xs, 20, sampleVar)],
    ['std', std($('x'), 7), naive(xs, 7, (a) => Math.sqrt(sampleVar(a)))],
    [
      'zscore',
      zscore($('x'), 30),
      naive(xs, 30, (a) => (a[a.length - 1] - avg(a)) / Math.sqrt(sampleVar(a)), true),
    ],
    ['strict std under 10 rows', std($('x'), 9), naive(xs, 9, (a) => Math.sqrt(sampleVar(a)))],
    ['max', rollMax($('x'), 13), naive(xs, 13, (a) => Math.max(...a))],
    ['min', rollMin($('x'), 13), naive(xs, 13, (a) => Math.min(...a))],
    [
      'quantile',
      quantile($('x'), 10, 0.8),
      naive(xs, 10, (a) => {
        const s = [...a].sort((p, q) => p - q);
        const pos = 0.8 * (s.length - 1);
        const lo = Math.floor(pos);
        return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
      }),
    ],
    [
      'rank',
      rank($('x'), 10),
      naive(
        xs,
        10,
        (a) => {
          const v = a[a.length - 1];
          const less = a.filter((u) => u < v).length;
          const eq = a.filter((u) => u === v).length;
          return (less + (eq + 1) / 2) / a.length;
        },
        true,
      ),
    ],
    [
      'slope',
      slope($('x'), 15),
      naive(xs, 15, (a, idx) => {
        const tb = avg(idx);
        const m = avg(a);
        let num = 0;
        let den = 0;
        a.forEach((v, k) => {
          num += (idx[k] - tb) * (v - m);
          den += (idx[k] - tb) ** 2;
        });
        return num / den;
      }),
    ],
  ];
  for (const [name, e, expected] of cases) {
    it(`${name}: batch matches the naive result and streaming is bit-identical`, () => {
      const { batch, stream } = evalBoth(e, { x, y });
      expectClose(batch, expected, 1e-8);
      for (let i = 0; i < batch.length; i++)
        expect(Object.is(batch[i], stream[i]) || batch[i] === stream[i]).toBe(true);
    });
  }

  it('corr, cov and beta match naive two-pass formulas', () => {
    const w = 25;
    const pairs = xs.map((v, i) => [v, ys[i]] as const);
    const exp = (f: (a: number[], b: number[]) => number) =>
      pairs.map((_, i) => {
        if (i < w - 1) return Number.NaN;
        const win = pairs.slice(i - w + 1, i + 1).filter(([a, b]) => !Number.isNaN(a) && !Number.isNaN(b));
        if (w - win.length > Math.floor(0.1 * w)) return Number.NaN;
        return f(
          win.map((p) => p[0]),
          win.map((p) => p[1]),
        );
      });
    const c = (a: number[], b: number[]) => {
      const ma = avg(a);
      const mb = avg(b);
      return a.reduce((s, v, k) => s + (v - ma) * (b[k] - mb), 0) / (a.length - 1);
    };
    for (const [e, f] of [
      [cov($('x'), $('y'), w), c],
      [
        corr($('x'), $('y'), w),
        (a: number[], b: number[]) => c(a, b) / Math.sqrt(sampleVar(a) * sampleVar(b)),
      ],
      [beta($('x'), $('y'), w), (a: number[], b: number[]) => c(a, b) / sampleVar(b)],
    ] as const) {
      const { batch, stream } = evalBoth(e, { x, y });
      expectClose(batch, exp(f), 1e-7);
      expect(Array.from(stream)).toEqual(Array.from(batch));
    }
  });

  it('flat windows give NaN for zscore, corr and beta, never 0', () => {
    const flat = new Float64Array(40).fill(3);
    const ramp = Float64Array.from({ length: 40 }, (_, i) => i);
    const { batch: z } = evalBoth(zscore($('x'), 10), { x: flat });
    const { batch: r } = evalBoth(corr($('x'), $('y'), 10), { x: flat, y: ramp });
    const { batch: b } = evalBoth(beta($('y'), $('x'), 10), { x: flat, y: ramp });
    expect(Array.from(z).every(Number.isNaN)).toBe(true);
    expect(Array.from(r).every(Number.isNaN)).toBe(true);
    expect(Array.from(b).every(Number.isNaN)).toBe(true);
    const { batch: s } = evalBoth(std($('x'), 10), { x: flat });
    expect(s[20]).toBe(0);
  });
});

describe('long-window quantile and rank (Fenwick-tree batch kernel) equal the sorted-window stream', () => {
  it('bit for bit, with NaN gaps and ties', () => {
    const raw = series(3000, 9, 41);
    const x = raw.map((v) => (Number.isNaN(v) ? v : Math.round(v / 50) * 50));
    for (const w of [65, 200]) {
      for (const e of [
        quantile($('x'), w, 0.1),
        quantile($('x'), w, 0.9),
        quantile($('x'), w, 0.5),
        rank($('x'), w),
      ]) {
        const { batch, stream } = evalBoth(e, { x });
        expect(Array.from(batch)).toEqual(Array.from(stream));
        expect(batch.filter(Number.isFinite).length).toBeGreaterThan(2000);
      }
    }
    const flags = Float64Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const { batch, stream } = evalBoth(rank($('x'), 100), { x: flags });
    expect(Array.from(batch)).toEqual(Array.from(stream));
  });
});

describe('long-window ranking reuse', () => {
  it('a buffer reused with new values is ranked afresh (same result as a new array)', () => {
    const x = series(1000, 3, 17);
    const a = Array.from(rollingQuantile(x, 100, 0.1, new Float64Array(x.length)));
    const r = Array.from(rollingRank(x, 100, new Float64Array(x.length)));
    expect(Array.from(rollingQuantile(x, 100, 0.1, new Float64Array(x.length)))).toEqual(a);
    for (let i = 0; i < x.length; i++) x[i] = Number.isNaN(x[i]) ? x[i] : -2 * x[i] + 1;
    const fresh = x.slice();
    expect(Array.from(rollingQuantile(x, 100, 0.1, new Float64Array(x.length)))).toEqual(
      Array.from(rollingQuantile(fresh, 100, 0.1, new Float64Array(x.length))),
    );
    expect(Array.from(rollingRank(x, 100, new Float64Array(x.length)))).toEqual(
      Array.from(rollingRank(fresh, 100, new Float64Array(x.length))),
    );
    expect(Array.from(rollingRank(x, 100, new Float64Array(x.length)))).not.toEqual(r);
  });
});

describe('shift operators', () => {
  it('lag, diff and log-return', () => {
    const x = Float64Array.from([1, 2, 4, 8, Number.NaN, 32]);
    expect(Array.from(evalBoth(lag($('x'), 2), { x }).stream)).toEqual([Number.NaN, Number.NaN, 1, 2, 4, 8]);
    expect(Array.from(evalBoth(diff($('x'), 1), { x }).batch)).toEqual([
      Number.NaN,
      1,
      2,
      4,
      Number.NaN,
      Number.NaN,
    ]);
    const lr = evalBoth(logRet($('x'), 1), { x });
    expect(lr.batch[2]).toBeCloseTo(Math.log(2), 15);
    expect(lr.stream[5]).toBeNaN();
  });
  it('rejects negative shifts (they read the future) and bad windows', () => {
    expect(() => lag($('x'), -1)).toThrow(FactorDefinitionError);
    expect(() => lag($('x'), -1)).toThrow(/reads the future/);
    expect(() => mean($('x'), 0)).toThrow(FactorDefinitionError);
    expect(() => std($('x'), 1)).toThrow(/window/);
    expect(() => quantile($('x'), 5, 1.5)).toThrow(/q must be/);
  });
  it('canonical strings and lookback', () => {
    const e = std(logRet($('close'), 1), 20);
    expect(e.toString()).toBe('Std(LogRet($close,1),20)');
    expect(e.lookback()).toBe(20);
    expect(ewm($('x'), 10).toString()).toBe(`Ewm($x,10,${2 / 11})`);
  });
});

describe('ewm', () => {
  it('matches the recursion and streams identically', () => {
    const x = series(100, 3);
    const { batch, stream } = evalBoth(ewm($('x'), 9), { x });
    let m = x[0];
    for (let i = 1; i < 100; i++) {
      m = m + 0.2 * (x[i] - m);
      if (i >= 8) expect(batch[i]).toBeCloseTo(m, 9);
    }
    expect(batch[7]).toBeNaN();
    expect(Array.from(stream)).toEqual(Array.from(batch));
  });
});

describe('as-of join and buckets', () => {
  it('takes the last known value, NaN beyond staleness', () => {
    const known = Float64Array.from([10, 20, 30]);
    const vals = Float64Array.from([1, 2, 3]);
    const grid = Float64Array.from([5, 10, 15, 25, 30, 50]);
    const out = asofJoin(known, vals, grid, 10, new Float64Array(6));
    expect(Array.from(out)).toEqual([Number.NaN, 1, 1, 2, 3, Number.NaN]);
  });
  it('aggregates events into (prev, t] buckets; empty buckets count 0 and mean NaN', () => {
    const known = Float64Array.from([1, 2, 12, 35]);
    const vals = Float64Array.from([1, 3, 5, 7]);
    const grid = Float64Array.from([10, 20, 30, 40]);
    expect(Array.from(bucketAggregate(known, vals, grid, 'count', 10, new Float64Array(4)))).toEqual([
      2, 1, 0, 1,
    ]);
    expect(Array.from(bucketAggregate(known, vals, grid, 'mean', 10, new Float64Array(4)))).toEqual([
      2,
      5,
      Number.NaN,
      7,
    ]);
    expect(Array.from(bucketAggregate(known, vals, grid, 'sum', 5, new Float64Array(4)))).toEqual([
      0, 5, 0, 7,
    ]);
  });
});

describe('cross-sectional rank', () => {
  it('ranks across assets per row, ties averaged, NaN left out', () => {
    const r = crossSectionalRank([
      Float64Array.from([1, 5]),
      Float64Array.from([2, Number.NaN]),
      Float64Array.from([2, 1]),
    ]);
    expect(r[0][0]).toBeCloseTo(1 / 3);
    expect(r[1][0]).toBeCloseTo(2.5 / 3);
    expect(r[2][0]).toBeCloseTo(2.5 / 3);
    expect(r[0][1]).toBe(1);
    expect(r[1][1]).toBeNaN();
    expect(r[2][1]).toBe(0.5);
  });
});
