import { describe, expect, it } from 'vitest';
import { ExecutionConfigError } from '../errors/execution.js';
import { Rng } from '../math/rng.js';
import { Account } from './account.js';
import { frictionlessConfig, resolveExecutionConfig } from './config.js';
import { ExecutionModel } from './executionModel.js';
import { fillOrdersBatch } from './fillOrdersBatch.js';
import { OrderQueue } from './orderQueue.js';
import {
  createFillReport,
  createMarketSnapshot,
  FillReason,
  FillStatus,
  type L2Book,
  OrderType,
} from './types.js';

function snap(mid: number[]) {
  const m = createMarketSnapshot(mid.length);
  m.mid.set(mid);
  return m;
}

describe('ExecutionModel', () => {
  it('charges half-spread and taker fee by default (costs on)', () => {
    const model = new ExecutionModel({}, 1);
    const acct = new Account(1, 10_000);
    const r = model.execute(acct, 0, 1, snap([100]), createFillReport());
    expect(r.status).toBe(FillStatus.Filled);
    expect(r.lastPx).toBeCloseTo(100 * (1 + 1e-4), 12);
    expect(r.commission).toBeCloseTo(r.lastPx * 0.001, 12);
    expect(acct.cash).toBeCloseTo(10_000 - r.lastPx - r.commission, 9);
    const a = acct.pnlAttribution();
    expect(a.residual).toBeCloseTo(0, 9);
    expect(a.total).toBeCloseTo(-(r.commission + r.slippage), 9);
  });

  it('uses quoted bid/ask, square-root impact and the participation cap', () => {
    const model = new ExecutionModel({ maxParticipation: 0.1, sqrtImpactCoef: 1 }, 1);
    const m = snap([100]);
    m.bid[0] = 99.9;
    m.ask[0] = 100.1;
    m.volume[0] = 50;
    m.advBase[0] = 10_000;
    m.dailyVol[0] = 0.04;
    const acct = new Account(1, 1e6);
    const r = model.execute(acct, 0, 100, m, createFillReport());
    expect(r.status).toBe(FillStatus.Partial);
    expect(r.reasons & FillReason.Participation).toBeTruthy();
    expect(r.lastQty).toBeCloseTo(5, 12);
    expect(r.lastPx).toBeCloseTo(100 + 0.1 + 100 * 0.04 * Math.sqrt(5 / 10_000), 12);
  });

  it('walks the L2 book and reports partial fills on depth', () => {
    const model = new ExecutionModel({ maxParticipation: Number.POSITIVE_INFINITY }, 1);
    const book: L2Book = {
      bids: { px: new Float64Array([99]), qty: new Float64Array([1]), depth: 1 },
      asks: { px: new Float64Array([101, 102, 103]), qty: new Float64Array([1, 2, 1]), depth: 3 },
    };
    const acct = new Account(1, 1e6);
    const r = model.execute(acct, 0, 3, snap([100]), createFillReport(), OrderType.Market, Number.NaN, book);
    expect(r.lastPx).toBeCloseTo((101 + 2 * 102) / 3, 12);
    const r2 = model.execute(
      acct,
      0,
      10,
      snap([100]),
      createFillReport(),
      OrderType.Market,
      Number.NaN,
      book,
    );
    expect(r2.status).toBe(FillStatus.Partial);
    expect(r2.reasons & FillReason.BookDepth).toBeTruthy();
    expect(r2.lastQty).toBe(4);
  });

  it('fills passive limits as maker only when the bar trades through', () => {
    const model = new ExecutionModel({ makerFeeBps: 2 }, 1);
    const m = snap([100]);
    m.low[0] = 98.5;
    m.high[0] = 101;
    const acct = new Account(1, 1e6);
    const r = model.execute(acct, 0, 1, m, createFillReport(), OrderType.Limit, 99);
    expect(r.maker).toBe(true);
    expect(r.lastPx).toBe(99);
    expect(r.commission).toBeCloseTo(99 * 2e-4, 12);
    expect(r.slippage).toBeCloseTo(-1, 12); // price improvement versus mid
    const r2 = model.execute(acct, 0, 1, m, createFillReport(), OrderType.Limit, 98);
    expect(r2.status).toBe(FillStatus.Rejected);
    expect(r2.reasons & FillReason.LimitNotReached).toBeTruthy();
  });

  it('enforces no-short, cash, weight and leverage limits', () => {
    const spot = new ExecutionModel({}, 1);
    const acct = new Account(1, 1000);
    const r = spot.execute(acct, 0, -1, snap([100]), createFillReport());
    expect(r.status).toBe(FillStatus.Rejected);
    expect(r.reasons & FillReason.PositionLimit).toBeTruthy();
    const r2 = spot.execute(acct, 0, 100, snap([100]), createFillReport());
    expect(r2.status).toBe(FillStatus.Partial);
    expect(acct.cash).toBeGreaterThanOrEqual(-1e-9);
    const margin = new ExecutionModel({ allowShort: true, maxGrossLeverage: 2, maxPositionWeight: 1.5 }, 2);
    const a2 = new Account(2, 1000);
    margin.execute(a2, 0, 1000, snap([10, 10]), createFillReport());
    expect(a2.positions[0] * 10).toBeCloseTo(1.5 * 1000, 0);
    expect(a2.positions[0] * 10).toBeLessThanOrEqual(1.5 * 1000 + 1e-9); // limit on pre-trade equity
    const eqBefore = a2.equity();
    const r3 = margin.execute(a2, 1, -100, snap([10, 10]), createFillReport());
    expect(r3.reasons & FillReason.LeverageLimit).toBeTruthy();
    expect(a2.grossExposure()).toBeCloseTo(2 * eqBefore, 9); // limits use pre-trade equity
  });

  it('charges funding to longs and borrow to shorts; attribution adds up', () => {
    const model = new ExecutionModel(
      { allowShort: true, maxGrossLeverage: 3, borrowRateAnnual: 0.1, perp: [true, false] },
      2,
    );
    const acct = new Account(2, 10_000);
    const m = snap([100, 50]);
    const rep = createFillReport();
    model.execute(acct, 0, 10, m, rep);
    model.execute(acct, 1, -20, m, rep);
    m.mid.set([110, 45]);
    m.fundingRate.set([0.0001, 0.5]); // the spot asset's rate is ignored: it pays borrow, not funding
    acct.markToMarket(m.mid);
    model.accrueCarry(acct, m, 86_400_000, true);
    expect(acct.funding).toBeCloseTo(10 * 110 * 0.0001, 12);
    expect(acct.borrow).toBeCloseTo((20 * 45 * 0.1) / 365, 12);
    const a = acct.pnlAttribution();
    expect(a.residual).toBeCloseTo(0, 9);
    expect(a.price).toBeCloseTo(10 * 10 + 20 * 5, 9);
  });

  it('validates configuration and orders', () => {
    expect(() => resolveExecutionConfig({ latencyBars: 0 }, 1)).toThrow(ExecutionConfigError);
    expect(() => resolveExecutionConfig({ takerFeeBps: -1 }, 1)).toThrow(/takerFeeBps/);
    expect(() => resolveExecutionConfig({ impact: 'linear' }, 1)).toThrow(/kyleLambda/);
    const model = new ExecutionModel({}, 1);
    expect(() => model.execute(new Account(1, 1), 3, 1, snap([1]), createFillReport())).toThrow(/asset 3/);
  });
});

describe('OrderQueue latency', () => {
  it('executes an order decided at t on bar t + 1 at the later price', () => {
    const model = new ExecutionModel({}, 1);
    const acct = new Account(1, 1e4);
    const q = new OrderQueue(8);
    const rep = createFillReport();
    q.submit(0, 1, 5, model.config.latencyBars);
    expect(q.executeDue(5, model, acct, snap([100]), rep)).toBe(0);
    expect(q.executeDue(6, model, acct, snap([120]), rep)).toBe(1);
    expect(rep.mid).toBe(120);
    expect(acct.positions[0]).toBe(1);
  });
});

describe('fillOrdersBatch', () => {
  it.each([
    ['spot cash account (lean kernel)', {}],
    [
      'margin with shorts and a weight limit (general kernel)',
      { allowShort: true, maxGrossLeverage: 2, maxPositionWeight: 1.5 },
    ],
  ])('agrees exactly with execute() order by order: %s', (_label, extra) => {
    const cfg = { impact: 'none' as const, maxParticipation: Number.POSITIVE_INFINITY, ...extra };
    const model = new ExecutionModel(cfg, 1);
    const rng = new Rng(3);
    const n = 2000;
    const qty = new Float64Array(n);
    const mid = new Float64Array(n);
    let p = 100;
    for (let i = 0; i < n; i++) {
      p *= Math.exp(0.01 * rng.normal());
      mid[i] = p;
      qty[i] = 5 * rng.normal();
    }
    const a1 = new Account(1, 1000);
    const out = {
      filledQty: new Float64Array(n),
      fee: new Float64Array(n),
      cash: new Float64Array(n),
      position: new Float64Array(n),
    };
    fillOrdersBatch(model, a1, 0, qty, mid, out);
    const a2 = new Account(1, 1000);
    const m = createMarketSnapshot(1);
    const rep = createFillReport();
    let clipped = 0;
    for (let i = 0; i < n; i++) {
      m.mid[0] = mid[i];
      model.execute(a2, 0, qty[i], m, rep);
      expect(rep.lastQty).toBe(out.filledQty[i]);
      expect(a2.cash).toBe(out.cash[i]);
      if (rep.lastQty !== qty[i]) clipped++;
    }
    expect(clipped).toBeGreaterThan(100);
    expect(a1.fees).toBeCloseTo(a2.fees, 9);
    expect(a1.pricePnl).toBeCloseTo(a2.pricePnl, 9);
    expect(a1.pnlAttribution().residual).toBeCloseTo(0, 8);
    const free = frictionlessConfig(model.config);
    expect(free.takerFeeBps).toBe(0);
    expect(free.halfSpreadBps).toBe(0);
    expect(free.impact).toBe('none');
    // Liquidity limits are not costs: the frictionless run must make the same trades.
    expect(free.maxParticipation).toBe(model.config.maxParticipation);
  });

  it('matches execute() bit for bit at the cash boundary, on zero orders and on missing prices', () => {
    // Buys sized at cash / unit, one ulp either side and just inside the pre-check margin exercise the
    // kernel's skipped division; selling twice the position, zero quantities and zero mids must give the
    // same (+0) fills as execute(). Each boundary buy starts from a book that was just sold out.
    const model = new ExecutionModel(
      { impact: 'none', maxParticipation: Number.POSITIVE_INFINITY, takerFeeBps: 7, halfSpreadBps: 3 },
      1,
    );
    const feeCap = 1 + Math.max(model.config.takerFeeBps, model.config.makerFeeBps) / 1e4;
    const n = 600;
    const qty = new Float64Array(n);
    const mid = new Float64Array(n);
    const a1 = new Account(1, 5000);
    const a2 = new Account(1, 5000);
    const m = createMarketSnapshot(1);
    const rep = createFillReport();
    const one = new Float64Array(1);
    const o1 = {
      filledQty: new Float64Array(1),
      fee: new Float64Array(1),
      cash: new Float64Array(1),
      position: new Float64Array(1),
    };
    const rng = new Rng(11);
    let boundary = 0;
    for (let i = 0; i < n; i++) {
      const px = 50 + 10 * rng.uniform();
      const kind = i % 4;
      let q = 2 * rng.normal();
      if (kind === 0) {
        const unit = px * (1 + model.config.halfSpreadBps / 1e4) * feeCap;
        const exact = a2.cash / unit;
        const v = (i >> 2) % 4;
        q =
          v === 0
            ? exact
            : v === 1
              ? exact * (1 + 2 ** -52)
              : v === 2
                ? exact * (1 - 2 ** -52)
                : exact * (1 - 1e-12);
        boundary++;
      } else if (kind === 1) q = -a2.positions[0] * 2;
      else if (kind === 3 && i % 8 === 3) q = 0;
      mid[i] = i % 50 === 7 ? 0 : px;
      qty[i] = q;
      one[0] = q;
      const midOne = Float64Array.of(mid[i]);
      fillOrdersBatch(model, a1, 0, one, midOne, o1, 1);
      m.mid[0] = mid[i];
      model.execute(a2, 0, q, m, rep);
      expect(Object.is(o1.filledQty[0], rep.lastQty)).toBe(true);
      expect(o1.cash[0]).toBe(a2.cash);
      expect(o1.position[0]).toBe(a2.positions[0]);
      expect(o1.fee[0]).toBe(rep.commission);
    }
    expect(boundary).toBe(150);
    expect(a1.fees).toBe(a2.fees);
    expect(a1.fillCount).toBe(a2.fillCount);
  });
});
