import { describe, expect, it } from 'vitest';
import { StrategyError } from '../errors/backtest.js';
import { PanelView, slicePanel } from './panel.js';
import { runBacktest } from './runBacktest.js';
import { runVectorized, strategyWeights } from './runVectorized.js';
import { buyAndHold, equalWeight, fundingCarry, inverseVolatility, maCrossover } from './strategies.js';
import type { Strategy } from './strategy.js';
import { syntheticPanel } from './testPanel.js';

const scaled = (s: Strategy, k: number): Strategy => ({
  ...s,
  targetWeights(view, out) {
    const ok = s.targetWeights?.(view, out) ?? false;
    for (let i = 0; i < out.length; i++) out[i] *= k;
    return ok;
  },
});

describe('runBacktest', () => {
  const panel = syntheticPanel(4, 400, 5, 20);

  it('agrees with the vectorized kernel on the same strategy', () => {
    const exec = { impact: 'none' as const, maxParticipation: Number.POSITIVE_INFINITY };
    for (const s of [
      scaled(equalWeight({ rebalanceEvery: 5 }), 0.9),
      scaled(maCrossover({ fast: 5, slow: 20 }), 0.9),
      scaled(inverseVolatility({ lookback: 10 }), 0.9),
    ]) {
      const ev = runBacktest(panel, s, { execution: exec });
      const ve = runVectorized(panel, strategyWeights(panel, s), { execution: exec });
      expect(ev.fills).toBeGreaterThan(10);
      expect(ev.rejectedOrders).toBe(0);
      for (let i = 0; i < ev.equity.length; i++) expect(ve.equity[i] / ev.equity[i] - 1).toBeCloseTo(0, 10);
      expect(ve.fees).toBeCloseTo(-ev.attribution.fees, 6);
    }
  });

  it('attributes every unit of P&L (price, fees, slippage) with costs on and never overdraws cash', () => {
    const r = runBacktest(panel, equalWeight({ rebalanceEvery: 3 }));
    const a = r.attribution;
    expect(a.residual / r.initialCash).toBeCloseTo(0, 10);
    expect(a.fees).toBeLessThan(0);
    expect(a.slippage).toBeLessThan(0);
    expect(a.total).toBeCloseTo(r.equity[r.equity.length - 1] - r.initialCash, 6);
    expect(r.cash).toBeGreaterThanOrEqual(-1e-6);
    // Per bar: equity change = price P&L - fees - slippage - funding - borrow.
    let prevEq = r.initialCash;
    for (let i = 0; i < r.equity.length; i++) {
      const parts = r.pricePnl[i] - r.fees[i] - r.slippage[i] - r.funding[i] - r.borrow[i];
      expect((r.equity[i] - prevEq - parts) / r.initialCash).toBeCloseTo(0, 10);
      prevEq = r.equity[i];
    }
    const sumFees = r.fees.reduce((s, x) => s + x, 0);
    expect(sumFees).toBeCloseTo(-a.fees, 6);
    const free = runBacktest(panel, equalWeight({ rebalanceEvery: 3 }), {
      execution: {
        takerFeeBps: 0,
        halfSpreadBps: 0,
        impact: 'none',
        maxParticipation: Number.POSITIVE_INFINITY,
      },
    });
    expect(free.equity[free.equity.length - 1]).toBeGreaterThan(r.equity[r.equity.length - 1]);
  });

  it('is point in time: truncating the future leaves past equity unchanged, and the view refuses leads', () => {
    const s = maCrossover({ fast: 5, slow: 30 });
    const full = runBacktest(panel, s, { end: 300 });
    const cut = runBacktest(slicePanel(panel, 0, 250), maCrossover({ fast: 5, slow: 30 }));
    expect(Array.from(cut.equity)).toEqual(Array.from(full.equity.subarray(0, 250)));
    const v = new PanelView(panel, 'peek');
    v.t = 10;
    expect(() => v.close(0, -1)).toThrow(StrategyError);
    expect(v.history(0).length).toBe(11);
  });

  it('trades a decision at t at the open of t + 1', () => {
    const r = runBacktest(panel, buyAndHold());
    expect(r.equity[0]).toBe(r.initialCash);
    expect(r.fills).toBe(1); // only asset 0 trades at bar 0
    expect(r.turnover[1]).toBeGreaterThan(0.9);
  });

  it("calibrates Kyle's lambda from the bars before the run for linear impact", () => {
    const r = runBacktest(panel, equalWeight({ rebalanceEvery: 5 }), {
      start: 100,
      execution: { impact: 'linear' },
    });
    expect(r.attribution.slippage).toBeLessThan(0);
    expect(r.attribution.residual / r.initialCash).toBeCloseTo(0, 9);
    expect(() => runBacktest(panel, equalWeight(), { start: 5, execution: { impact: 'linear' } })).toThrow(
      /Kyle/,
    );
  });

  it('is deterministic', () => {
    const a = runBacktest(panel, inverseVolatility({ lookback: 10 }));
    const b = runBacktest(panel, inverseVolatility({ lookback: 10 }));
    expect(Array.from(a.equity)).toEqual(Array.from(b.equity));
  });

  it('funding carry collects positive funding on a hedged book', () => {
    const p = syntheticPanel(1, 200, 9);
    const f = new Float64Array(200).fill(0.0003);
    const carry = {
      ...p,
      symbols: ['S', 'P'],
      open: [p.open[0], p.open[0]],
      high: [p.high[0], p.high[0]],
      low: [p.low[0], p.low[0]],
      close: [p.close[0], p.close[0]],
      volume: [p.volume[0], p.volume[0]],
      funding: [undefined, f],
      perp: [false, true],
    };
    const r = runBacktest(carry, fundingCarry({ spot: 0, perp: 1 }));
    expect(r.attribution.funding).toBeGreaterThan(0);
    expect(Math.abs(r.attribution.price)).toBeLessThan(1e-6 * r.initialCash);
    expect(r.positions[1]).toBeLessThan(0);
  });
});
