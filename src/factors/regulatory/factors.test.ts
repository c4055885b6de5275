import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { sharedDataPath } from '../../data/sharedData.js';
import { computeFactor } from '../engine.js';
import { readCsvTable } from '../onchain/sharedCsv.js';
import { DAY_MS } from '../spec.js';
import { assertFactorProperties } from '../testing/checkFactor.js';
import { etfFlows } from './etf_flows.js';
import { regulatoryFactors } from './index.js';
import { regulatoryEvents } from './regulatory_events.js';

describe('regulatory & institutional factors: point-in-time and batch = streaming', () => {
  it('registers the 8 regulatory & institutional factors of the seed', () => {
    expect(regulatoryFactors).toHaveLength(8);
    expect(new Set(regulatoryFactors.map((f) => f.id)).size).toBe(8);
    for (const f of regulatoryFactors) expect(f.category).toBe('regulatory');
  });
  for (const spec of regulatoryFactors) {
    it(spec.id, () => {
      const r = assertFactorProperties(spec);
      expect(r.rows).toBeGreaterThan(100);
    });
  }
});

describeSharedData('etf_flows on Farside US spot BTC ETF flows', () => {
  it('sums each trading day once, known the next day; weekends are 0; point-in-time on the real series', () => {
    const t = readCsvTable(sharedDataPath('derivatives', 'farside_spot_etf_net_flows.csv'));
    const dates = t.column('date');
    const ts = Float64Array.from(dates, (d) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`));
    const flow = t.numeric('btc_etf_net_flow_usd_mn').map((v) => v * 1e6);
    const grid = { from: ts[0] + 2 * DAY_MS, to: ts[ts.length - 1] + DAY_MS, barMs: DAY_MS };
    const res = computeFactor(etfFlows, { flow: { ts, values: flow } }, grid);
    const col = res.columns.etf_flows;
    let total = 0;
    for (let i = 0; i < col.length; i++) {
      const known = grid.from + i * DAY_MS - DAY_MS; // the date whose flow is known at this row
      const j = ts.indexOf(known);
      expect(col[i]).toBe(j >= 0 ? flow[j] : 0);
      total += col[i];
    }
    const cum = res.columns.etf_flows__cumulative;
    // The native grid starts before the target grid (warm-up), so the cumulative sum holds every flow known
    // by the last row, including the first day's.
    expect(total).toBeCloseTo(
      flow.slice(1).reduce((a, b) => a + b, 0),
      0,
    );
    expect(cum[cum.length - 1]).toBeCloseTo(
      flow.reduce((a, b) => a + b, 0),
      0,
    );
    // a later start still counts every flow since launch (the warm-up reaches back before the first ETF day)
    const late = { from: ts[100], to: ts[120], barMs: DAY_MS };
    const lateCum = computeFactor(etfFlows, { flow: { ts, values: flow } }, late).columns
      .etf_flows__cumulative;
    expect(lateCum[0]).toBeCloseTo(
      flow.slice(0, 100).reduce((a, b) => a + b, 0),
      0,
    );
    assertFactorProperties(etfFlows, { data: { flow: { ts, values: flow } }, grid });
  });
});

describe('regulatory_events without an official-announcement source', () => {
  it('counts the labelled news alone and stays point-in-time', () => {
    const day0 = Date.UTC(2024, 0, 1);
    const m = 200;
    const ts = Float64Array.from({ length: m }, (_, i) => day0 + i * DAY_MS + 3_600_000);
    const reg = Float64Array.from({ length: m }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const regS = Float64Array.from({ length: m }, (_, i) => (i % 3 === 0 ? -0.5 : 0));
    const data = { news_reg: { ts, values: reg }, news_reg_s: { ts, values: regS } };
    const grid = { from: day0 + 40 * DAY_MS, to: day0 + 190 * DAY_MS, barMs: DAY_MS };
    const res = computeFactor(regulatoryEvents, data, grid);
    const i = 100;
    const T = grid.from + i * DAY_MS;
    let expected = 0;
    for (let k = 0; k < m; k++) if (ts[k] <= T && ts[k] > T - 30 * DAY_MS) expected += reg[k];
    expect(res.columns.regulatory_events[i]).toBe(expected);
    expect(res.columns.regulatory_events__tone[i]).toBeCloseTo(-0.5, 12);
    assertFactorProperties(regulatoryEvents, { data, grid });
  });
});
