import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { sharedDataPath } from '../../data/sharedData.js';
import {
  coinDaysDestroyed,
  dormancy,
  gini,
  hashRibbons,
  liveliness,
  mvrv,
  mvrvZScore,
  nvt,
  nvtSignal,
  rollingMeanStrict,
  supplyGrowth,
  topKShare,
  velocity,
} from './kernels.js';
import { readCsvTable } from './sharedCsv.js';

const f = (xs: number[]) => Float64Array.from(xs);

describe('on-chain kernels', () => {
  it('strict rolling mean is NaN in warm-up and around NaN inputs', () => {
    const m = rollingMeanStrict(f([1, 2, 3, Number.NaN, 5, 6, 7]), 2);
    expect(Array.from(m)).toEqual([Number.NaN, 1.5, 2.5, Number.NaN, Number.NaN, 5.5, 6.5]);
  });

  it('NVT and NVT signal follow their closed forms', () => {
    const mc = f([100, 200, 300, 400]);
    const tv = f([10, 20, 0, 40]);
    expect(Array.from(nvt(mc, tv))).toEqual([10, 10, Number.NaN, 10]);
    const s = nvtSignal(mc, f([10, 20, 30, 40]), 2);
    expect(s[0]).toBeNaN();
    expect(s[1]).toBeCloseTo(200 / 15, 12);
    expect(s[3]).toBeCloseTo(400 / 35, 12);
  });

  it('MVRV z-score uses the expanding sample std of market cap', () => {
    const mc = f([10, 12, 14, 16]);
    const rc = f([8, 8, 8, 8]);
    const z = mvrvZScore(mc, rc, 2);
    expect(z[0]).toBeNaN();
    // std(10,12) ddof1 = sqrt(2)
    expect(z[1]).toBeCloseTo(4 / Math.SQRT2, 12);
    // std(10,12,14,16) ddof1 = sqrt(20/3)
    expect(z[3]).toBeCloseTo(8 / Math.sqrt(20 / 3), 12);
    expect(mvrv(mc, rc)[2]).toBe(14 / 8);
  });

  it('coin-days destroyed, dormancy and liveliness', () => {
    expect(coinDaysDestroyed(f([1, 2, 0.5]), f([10, 1, 100]))).toBe(62);
    expect(dormancy(f([62]), f([3.5]))[0]).toBeCloseTo(62 / 3.5, 12);
    const l = liveliness(f([5, 5]), f([100, 100]));
    expect(l[0]).toBe(0.05);
    expect(l[1]).toBe(0.05);
    expect(() => coinDaysDestroyed(f([1]), f([]))).toThrow(/1 values but 0 ages/);
  });

  it('Gini and top-k share match textbook values', () => {
    expect(gini(f([1, 1, 1, 1]))).toBeCloseTo(0, 12);
    expect(gini(f([0, 0, 0, 1]))).toBeCloseTo(0.75, 12); // (n-1)/n
    expect(gini(f([1, 2, 3, 4]))).toBeCloseTo(0.25, 12);
    expect(gini(f([]))).toBeNaN();
    expect(gini(f([1, Number.NaN]))).toBeNaN();
    expect(topKShare(f([1, 2, 3, 4]), 2)).toBeCloseTo(0.7, 12);
  });

  it('hash ribbons flag capitulation and recovery', () => {
    const hr = new Float64Array(12);
    const path = [10, 10, 10, 10, 8, 7, 6, 5, 14, 14, 14, 14];
    for (let i = 0; i < 12; i++) hr[i] = path[i];
    const r = hashRibbons(hr, 2, 4);
    expect(r.ratio[2]).toBeNaN();
    expect(r.capitulation[5]).toBe(1);
    const rec = Array.from(r.recovery).indexOf(1);
    expect(rec).toBe(8);
    expect(r.capitulation[rec]).toBe(0);
    expect(() => hashRibbons(hr, 4, 2)).toThrow(/short window/);
  });

  it('velocity and supply growth annualize correctly', () => {
    const v = velocity(f([1, 1, 1, 1]), f([73, 73, 73, 73]), 2);
    expect(v[1]).toBeCloseTo((2 / 73) * (365 / 2), 12);
    const g = supplyGrowth(f([100, 101, 102]), 2);
    expect(g[2]).toBeCloseTo(Math.log(1.02) * 182.5, 12);
  });

  it('is causal: a prefix of the input gives a prefix of the output', () => {
    const n = 400;
    const mc = new Float64Array(n);
    const tv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      mc[i] = 1000 + 100 * Math.sin(i / 7) + i;
      tv[i] = 50 + 10 * Math.cos(i / 3);
    }
    const full = nvtSignal(mc, tv, 30);
    const fullZ = mvrvZScore(mc, tv, 10);
    for (const t of [5, 40, 177, 399]) {
      expect(Array.from(nvtSignal(mc.subarray(0, t), tv.subarray(0, t), 30))).toEqual(
        Array.from(full.subarray(0, t)),
      );
      expect(Array.from(mvrvZScore(mc.subarray(0, t), tv.subarray(0, t), 10))).toEqual(
        Array.from(fullZ.subarray(0, t)),
      );
    }
  });
});

describeSharedData('on-chain kernels on Coin Metrics BTC data', () => {
  const t = readCsvTable(sharedDataPath('onchain', 'coinmetrics_community_btc.csv'));
  const mc = t.numeric('CapMrktCurUSD');
  const tv = t.numeric('TxTfrValAdjUSD');
  const rc = t.numeric('CapRealUSD');

  function agreement(ours: Float64Array, theirs: Float64Array, tol: number): { n: number; bad: number } {
    let n = 0;
    let bad = 0;
    for (let i = 0; i < ours.length; i++) {
      if (Number.isNaN(ours[i]) || !(theirs[i] > 0)) continue;
      n++;
      if (Math.abs(ours[i] / theirs[i] - 1) > tol) bad++;
    }
    return { n, bad };
  }

  it('NVT equals Coin Metrics NVTAdj = CapMrktCurUSD / TxTfrValAdjUSD', () => {
    const a = agreement(nvt(mc, tv), t.numeric('NVTAdj'), 1e-6);
    expect(a.n).toBeGreaterThan(3000);
    expect(a.bad).toBe(0);
  });

  it('NVT signal (90d) equals Coin Metrics NVTAdj90', () => {
    const a = agreement(nvtSignal(mc, tv, 90), t.numeric('NVTAdj90'), 1e-6);
    expect(a.n).toBeGreaterThan(3000);
    expect(a.bad / a.n).toBeLessThan(0.01);
  });

  it('MVRV equals Coin Metrics CapMVRVCur', () => {
    const a = agreement(mvrv(mc, rc), t.numeric('CapMVRVCur'), 1e-6);
    expect(a.n).toBeGreaterThan(3000);
    expect(a.bad).toBe(0);
  });
});

describeSharedData('MVRV vs the CryptoQuant-style export', () => {
  it('our MVRV from Coin Metrics caps tracks the exported BTC MVRV ratio', () => {
    const cm = readCsvTable(sharedDataPath('onchain', 'coinmetrics_community_btc.csv'));
    const cq = readCsvTable(sharedDataPath('onchain', 'cryptoquant_style', 'btc_mvrv_ratio.csv'));
    const ours = mvrv(cm.numeric('CapMrktCurUSD'), cm.numeric('CapRealUSD'));
    const byDay = new Map<string, number>();
    const days = cm.column('time');
    for (let i = 0; i < days.length; i++) byDay.set(days[i], ours[i]);
    const dates = cq.column(cq.header[0]);
    const vals = cq.numeric(cq.header[1]);
    let n = 0;
    let close = 0;
    for (let i = 0; i < dates.length; i++) {
      const [y, m, d] = dates[i].split('.');
      const key = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
      const o = byDay.get(key);
      if (o === undefined || Number.isNaN(o) || !(vals[i] > 0) || key < '2014-01-01') continue;
      n++;
      if (Math.abs(o / vals[i] - 1) < 0.1) close++;
    }
    expect(n).toBeGreaterThan(2000);
    // Different providers attribute realized value slightly differently; most days agree within 10%.
    expect(close / n).toBeGreaterThan(0.9);
  });
});
