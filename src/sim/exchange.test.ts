import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tradeSchema } from '../data/schemas/index.js';
import { Exchange } from './exchange.js';
import { BUY, GTC, IOC, SELL, type Side } from './orderTypes.js';
import { MemorySink } from './recordSink.js';

function setup() {
  const sink = new MemorySink();
  let now = 1_700_000_000_000;
  const ex = new Exchange({ venue: 'simx', sink, clockMs: () => now, barIntervals: ['1m'] });
  const inst = ex.addInstrument({
    symbol: 'BTC/USDT',
    venue: 'simx',
    pricePrecision: 2,
    tickSize: 0.01,
    sizePrecision: 3,
    lotSize: 0.001,
    makerFee: 0.0002,
    takerFee: 0.0005,
    baseDecimals: 8,
    quoteDecimals: 6,
    book: { minPriceTicks: 1, levels: 20_000 },
  });
  return { ex, inst, sink, tick: (ms: number) => (now += ms) };
}

describe('Exchange', () => {
  it('settles a fill with maker/taker fees and prints a schema-valid trade', () => {
    const { ex, inst, sink } = setup();
    ex.deposit(1, 'USDT', 1_000_000_000); // 1000 USDT
    ex.deposit(2, 'BTC', 1_000_000_000); // 10 BTC
    const px = inst.makePrice(100.0); // 10000 ticks
    const q = inst.makeQty(2); // 2000 lots
    const ask = ex.placeLimit(2, 'BTC/USDT', SELL, px, q);
    expect(ex.balance(2, 'BTC')).toEqual({ free: 8e8, locked: 2e8 });
    ex.placeLimit(1, 'BTC/USDT', BUY, px, inst.makeQty(1.5), IOC);
    // notional 150 USDT = 150e6 units; taker fee 0.05% = 75000; maker fee 0.02% = 30000
    expect(ex.balance(1, 'USDT')).toEqual({ free: 1_000_000_000 - 150_000_000 - 75_000, locked: 0 });
    expect(ex.balance(1, 'BTC').free).toBe(1.5e8);
    expect(ex.balance(2, 'USDT').free).toBe(150_000_000 - 30_000);
    expect(ex.balance(Exchange.FEE_ACCOUNT, 'USDT').free).toBe(105_000);
    const trades = sink.get('trades');
    expect(trades).toHaveLength(1);
    expect(tradeSchema.parse(trades[0])).toMatchObject({ price: 100, amount: 1.5, side: 'buy' });
    expect(ex.cancel(ask)).toBe(500);
    expect(ex.balance(2, 'BTC')).toEqual({ free: 8.5e8, locked: 0 });
  });

  it('refuses orders the account cannot cover', () => {
    const { ex, inst } = setup();
    ex.deposit(1, 'USDT', 1_000_000);
    expect(() => ex.placeLimit(1, 'BTC/USDT', BUY, inst.makePrice(100), inst.makeQty(1))).toThrow(/free/);
    expect(() => ex.placeLimit(1, 'ETH/USDT', BUY, 1, 1)).toThrow(/unknown instrument/);
  });

  it('property: assets are conserved and locks match resting orders after every event', () => {
    const op = fc.record({
      kind: fc.integer({ min: 0, max: 4 }),
      owner: fc.integer({ min: 0, max: 3 }),
      side: fc.integer({ min: 0, max: 1 }),
      px: fc.integer({ min: 9_900, max: 10_100 }),
      lots: fc.integer({ min: 1, max: 3000 }),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const { ex, sink, tick } = setup();
        for (let o = 0; o < 4; o++) {
          ex.deposit(o, 'USDT', 5_000_000_000);
          ex.deposit(o, 'BTC', 5_000_000_000);
        }
        const ids: number[] = [];
        for (const o of ops) {
          tick(997);
          try {
            if (o.kind <= 1)
              ids.push(
                ex.placeLimit(o.owner, 'BTC/USDT', o.side as Side, o.px, o.lots, o.kind === 0 ? GTC : IOC),
              );
            else if (o.kind === 2) ex.placeMarket(o.owner, 'BTC/USDT', o.side as Side, o.lots);
            else if (o.kind === 3 && ids.length) ex.cancel(ids[o.pick % ids.length]);
            else if (ids.length && ex.book('BTC/USDT').has(ids[o.pick % ids.length]))
              ex.modify(ids[o.pick % ids.length], o.px, o.lots);
          } catch (e) {
            if (!(e instanceof Error) || !/free|cover/.test(e.message)) throw e;
          }
          for (const a of ['USDT', 'BTC']) expect(ex.totalHeld(a)).toBe(ex.deposited.get(a));
          let lockedBtc = 0;
          for (let w = 0; w < 4; w++) {
            const b = ex.balance(w, 'BTC');
            const u = ex.balance(w, 'USDT');
            expect(Math.min(b.free, b.locked, u.free, u.locked)).toBeGreaterThanOrEqual(0);
            lockedBtc += b.locked;
          }
          let restingAsks = 0;
          for (const l of ex.book('BTC/USDT').ordersL3(SELL, 1e6)) restingAsks += l.lots;
          expect(lockedBtc).toBe(restingAsks * 1e5);
        }
        ex.flushBars();
        const vol = sink.get('trades').reduce((s, t) => s + t.amount, 0);
        const barVol = sink.get('bars').reduce((s, b) => s + (b.volume ?? 0), 0);
        expect(barVol).toBeCloseTo(vol, 9);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
