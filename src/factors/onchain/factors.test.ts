import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { sharedDataPath } from '../../data/sharedData.js';
import { computeFactor } from '../engine.js';
import { evaluateFactor } from '../evaluate.js';
import { DAY_MS, gridParams } from '../spec.js';
import { assertFactorProperties } from '../testing/checkFactor.js';
import { forkUpgradeEvents } from './fork_upgrade_events.js';
import { hodlWaves } from './hodl_waves.js';
import { onchainFactors } from './index.js';
import { mvrvZScore } from './kernels.js';
import { MVRV_WARMUP_DAYS, mvrvFactor } from './mvrv.js';
import { nvtRatio } from './nvt.js';
import { readCsvTable } from './sharedCsv.js';
import { txCountFees } from './tx_count_fees.js';
import { velocitySupply } from './velocity_supply.js';

describe('on-chain factors: point-in-time and batch = streaming', () => {
  it('registers the 15 on-chain factors of the seed', () => {
    expect(onchainFactors).toHaveLength(15);
    expect(new Set(onchainFactors.map((f) => f.id)).size).toBe(15);
    for (const f of onchainFactors) expect(f.category).toBe('onchain');
  });
  for (const spec of onchainFactors) {
    it(spec.id, () => {
      const r = assertFactorProperties(spec, spec.id === 'mvrv' ? { rows: 700 } : {});
      expect(r.rows).toBeGreaterThan(100);
    });
  }
});

describeSharedData('on-chain factors on Coin Metrics BTC (definitions match the vendor)', () => {
  const t = readCsvTable(sharedDataPath('onchain', 'coinmetrics_community_btc.csv'));
  const n = t.rows.length;
  const params = gridParams(DAY_MS);
  const ts = Float64Array.from(t.column('time'), (d) => Date.parse(`${d}T00:00:00Z`));
  const mc = t.numeric('CapMrktCurUSD');
  const rc = t.numeric('CapRealUSD');
  const tv = t.numeric('TxTfrValAdjUSD');

  const relBad = (a: Float64Array, b: Float64Array, tol: number) => {
    let cnt = 0;
    let bad = 0;
    for (let i = 0; i < a.length; i++) {
      if (!Number.isFinite(a[i]) || !(b[i] > 0)) continue;
      cnt++;
      if (Math.abs(a[i] / b[i] - 1) > tol) bad++;
    }
    return { cnt, bad };
  };

  it('nvt factor = NVTAdj and its signal = NVTAdj90', () => {
    const out = evaluateFactor(nvtRatio, {
      ts,
      n,
      params,
      columns: { market_cap: mc, transfer_value: tv },
    });
    const a = relBad(out.value, t.numeric('NVTAdj'), 1e-6);
    expect(a.cnt).toBeGreaterThan(3000);
    expect(a.bad).toBe(0);
    const s = relBad(out.signal, t.numeric('NVTAdj90'), 1e-6);
    expect(s.cnt).toBeGreaterThan(3000);
    expect(s.bad / s.cnt).toBeLessThan(0.01);
  });

  it('mvrv factor = CapMVRVCur; its z-score = the Welford kernel', () => {
    const out = evaluateFactor(mvrvFactor, {
      ts,
      n,
      params,
      columns: { market_cap: mc, realized_cap: rc },
    });
    const a = relBad(out.value, t.numeric('CapMVRVCur'), 1e-6);
    expect(a.cnt).toBeGreaterThan(3000);
    expect(a.bad).toBe(0);
    const k = mvrvZScore(mc, rc, 365);
    let cmp = 0;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(k[i])) continue;
      cmp++;
      expect(Math.abs(out.z_score[i] - k[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(k[i])));
    }
    expect(cmp).toBeGreaterThan(2500);
    // The 2017 top and the March 2020 low, as MVRV z-score charts show them.
    const at = (d: string) => out.z_score[t.column('time').indexOf(d)];
    expect(at('2017-12-17')).toBeGreaterThan(7);
    expect(at('2020-03-12')).toBeLessThan(0);
  });

  it('tx_count_fees fee per transaction = Coin Metrics FeeMeanUSD', () => {
    const out = evaluateFactor(txCountFees, {
      ts,
      n,
      params,
      columns: { tx_count: t.numeric('TxCnt'), fees_usd: t.numeric('FeeTotUSD') },
    });
    const a = relBad(out.fee_per_tx_usd, t.numeric('FeeMeanUSD'), 1e-3);
    expect(a.cnt).toBeGreaterThan(3000);
    expect(a.bad).toBe(0);
  });

  it('velocity_supply supply growth = 30-day mean of Coin Metrics IssContPctAnn', () => {
    const out = evaluateFactor(velocitySupply, {
      ts,
      n,
      params,
      columns: { transfer_value: tv, market_cap: mc, supply: t.numeric('SplyCur') },
    });
    const iss = t.numeric('IssContPctAnn');
    let cnt = 0;
    for (let i = 1500; i < n; i++) {
      let m = 0;
      for (let j = i - 29; j <= i; j++) m += iss[j] / 100 / 30;
      if (!(m > 0) || Number.isNaN(out.supply_growth[i])) continue;
      cnt++;
      // ln growth vs simple issuance rate: they differ by O(rate^2), under 0.1% relative here.
      expect(Math.abs(out.supply_growth[i] / m - 1)).toBeLessThan(1e-3);
    }
    expect(cnt).toBeGreaterThan(2500);
  });

  it('mvrv is point-in-time and streams on the real series', () => {
    const data = {
      market_cap: { ts, values: mc },
      realized_cap: { ts, values: rc },
    };
    const from = Date.parse('2016-01-01T00:00:00Z');
    assertFactorProperties(mvrvFactor, {
      data,
      grid: { from, to: Date.parse('2020-07-01T00:00:00Z'), barMs: DAY_MS },
    });
  });
});

describe('fork_upgrade_events with one event source', () => {
  it('counts upgrades alone when no fork source exists', () => {
    const d0 = Date.UTC(2024, 0, 1);
    const ts = Float64Array.from([d0 + 20 * DAY_MS + 1, d0 + 50 * DAY_MS + 1, d0 + 100 * DAY_MS + 1]);
    const data = { upgrades: { ts, values: Float64Array.from([1, 1, 1]) } };
    const grid = { from: d0 + 95 * DAY_MS, to: d0 + 130 * DAY_MS, barMs: DAY_MS };
    const res = computeFactor(forkUpgradeEvents, data, grid);
    const at = (k: number) => k - 95;
    expect(res.columns.fork_upgrade_events__events_90d[at(101)]).toBe(3);
    expect(res.columns.fork_upgrade_events__events_30d[at(101)]).toBe(1);
    expect(res.columns.fork_upgrade_events__upgrade_news_30d[at(101)]).toBeNaN();
    // the news source stays absent: streaming must give the same NaN news column as batch
    assertFactorProperties(forkUpgradeEvents, { data, grid, minFinite: 0 });
  });
});

describe('expanding statistics declare their warm-up', () => {
  const d0 = Date.UTC(2015, 0, 1);
  const m = 3000;
  const ts = Float64Array.from({ length: m }, (_, i) => d0 + i * DAY_MS);
  const mc = ts.map((_, i) => 1e9 * (2 + Math.sin(i / 97) + i / 500));
  const rc = ts.map((_, i) => 1e9 * (1.5 + i / 600));
  // computed from a start well inside the stored history (not from the first stored day)
  const grid = { from: d0 + 2000 * DAY_MS, to: d0 + 2100 * DAY_MS, barMs: DAY_MS };

  it('the mvrv z-score is defined from the first requested day and equals the kernel over the warm-up', () => {
    const res = computeFactor(
      mvrvFactor,
      { market_cap: { ts, values: mc }, realized_cap: { ts, values: rc } },
      grid,
    );
    const z = res.columns.mvrv__z_score;
    for (let i = 0; i < z.length; i++) expect(Number.isFinite(z[i]), `row ${i}`).toBe(true);
    // a daily value of day d is known at d + 1 day: the first row sees days [from - 1 - warm-up, from - 1]
    const last = 2000 - 1;
    const first = last - MVRV_WARMUP_DAYS;
    const k = mvrvZScore(mc.slice(first, last + 1), rc.slice(first, last + 1), 365);
    expect(z[0]).toBeCloseTo(k[k.length - 1], 9);
  });

  it('liveliness reads the declared warm-up history, not just the requested range', () => {
    const cdd = ts.map((_, i) => 1e6 * (1 + (i % 7)));
    const supply = ts.map(() => 1.9e7);
    const tr = ts.map(() => 5e5);
    const res = computeFactor(
      hodlWaves,
      { cdd: { ts, values: cdd }, supply: { ts, values: supply }, transferred: { ts, values: tr } },
      grid,
    );
    const live = res.columns.hodl_waves__liveliness;
    const last = 2000 - 1;
    const first = last - 4 * 365;
    let c = 0;
    let s = 0;
    for (let i = first; i <= last; i++) {
      c += cdd[i];
      s += supply[i];
    }
    expect(live[0]).toBeCloseTo(c / s, 12);
  });
});
