import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from './orderBook.js';
import {
  BUY,
  CANCEL_STP,
  FOK,
  GTC,
  IOC,
  SELL,
  STATUS_CANCELLED,
  STATUS_FILLED,
  STATUS_REJECTED,
  STATUS_RESTING,
  STP_EXPIRE_BOTH,
  STP_EXPIRE_MAKER,
  STP_EXPIRE_TAKER,
  STP_NONE,
  type Side,
  type StpMode,
} from './orderTypes.js';

interface Fill {
  maker: number;
  taker: number;
  px: number;
  lots: number;
}

function mk(stp: StpMode = STP_EXPIRE_TAKER) {
  const fills: Fill[] = [];
  const cancels: [number, number][] = [];
  const stpLots = { n: 0 };
  const book = new OrderBook(
    { minPriceTicks: 100, levels: 200, capacity: 4, stp },
    {
      onFill: (maker, taker, px, lots) => fills.push({ maker, taker, px, lots }),
      onCancel: (id, _o, q, reason) => {
        cancels.push([id, reason]);
        if (reason === CANCEL_STP) stpLots.n += q;
      },
    },
  );
  return { book, fills, cancels, stpLots };
}

describe('OrderBook', () => {
  it('matches by price then time, at the maker price, with partial fills', () => {
    const { book, fills } = mk();
    const a1 = book.submit(1, SELL, 201, 5, GTC, false);
    const a2 = book.submit(2, SELL, 200, 3, GTC, false);
    const a3 = book.submit(3, SELL, 200, 4, GTC, false);
    expect(book.bestAsk).toBe(200);
    expect(book.bestAskLots).toBe(7);
    const t = book.submit(9, BUY, 201, 10, GTC, false);
    expect(fills).toEqual([
      { maker: a2, taker: t, px: 200, lots: 3 },
      { maker: a3, taker: t, px: 200, lots: 4 },
      { maker: a1, taker: t, px: 201, lots: 3 },
    ]);
    expect(book.lastStatus).toBe(STATUS_FILLED);
    expect(book.remainingOf(a1)).toBe(2);
    expect(book.bestAsk).toBe(201);
    expect(Number.isNaN(book.bestBid)).toBe(true);
  });

  it('rests the remainder of a GTC order and cancels it for IOC and market', () => {
    const { book } = mk();
    book.submit(1, SELL, 150, 2, GTC, false);
    const g = book.submit(2, BUY, 150, 5, GTC, false);
    expect(book.lastStatus).toBe(STATUS_RESTING);
    expect(book.lastRestingLots).toBe(3);
    expect(book.bestBid).toBe(150);
    expect(book.remainingOf(g)).toBe(3);
    book.submit(3, SELL, 149, 1, IOC, false);
    expect(book.lastFilledLots).toBe(1);
    book.submitMarket(4, SELL, 10);
    expect(book.lastFilledLots).toBe(2);
    expect(book.lastStatus).toBe(STATUS_CANCELLED);
    expect(book.orderCount).toBe(0);
  });

  it('FOK fills all or nothing; post-only rejects when crossing', () => {
    const { book, fills } = mk();
    book.submit(1, SELL, 120, 2, GTC, false);
    book.submit(1, SELL, 121, 2, GTC, false);
    book.submit(2, BUY, 121, 5, FOK, false);
    expect(book.lastStatus).toBe(STATUS_CANCELLED);
    expect(fills.length).toBe(0);
    book.submit(2, BUY, 121, 4, FOK, false);
    expect(book.lastStatus).toBe(STATUS_FILLED);
    book.submit(1, SELL, 130, 1, GTC, false);
    book.submit(3, BUY, 130, 1, GTC, true);
    expect(book.lastStatus).toBe(STATUS_REJECTED);
    book.submit(3, BUY, 129, 1, GTC, true);
    expect(book.lastStatus).toBe(STATUS_RESTING);
  });

  it('modify: shrinking keeps priority, repricing loses it', () => {
    const { book, fills } = mk();
    const a = book.submit(1, BUY, 150, 5, GTC, false);
    const b = book.submit(2, BUY, 150, 5, GTC, false);
    book.modify(a, 150, 3);
    book.submitMarket(3, SELL, 1);
    expect(fills[0].maker).toBe(a);
    book.modify(a, 150, 10); // size increase: back of the queue
    book.submitMarket(3, SELL, 1);
    expect(fills[1].maker).toBe(b);
    expect(book.lotsAt(BUY, 150)).toBe(14);
    expect(book.cancel(a)).toBe(10);
    expect(book.cancel(a)).toBe(0);
  });

  it('self-trade prevention modes', () => {
    for (const [mode, expectFilled, makerLeft] of [
      [STP_EXPIRE_TAKER, 0, 5],
      [STP_EXPIRE_MAKER, 2, 0],
      [STP_EXPIRE_BOTH, 0, 0],
      [STP_NONE, 5, 0],
    ] as const) {
      const { book, cancels } = mk(mode);
      const own = book.submit(7, SELL, 150, 5, GTC, false);
      book.submit(8, SELL, 151, 2, GTC, false);
      book.submit(7, BUY, 151, mode === STP_NONE ? 5 : 2, IOC, false);
      expect(book.lastFilledLots).toBe(expectFilled);
      expect(book.remainingOf(own)).toBe(makerLeft);
      if (mode === STP_EXPIRE_MAKER || mode === STP_EXPIRE_BOTH) expect(cancels).toEqual([[own, CANCEL_STP]]);
    }
  });

  it('L2 and L3 snapshots', () => {
    const { book } = mk();
    book.submit(1, BUY, 150, 2, GTC, false);
    book.submit(2, BUY, 148, 3, GTC, false);
    book.submit(3, BUY, 150, 1, GTC, false);
    book.submit(4, SELL, 152, 4, GTC, false);
    const px = new Float64Array(5);
    const q = new Float64Array(5);
    expect(book.depth(BUY, px, q)).toBe(2);
    expect([...px.subarray(0, 2)]).toEqual([150, 148]);
    expect([...q.subarray(0, 2)]).toEqual([3, 3]);
    expect(book.ordersL3(BUY, 1).map((o) => o.owner)).toEqual([1, 3]);
  });

  it('rejects prices outside the ladder and bad sizes', () => {
    const { book } = mk();
    expect(() => book.submit(1, BUY, 99, 1, GTC, false)).toThrow(/outside the ladder/);
    expect(() => book.submit(1, BUY, 150, 0.5, GTC, false)).toThrow(/positive integer/);
    expect(() => book.modify(12345, 150, 1)).toThrow(/not resting/);
  });

  it('property: random flow keeps the book consistent after every event', () => {
    const op = fc.record({
      kind: fc.integer({ min: 0, max: 5 }),
      owner: fc.integer({ min: 0, max: 4 }),
      side: fc.integer({ min: 0, max: 1 }),
      px: fc.integer({ min: 100, max: 299 }),
      lots: fc.integer({ min: 1, max: 20 }),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), fc.constantFrom(0, 1, 2, 3), (ops, stp) => {
        const { book, fills, stpLots } = mk(stp as StpMode);
        const live: number[] = [];
        let submitted = 0;
        let cancelled = 0;
        let killed = 0;
        for (const o of ops) {
          const side = o.side as Side;
          if (o.kind <= 2) {
            const tif = o.kind === 0 ? GTC : o.kind === 1 ? IOC : FOK;
            submitted += o.lots;
            const id = book.submit(o.owner, side, o.px, o.lots, tif, false);
            if (book.lastStatus === STATUS_RESTING) live.push(id);
            else killed += o.lots - book.lastFilledLots;
          } else if (o.kind === 3 && live.length) {
            cancelled += book.cancel(live[o.pick % live.length]);
          } else if (o.kind === 4) {
            submitted += o.lots;
            book.submitMarket(o.owner, side, o.lots);
            killed += o.lots - book.lastFilledLots;
          } else if (live.length) {
            const id = live[o.pick % live.length];
            if (book.has(id)) {
              const before = book.remainingOf(id);
              book.modify(id, o.px, o.lots);
              submitted += o.lots - before;
              if (book.lastStatus === STATUS_CANCELLED) killed += o.lots - book.lastFilledLots;
            }
          }
          // invariants after every event: never crossed; every submitted lot is resting, filled (counted for
          // maker and taker), cancelled by the user or by STP, or killed (IOC/FOK/market remainder)
          if (!Number.isNaN(book.bestBid) && !Number.isNaN(book.bestAsk))
            expect(book.bestBid).toBeLessThan(book.bestAsk);
          let resting = 0;
          for (const s of [BUY, SELL] as Side[]) for (const l3 of book.ordersL3(s, 1000)) resting += l3.lots;
          const filled = fills.reduce((a, f) => a + f.lots, 0);
          expect(resting + 2 * filled + cancelled + stpLots.n + killed).toBe(submitted);
          expect(resting).toBe(
            [BUY, SELL].reduce((a, s) => {
              const px = new Float64Array(400);
              const q = new Float64Array(400);
              const n = book.depth(s as Side, px, q);
              let t = 0;
              for (let i = 0; i < n; i++) t += q[i];
              return a + t;
            }, 0),
          );
        }
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
