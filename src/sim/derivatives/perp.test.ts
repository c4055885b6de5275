import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fundingSchema, liquidationSchema } from '../../data/schemas/index.js';
import { BUY, GTC, SELL, type Side } from '../orderTypes.js';
import { MemorySink } from '../recordSink.js';
import { averagePremium, fundingRate, median3, premiumIndex } from './funding.js';
import { PerpVenue } from './perpVenue.js';

const H8 = 8 * 3_600_000;

function mkPerp(extra: Partial<ConstructorParameters<typeof PerpVenue>[0]> = {}) {
  const sink = new MemorySink();
  const perp = new PerpVenue(
    {
      symbol: 'BTC/USDT:USDT',
      venue: 'simx',
      pricePrecision: 1,
      tickSize: 0.1,
      sizePrecision: 3,
      lotSize: 0.001,
      makerFee: 0.0002,
      takerFee: 0.0005,
      sink,
      book: { minPriceTicks: 100_000, levels: 600_000 },
      insuranceFund: 10_000,
      ...extra,
    },
    0,
  );
  return { perp, sink };
}

describe('funding formula (Binance)', () => {
  it('F = P + clamp(I - P, +/-0.05%), capped', () => {
    expect(fundingRate(0.0002)).toBeCloseTo(0.0001, 15); // clamp inactive: F = I
    expect(fundingRate(0.00005)).toBeCloseTo(0.0001, 15);
    expect(fundingRate(0.001)).toBeCloseTo(0.0005, 15); // 0.001 - 0.0005
    expect(fundingRate(-0.001)).toBeCloseTo(-0.0005, 15); // -0.001 + 0.0005
    expect(fundingRate(0.02)).toBeCloseTo(0.0075, 15); // cap
    expect(fundingRate(-0.02, 0.0001, 0.003)).toBeCloseTo(-0.003, 15);
  });

  it('premium index from impact prices and linear time weights', () => {
    expect(premiumIndex(101, 102, 100)).toBeCloseTo(0.01, 15);
    expect(premiumIndex(97, 98, 100)).toBeCloseTo(-0.02, 15);
    expect(premiumIndex(99, 101, 100)).toBe(0);
    // (1*0.001 + 2*0.002 + 3*0.003) / 6
    expect(averagePremium([0.001, 0.002, 0.003])).toBeCloseTo(0.014 / 6, 15);
    expect(median3(3, 1, 2)).toBe(2);
  });
});

describe('PerpVenue', () => {
  it('charges funding every 8h: longs pay notional * rate to shorts', () => {
    const { perp, sink } = mkPerp();
    perp.deposit(1, 100_000);
    perp.deposit(2, 100_000);
    perp.deposit(9, 1e7);
    perp.update(1000, 50_000);
    // market maker quotes 2% above index: premium ~ +2% -> rate capped at 0.75%
    perp.placeOrder(9, BUY, 510_000, 10_000, GTC);
    perp.placeOrder(9, SELL, 510_010, 10_000, GTC);
    perp.placeOrder(2, SELL, 510_000, 1000); // 2 sells 1 BTC to 9
    perp.placeOrder(1, BUY, 510_010, 1000); // 1 buys 1 BTC from 9
    const c1 = perp.position(1).collateral;
    const c2 = perp.position(2).collateral;
    for (let t = 60_000; t <= H8; t += 60_000) perp.update(t, 50_000);
    const f = sink.get('funding');
    expect(f).toHaveLength(1);
    const rec = fundingSchema.parse(f[0]);
    expect(rec.rate).toBeCloseTo(0.0075, 12);
    const mark = rec.markPrice as number;
    expect(perp.position(1).collateral).toBeCloseTo(c1 - mark * 0.0075, 6);
    expect(perp.position(2).collateral).toBeCloseTo(c2 + mark * 0.0075, 6);
    expect(perp.totalValue()).toBeCloseTo(perp.deposited, 6);
    expect(sink.get('openInterest')[0].openInterest).toBeCloseTo(1, 9); // 1 long vs 2 short; 9 is flat
  });

  it('liquidation arithmetic: closes through the book, clearance fee to the insurance fund', () => {
    const { perp, sink } = mkPerp();
    perp.deposit(1, 1000);
    perp.deposit(9, 1e7);
    perp.update(0, 20_000);
    perp.placeOrder(9, SELL, 200_000, 1000);
    perp.placeOrder(1, BUY, 200_000, 1000); // long 1 BTC at 20000 with 1000 USDT (20x)
    expect(perp.position(1).collateral).toBeCloseTo(1000 - 10, 9); // taker fee 0.05% of 20000
    perp.placeOrder(9, BUY, 190_000, 5000); // bid at 19000
    perp.placeOrder(9, SELL, 190_010, 5000);
    const liq = perp.update(60_000, 19_000);
    expect(liq).toHaveLength(1);
    // closes 1 BTC at 19000: realized -1000, taker fee 9.5 -> equity 990 - 1000 - 9.5 = -19.5 (bankrupt)
    expect(liq[0].lots).toBe(1000);
    expect(liq[0].insuranceDelta).toBeCloseTo(-19.5, 9);
    expect(perp.insuranceFund).toBeCloseTo(10_000 - 19.5, 9);
    expect(perp.position(1).collateral).toBe(0);
    liquidationSchema.parse(sink.get('liquidations')[0]);
    expect(perp.totalValue()).toBeCloseTo(perp.deposited, 6);
  });

  it('liquidation with remaining margin pays min(equity, notional * 1.25%) to the fund', () => {
    const { perp } = mkPerp({ maxLeverage: 10, maintenanceMarginRate: 0.05 });
    perp.deposit(1, 2000);
    perp.deposit(9, 1e7);
    perp.update(0, 20_000);
    perp.placeOrder(9, SELL, 200_000, 1000);
    perp.placeOrder(1, BUY, 200_000, 1000); // equity 1990, maintenance 5% of 20000 = 1000
    const bid = perp.placeOrder(9, BUY, 190_000, 5000);
    const ask = perp.placeOrder(9, SELL, 190_010, 5000);
    const liq = perp.update(60_000, 19_000); // equity 990 >= maintenance 950 -> safe
    expect(liq).toHaveLength(0);
    perp.cancel(ask);
    perp.placeOrder(9, BUY, 189_000, 5000);
    perp.placeOrder(9, SELL, 189_010, 5000);
    perp.cancel(bid);
    const liq2 = perp.update(120_000, 18_900);
    expect(liq2).toHaveLength(1);
    // closes at 18900: 1990 - 1100 - 9.45 = 880.55 left; fee = min(880.55, 18900 * 0.0125 = 236.25)
    expect(liq2[0].insuranceDelta).toBeCloseTo(236.25, 9);
    expect(perp.position(1).collateral).toBeCloseTo(880.55 - 236.25, 9);
    expect(perp.totalValue()).toBeCloseTo(perp.deposited, 6);
  });

  it('without an insurance fund, a bankruptcy is clawed back from winning accounts pro rata', () => {
    const { perp } = mkPerp({ insuranceFund: 0 });
    perp.deposit(1, 1000);
    perp.deposit(2, 50_000);
    perp.deposit(3, 50_000);
    perp.deposit(9, 1e7);
    perp.update(0, 20_000);
    perp.placeOrder(2, SELL, 200_000, 1000);
    perp.placeOrder(1, BUY, 200_000, 1000); // 1 long 1 BTC at 20000, 2 short 1 BTC
    perp.placeOrder(9, SELL, 200_000, 1000);
    perp.placeOrder(3, BUY, 200_000, 1000); // 3 long 1 BTC, 9 short 1 BTC
    perp.placeOrder(9, BUY, 190_000, 5000);
    perp.placeOrder(9, SELL, 190_010, 5000);
    const before2 = perp.position(2).collateral;
    const liq = perp.update(60_000, 19_000);
    expect(liq).toHaveLength(1);
    expect(liq[0].uncovered).toBeCloseTo(19.5, 9); // see the bankruptcy arithmetic above
    // winners (2 and 9 short from 20000, marked near 19000) pay the 19.5 pro rata to their unrealized PnL
    expect(perp.position(2).collateral).toBeLessThan(before2);
    expect(perp.socializedLoss).toBeCloseTo(0, 9);
    expect(perp.totalValue()).toBeCloseTo(perp.deposited, 6);
  });

  it('dated future settles every position at the index at expiry', () => {
    const { perp } = mkPerp({ symbol: 'BTC/USDT:USDT-260626', expiryMs: 3_600_000 });
    perp.deposit(1, 10_000);
    perp.deposit(2, 10_000);
    perp.update(0, 20_000);
    perp.placeOrder(2, SELL, 200_000, 500);
    perp.placeOrder(1, BUY, 200_000, 500);
    perp.update(3_600_000, 21_000);
    expect(perp.settled).toBe(true);
    expect(perp.position(1).lots).toBe(0);
    expect(perp.position(1).collateral).toBeCloseTo(10_000 - 5 + 500, 9);
    expect(perp.position(2).collateral).toBeCloseTo(10_000 - 2 - 500, 9);
    expect(() => perp.placeOrder(1, BUY, 200_000, 1)).toThrow(/settled/);
  });

  it('property: value is conserved through random trading, funding and liquidations', () => {
    const op = fc.record({
      who: fc.integer({ min: 1, max: 4 }),
      side: fc.integer({ min: 0, max: 1 }),
      off: fc.integer({ min: -50, max: 50 }),
      lots: fc.integer({ min: 1, max: 3000 }),
      move: fc.double({ min: -0.03, max: 0.03, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const { perp } = mkPerp();
        for (let w = 1; w <= 4; w++) perp.deposit(w, 5_000);
        perp.deposit(9, 1e7);
        let idx = 20_000;
        let t = 0;
        for (const o of ops) {
          t += 1_800_000;
          idx *= 1 + o.move;
          perp.update(t, idx);
          const mid = Math.round(idx * 10);
          perp.placeOrder(9, BUY, mid - 20, 2000);
          perp.placeOrder(9, SELL, mid + 20, 2000);
          try {
            perp.placeOrder(o.who, o.side as Side, mid + o.off, o.lots);
          } catch (e) {
            if (!(e instanceof Error) || !/margin/.test(e.message)) throw e;
          }
          expect(Math.abs(perp.totalValue() - perp.deposited)).toBeLessThan(1e-6 * perp.deposited);
        }
      }),
      { numRuns: 40, seed: 9 },
    );
  });
});
