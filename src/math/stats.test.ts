import { describe, expect, it } from 'vitest';
import {
  chiSquareCdf,
  chiSquareSf,
  excessKurtosis,
  mean,
  normalCdf,
  normalPpf,
  percentile,
  skew,
  std,
  studentTCdf,
  studentTPpf,
} from './stats.js';

describe('stats', () => {
  it('moments skip NaN and use ddof', () => {
    const x = [1, 2, Number.NaN, 3, 4];
    expect(mean(x)).toBe(2.5);
    expect(std(x)).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(std(x, 0)).toBeCloseTo(Math.sqrt(5 / 4), 14);
    expect(std([1])).toBeNaN();
  });

  it('skew and excess kurtosis match scipy (bias=True) on a small sample', () => {
    const x = [1, 2, 3, 4, 10];
    // scipy.stats.skew([1,2,3,4,10]) = 1.1384199576606167; kurtosis = -0.0622... computed by hand below.
    const m = 4;
    const d = x.map((v) => v - m);
    const m2 = d.reduce((a, v) => a + v * v, 0) / 5;
    const m3 = d.reduce((a, v) => a + v ** 3, 0) / 5;
    const m4 = d.reduce((a, v) => a + v ** 4, 0) / 5;
    expect(skew(x)).toBeCloseTo(m3 / m2 ** 1.5, 12);
    expect(skew(x)).toBeCloseTo(1.1384199576606167, 12);
    expect(excessKurtosis(x)).toBeCloseTo(m4 / m2 ** 2 - 3, 12);
  });

  it('percentile interpolates linearly (empyrical VaR examples)', () => {
    expect(percentile([1, 2], 30)).toBeCloseTo(1.3, 12);
    expect(percentile([1, 81, 82, 83, 84, 85], 10)).toBeCloseTo(41, 12);
    expect(percentile([1, 81, 82, 83, 84, 85], 20)).toBeCloseTo(81, 12);
    expect(percentile([1, 81, 82, 83, 84, 85], 30)).toBeCloseTo(81.5, 12);
  });

  it('normal cdf and ppf match known quantiles and invert each other', () => {
    expect(normalPpf(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalPpf(0.05)).toBeCloseTo(-1.6448536269514722, 12);
    expect(normalPpf(0.001)).toBeCloseTo(-3.090232306167813, 11);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-8)).toBeCloseTo(6.22096057427178e-16, 25);
    for (const p of [1e-10, 0.01, 0.3, 0.5, 0.77, 0.999]) expect(normalCdf(normalPpf(p))).toBeCloseTo(p, 13);
  });

  it('Student-t cdf and ppf match tables', () => {
    expect(studentTPpf(0.975, 5)).toBeCloseTo(2.570581835636314, 10);
    expect(studentTPpf(0.01, 3)).toBeCloseTo(-4.540702858568132, 9);
    expect(studentTCdf(0, 4)).toBe(0.5);
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 14); // Cauchy
    expect(studentTPpf(0.95, 1e6)).toBeCloseTo(normalPpf(0.95), 5);
  });

  it('chi-square cdf gives textbook critical values', () => {
    expect(chiSquareSf(3.841458820694124, 1)).toBeCloseTo(0.05, 13);
    expect(chiSquareSf(5.991464547107979, 2)).toBeCloseTo(0.05, 13);
    expect(chiSquareCdf(2, 2)).toBeCloseTo(1 - Math.exp(-1), 14);
  });
});
