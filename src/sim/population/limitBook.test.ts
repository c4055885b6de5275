import { describe, expect, it } from 'vitest';
import { Rng } from '../../math/rng.js';
import { BUY, LimitBook, SELL } from './limitBook.js';

describe('LimitBook', () => {
  it('matches by price then time and reports fills', () => {
    const b = new LimitBook(1000);
    const a1 = b.limit(1, SELL, 1001, 5);
    b.limit(2, SELL, 1001, 5);
    b.limit(3, SELL, 1000, 2);
    expect(b.bestAsk).toBe(1000);
    expect(b.market(9, BUY, 4)).toBe(4);
    expect(b.nFills).toBe(2);
    expect([b.fillMaker[0], b.fillTick[0], b.fillQty[0]]).toEqual([3, 1000, 2]);
    expect([b.fillMaker[1], b.fillTick[1], b.fillQty[1]]).toEqual([1, 1001, 2]);
    expect(b.isLive(a1)).toBe(true);
    expect(b.qtyAt(1001)).toBe(8);
    // A crossing limit buy takes the rest of owner 1 then rests the remainder.
    const h = b.limit(8, BUY, 1001, 10);
    expect(b.nFills).toBe(2);
    expect(b.isLive(a1)).toBe(false);
    expect(b.bestAsk).toBe(Number.POSITIVE_INFINITY);
    expect(b.bestBid).toBe(1001);
    expect(b.qtyAt(1001)).toBe(2);
    expect(b.cancel(h)).toBe(true);
    expect(b.cancel(h)).toBe(false);
    expect(b.bestBid).toBe(Number.NEGATIVE_INFINITY);
  });

  it('conserves quantity under random flow and never crosses', () => {
    const rng = new Rng(4);
    const b = new LimitBook(10_000, 4096);
    const live: number[] = [];
    let submitted = 0;
    let filled = 0;
    let cancelled = 0;
    for (let i = 0; i < 20_000; i++) {
      const u = rng.uniform();
      if (u < 0.6) {
        const side = rng.int(2);
        const mid = Number.isFinite(b.mid()) ? b.mid() : 10_000;
        const t = Math.round(mid + (side === BUY ? -1 : 1) * (rng.int(20) - 3));
        const q = 1 + rng.int(9);
        submitted += q;
        const h = b.limit(i, side, t, q);
        for (let k = 0; k < b.nFills; k++) filled += 2 * b.fillQty[k];
        if (h >= 0) live.push(h);
      } else if (u < 0.85 && live.length) {
        const j = rng.int(live.length);
        const h = live[j];
        live[j] = live[live.length - 1];
        live.pop();
        if (b.isLive(h)) {
          // Remaining quantity of a live order is read through the level before cancel.
          const before = totalResting(b);
          b.cancel(h);
          cancelled += before - totalResting(b);
        }
      } else {
        const q = 1 + rng.int(5);
        submitted += q;
        const got = b.market(i, rng.int(2), q);
        filled += 2 * got;
        submitted -= q - got; // unfilled market remainder is dropped
      }
      expect(b.bestBid).toBeLessThan(b.bestAsk);
    }
    expect(submitted).toBe(filled + cancelled + totalResting(b));
  });

  it('re-centres the window when prices drift far', () => {
    const b = new LimitBook(100, 64);
    b.limit(1, BUY, 99, 1);
    const h = b.limit(2, SELL, 400, 3);
    expect(h).toBeGreaterThanOrEqual(0);
    expect(b.bestAsk).toBe(400);
    expect(b.bestBid).toBe(Number.NEGATIVE_INFINITY); // dropped outside the new window
  });
});

function totalResting(b: LimitBook): number {
  const px = new Float64Array(5000);
  const q = new Float64Array(5000);
  let s = 0;
  for (const side of [BUY, SELL]) {
    const n = b.depth(side, 5000, px, q);
    for (let i = 0; i < n; i++) s += q[i];
  }
  return s;
}

describe('LimitBook market orders on an empty side', () => {
  it('fill only what rests and leave no fill at an infinite price', () => {
    const b = new LimitBook(100);
    b.limit(1, SELL, 101, 2);
    expect(b.market(2, BUY, 5)).toBe(2);
    expect(b.market(2, BUY, 5)).toBe(0);
    expect(b.nFills).toBe(0);
    expect(b.market(3, SELL, 1)).toBe(0);
  });
});
