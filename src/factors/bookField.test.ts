import { describe, expect, it } from 'vitest';
import { Store } from '../data/store.js';
import { orderbookLiquidity } from './price_volume/orderbook_liquidity.js';
import { HOUR_MS } from './spec.js';
import { bookField, StoreProvider } from './storeProvider.js';

const bids: Array<[number, number]> = [
  [99.95, 1],
  [99.9, 2],
  [99.5, 5],
];
const asks: Array<[number, number]> = [
  [100.05, 1],
  [100.2, 3],
  [100.6, 4],
];

describe('order-book fields from L2 snapshots', () => {
  it('depth within 10/50 bps of the mid, imbalance and quoted spread', () => {
    // mid 100: 10 bps band [99.9, 100.1], 50 bps band [99.5, 100.5]
    expect(bookField('mid', bids, asks)).toBe(100);
    expect(bookField('spread_bps', bids, asks)).toBeCloseTo(10, 10);
    expect(bookField('bid_depth_10bps', bids, asks)).toBeCloseTo(99.95 + 2 * 99.9, 9);
    expect(bookField('ask_depth_10bps', bids, asks)).toBeCloseTo(100.05, 9);
    expect(bookField('bid_depth_50bps', bids, asks)).toBeCloseTo(99.95 + 2 * 99.9 + 5 * 99.5, 9);
    expect(bookField('ask_depth_50bps', bids, asks)).toBeCloseTo(100.05 + 3 * 100.2, 9);
    const b = 99.95 + 2 * 99.9;
    expect(bookField('imbalance_10bps', bids, asks)).toBeCloseTo((b - 100.05) / (b + 100.05), 12);
    expect(bookField('mid', [], asks)).toBeNaN();
  });

  it('the store provider serves the order-book inputs of orderbook_liquidity from snapshots', async () => {
    const store = await Store.open(':memory:');
    try {
      const t = Date.UTC(2024, 0, 1);
      await store.insert('bookSnapshots', [
        { source: 'test', venue: 'testex', symbol: 'BTC/USDT', tsEvent: t, bids, asks },
        {
          source: 'test',
          venue: 'testex',
          symbol: 'BTC/USDT',
          tsEvent: t + HOUR_MS,
          bids,
          asks: asks.slice(1),
        },
      ]);
      const provider = new StoreProvider(store);
      const input = orderbookLiquidity.inputs.find((i) => i.name === 'ask_depth_10bps');
      if (!input) throw new Error('no ask_depth_10bps input');
      const s = await provider.load(input, {
        symbol: 'BTC/USDT',
        stepMs: HOUR_MS,
        from: t - HOUR_MS,
        to: t + 2 * HOUR_MS,
      });
      expect(s?.ts.length).toBe(2);
      expect(s?.values[0]).toBeCloseTo(100.05, 9);
      expect(s?.values[1]).toBe(0); // after the best ask was taken, nothing within 10 bps of the new mid's ask side
    } finally {
      store.close();
    }
  });
});
