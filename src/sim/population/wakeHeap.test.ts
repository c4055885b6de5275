import { describe, expect, it } from 'vitest';
import { Rng } from '../../math/rng.js';
import { WakeHeap } from './wakeHeap.js';

describe('WakeHeap', () => {
  it('pops in (time, agent) order, growing as needed', () => {
    const rng = new Rng(7);
    const h = new WakeHeap(2);
    const items: Array<[number, number]> = [];
    for (let i = 0; i < 2000; i++) {
      const t = rng.int(500);
      items.push([t, i]);
      h.push(t, i);
    }
    items.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    for (const [t, a] of items) {
      expect(h.peekTime()).toBe(t);
      expect(h.pop()).toBe(a);
    }
    expect(h.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });
});
