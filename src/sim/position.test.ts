import { describe, expect, it } from 'vitest';
import type { OrderFilled } from './events.js';
import { Exchange } from './exchange.js';
import { BUY, SELL } from './orderTypes.js';
import { Position } from './position.js';
import { NULL_SINK } from './recordSink.js';

describe('Position via Exchange OrderFilled events', () => {
  it('tracks quantity, average price and realized PnL net of fees; rejects duplicate trade ids', () => {
    const fills: OrderFilled[] = [];
    const ex = new Exchange({
      venue: 'simx',
      sink: NULL_SINK,
      clockMs: () => 0,
      onOrderFilled: (f) => fills.push(f),
    });
    const inst = ex.addInstrument({
      symbol: 'ETH/USDT',
      venue: 'simx',
      pricePrecision: 2,
      tickSize: 0.01,
      sizePrecision: 2,
      lotSize: 0.01,
      makerFee: 0,
      takerFee: 0.001,
      baseDecimals: 8,
      quoteDecimals: 6,
      book: { minPriceTicks: 100_000, levels: 300_000 },
    });
    ex.deposit(1, 'USDT', 1e12);
    ex.deposit(2, 'ETH', 1e10);
    ex.deposit(2, 'USDT', 1e12);
    ex.placeLimit(2, 'ETH/USDT', SELL, inst.makePrice(2000), inst.makeQty(2));
    ex.placeLimit(1, 'ETH/USDT', BUY, inst.makePrice(2000), inst.makeQty(2));
    ex.placeLimit(2, 'ETH/USDT', BUY, inst.makePrice(2100), inst.makeQty(1));
    ex.placeLimit(1, 'ETH/USDT', SELL, inst.makePrice(2100), inst.makeQty(1));
    const pos = new Position(inst.id, 1);
    for (const f of fills) if (f.accountId === 1) pos.apply(f);
    expect(pos.quantity).toBe(1);
    expect(pos.avgPx).toBe(2000);
    // realized: +100 on 1 ETH, minus taker fees 4 (2 * 2000 * 0.1%) and 2.1
    expect(pos.realizedPnl).toBeCloseTo(100 - 4 - 2.1, 9);
    expect(pos.unrealizedPnl(2050)).toBeCloseTo(50, 9);
    expect(() => pos.apply(fills[1])).toThrow(/duplicate trade id/);
    expect(fills.filter((f) => f.isMaker).every((f) => f.accountId === 2)).toBe(true);
  });
});
