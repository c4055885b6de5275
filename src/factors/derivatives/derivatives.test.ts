import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { sharedDataPath } from '../../data/sharedData.js';
import { computeFactor } from '../engine.js';
import { DAY_MS } from '../spec.js';
import { syntheticFiniteFractions } from '../testing/checkFactor.js';
import { readCsvColumns } from '../testing/sharedCsv.js';
import { derivativesFactors } from './index.js';
import {
  blackGamma,
  gammaExposure,
  type OptionQuote,
  parseDeribitOption,
  surfaceMetrics,
} from './optionChain.js';
import { perpFunding } from './perp_funding.js';

describe('derivatives factors (point-in-time and batch = streaming for all 80 in registry.test.ts)', () => {
  it('has the seed’s 5 factors', () => {
    expect(derivativesFactors).toHaveLength(5);
  });
  it('every output column has values after warm-up on synthetic data', () => {
    for (const spec of derivativesFactors) {
      for (const [col, f] of Object.entries(syntheticFiniteFractions(spec)))
        expect(f, col).toBeGreaterThan(0.05);
    }
  });
});

describe('option chain helpers', () => {
  it('parses Deribit names (expiry 08:00 UTC)', () => {
    expect(parseDeribitOption('ETH-12JUN26-1800-P')).toEqual({
      strike: 1800,
      expiry: Date.UTC(2026, 5, 12, 8),
      type: 'P',
    });
    expect(() => parseDeribitOption('ETH-PERPETUAL')).toThrow(/not a Deribit option/);
  });
  it('put-call symmetry of gamma and a positive exposure for calls only', () => {
    const q: OptionQuote = {
      strike: 100,
      expiry: 30 * DAY_MS,
      type: 'C',
      iv: 0.6,
      openInterest: 10,
      underlying: 100,
    };
    const g = blackGamma(100, 100, 0.6, 30 / 365);
    expect(gammaExposure([q], 0)).toBeCloseTo(g * 10 * 100 * 100 * 0.01, 12);
    expect(gammaExposure([q, { ...q, type: 'P' }], 0)).toBeCloseTo(0, 12);
  });
});

describeSharedData('derivatives against real data', () => {
  it('Black gamma matches Deribit’s greeks on the ETH ticker snapshot (5 decimals)', () => {
    const tickers = JSON.parse(
      readFileSync(sharedDataPath('derivatives', 'deribit_eth_option_tickers_snapshot.json'), 'utf8'),
    ) as Record<
      string,
      { timestamp: number; mark_iv: number; underlying_price: number; greeks: { gamma: number } }
    >;
    let n = 0;
    for (const [name, v] of Object.entries(tickers)) {
      const o = parseDeribitOption(name);
      const g = blackGamma(
        v.underlying_price,
        o.strike,
        v.mark_iv / 100,
        (o.expiry - v.timestamp) / (365 * DAY_MS),
      );
      expect(Math.abs(g - v.greeks.gamma)).toBeLessThanOrEqual(5.1e-6);
      n++;
    }
    expect(n).toBeGreaterThan(20);
  });
  it('surface metrics of the ETH chain snapshot are sane', () => {
    const snap = JSON.parse(
      readFileSync(sharedDataPath('derivatives', 'deribit_eth_option_chain_snapshot.json'), 'utf8'),
    ) as {
      fetched_ms: number;
      rows: Array<{
        instrument_name: string;
        mark_iv: number;
        open_interest: number;
        underlying_price: number;
      }>;
    };
    const chain: OptionQuote[] = snap.rows.map((r) => ({
      ...parseDeribitOption(r.instrument_name),
      iv: r.mark_iv / 100,
      openInterest: r.open_interest,
      underlying: r.underlying_price,
    }));
    const m = surfaceMetrics(chain, snap.fetched_ms);
    expect(m.ivAtm7d).toBeGreaterThan(0.3);
    expect(m.ivAtm7d).toBeLessThan(1.5);
    expect(m.ivAtm30d).toBeGreaterThan(0.3);
    expect(m.ivAtm30d).toBeLessThan(1.5);
    expect(Number.isFinite(m.skew25d)).toBe(true);
    expect(Math.abs(m.skew25d)).toBeLessThan(0.3);
    expect(Number.isFinite(gammaExposure(chain, snap.fetched_ms))).toBe(true);
  });
  it('daily funding paid agrees with the pre-computed daily mean of the 8-hour prints', () => {
    const prints = JSON.parse(
      readFileSync(sharedDataPath('derivatives', 'binance_btcusdt_funding_8h_pct.json'), 'utf8'),
    ) as Array<[number, number]>;
    const ts = Float64Array.from(prints, (p) => p[0]);
    const rate = Float64Array.from(prints, (p) => p[1] / 100);
    const daily = readCsvColumns(sharedDataPath('derivatives', 'binance_btcusdt_funding_daily.csv'));
    const from = Math.ceil(ts[0] / DAY_MS) * DAY_MS + DAY_MS;
    const to = Math.floor(ts[ts.length - 1] / DAY_MS) * DAY_MS;
    const res = computeFactor(
      perpFunding,
      { funding: { ts, values: rate }, funding_paid: { ts, values: rate } },
      { from, to, barMs: DAY_MS },
    );
    const byDate = new Map<number, number>();
    for (let i = 0; i < daily.text.length; i++) {
      byDate.set(Date.parse(`${daily.text[i][0]}T00:00:00Z`), daily.num.funding_mean[i]);
    }
    let compared = 0;
    let agree = 0;
    for (let i = 0; i < res.ts.length; i++) {
      const day = res.ts[i] - DAY_MS; // the grid row at D+1 00:00 holds the payments of day D
      const ref = byDate.get(day);
      if (ref === undefined) continue;
      compared++;
      if (Math.abs(res.columns.perp_funding__paid_1d[i] / 3 - ref) <= 1e-9) agree++;
    }
    expect(compared).toBeGreaterThan(300);
    expect(agree / compared).toBeGreaterThan(0.9);
    // the annualized level uses the 8-hour interval
    expect(res.columns.perp_funding[10]).toBeCloseTo(rate[upper(ts, res.ts[10] - 60_000) - 1] * 1095, 12);
  });
});

function upper(a: Float64Array, t: number): number {
  let i = 0;
  while (i < a.length && a[i] <= t) i++;
  return i;
}
