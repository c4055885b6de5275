import { describe, expect, it } from 'vitest';
import { SchemaViolationError } from '../errors/data.js';
import { intervalToMs, parseDeribitOptionName, parseSymbol } from './identifiers.js';

describe('identifiers', () => {
  it('parses unified symbols and rejects others', () => {
    expect(parseSymbol('BTC/USDT:USDT')).toEqual({
      base: 'BTC',
      quote: 'USDT',
      settle: 'USDT',
      isDerivative: true,
    });
    expect(parseSymbol('ETH/USDT').isDerivative).toBe(false);
    expect(() => parseSymbol('BTCUSDT')).toThrow(SchemaViolationError);
    expect(intervalToMs('1h')).toBe(3_600_000);
  });

  it('parses Deribit option names, expiring at 08:00 UTC', () => {
    expect(parseDeribitOptionName('ETH-12JUN26-1800-P')).toEqual({
      underlying: 'ETH',
      expiry: Date.UTC(2026, 5, 12, 8),
      strike: 1800,
      type: 'P',
    });
    expect(parseDeribitOptionName('BTC-5SEP25-62500.5-C')?.strike).toBe(62500.5);
    expect(parseDeribitOptionName('ETH-PERPETUAL')).toBeUndefined();
    expect(parseDeribitOptionName('ETH-12XYZ26-1800-P')).toBeUndefined();
  });
});
