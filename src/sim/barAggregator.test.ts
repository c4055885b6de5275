import { describe, expect, it } from 'vitest';
import { barSchema } from '../data/schemas/index.js';
import type { Bar } from '../data/schemas/index.js';
import { BarAggregator } from './barAggregator.js';

describe('BarAggregator', () => {
  it('builds [t, t + interval) bars known at their close, skipping empty intervals', () => {
    const bars: Bar[] = [];
    const agg = new BarAggregator('simx', 'BTC/USDT', '1m', (b) => bars.push(b));
    agg.addTrade(60_000, 10, 1);
    agg.addTrade(90_000, 12, 2);
    agg.addTrade(119_999, 9, 1);
    agg.addTrade(240_000, 11, 3);
    agg.advance(299_999);
    expect(bars).toHaveLength(1);
    agg.advance(300_000);
    expect(bars).toHaveLength(2);
    expect(barSchema.parse(bars[0])).toMatchObject({
      tsEvent: 60_000,
      tsInit: 120_000,
      open: 10,
      high: 12,
      low: 9,
      close: 9,
      volume: 4,
      quoteVolume: 10 + 24 + 9,
      tradeCount: 3,
    });
    expect(bars[1]).toMatchObject({ tsEvent: 240_000, open: 11, close: 11, volume: 3 });
  });
});
