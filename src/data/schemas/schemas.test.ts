import { describe, expect, it } from 'vitest';
import { defaultTsInit, intervalToMs, msToInterval, normalizeSymbol, parseSymbol } from '../identifiers.js';
import { RECORD_KINDS, isRecordKind, recordSchemas } from './index.js';

const bar = {
  tsEvent: 1_700_000_000_000,
  source: 'binance',
  venue: 'binance',
  symbol: 'BTC/USDT',
  interval: '1h',
  open: 100,
  high: 110,
  low: 95,
  close: 105,
  volume: 12.5,
};

describe('record schemas', () => {
  it('accepts a valid bar and rejects broken ones with the field named', () => {
    expect(recordSchemas.bars.safeParse(bar).success).toBe(true);
    const hl = recordSchemas.bars.safeParse({ ...bar, high: 90 });
    expect(hl.success).toBe(false);
    expect(hl.error?.issues[0].path).toEqual(['high']);
    expect(recordSchemas.bars.safeParse({ ...bar, close: -1 }).success).toBe(false);
    expect(recordSchemas.bars.safeParse({ ...bar, volume: -1 }).success).toBe(false);
    expect(recordSchemas.bars.safeParse({ ...bar, close: Number.NaN }).success).toBe(false);
    expect(recordSchemas.bars.safeParse({ ...bar, close: Number.POSITIVE_INFINITY }).success).toBe(false);
    expect(recordSchemas.bars.safeParse({ ...bar, tsEvent: 1.5 }).success).toBe(false);
    expect(recordSchemas.bars.safeParse({ ...bar, symbol: 'BTCUSDT' }).success).toBe(false);
    expect(recordSchemas.bars.safeParse({ ...bar, symbol: 'BTC/USDT:USDT' }).success).toBe(true);
  });

  it('applies defaults and keeps on-chain raw amounts exact', () => {
    const t = recordSchemas.transactions.parse({
      tsEvent: 0,
      source: 'bq',
      chain: 'ethereum',
      hash: '0xab',
      from: '0x1',
      value: '123456789012345678901234567890',
    });
    expect(t.logIndex).toBe(-1);
    expect(t.value).toBe('123456789012345678901234567890');
    const e = recordSchemas.textEvents.parse({
      tsEvent: 0,
      source: 'x',
      eventId: '1',
      category: 'news',
      text: 'hi',
    });
    expect(e.tags).toEqual([]);
  });

  it('lists every kind the issue names', () => {
    for (const k of [
      'bars',
      'trades',
      'bookSnapshots',
      'funding',
      'openInterest',
      'basis',
      'optionsSummary',
      'optionQuotes',
      'onchainMetrics',
      'blocks',
      'transactions',
      'defiMetrics',
      'dexSwaps',
      'poolReserves',
      'liquidations',
      'textEvents',
      'indexSeries',
      'macroSeries',
    ]) {
      expect(isRecordKind(k)).toBe(true);
    }
    expect(RECORD_KINDS.length).toBe(Object.keys(recordSchemas).length);
    expect(isRecordKind('nope')).toBe(false);
  });
});

describe('identifiers', () => {
  it('parses and normalizes ccxt symbols', () => {
    expect(parseSymbol('BTC/USDT:USDT')).toEqual({
      base: 'BTC',
      quote: 'USDT',
      settle: 'USDT',
      isDerivative: true,
    });
    expect(parseSymbol('ETH/BTC').isDerivative).toBe(false);
    expect(() => parseSymbol('BTCUSDT')).toThrow(/not a unified symbol/);
    expect(normalizeSymbol('BTCUSDT')).toBe('BTC/USDT');
    expect(normalizeSymbol('eth-usdc')).toBe('ETH/USDC');
    expect(normalizeSymbol('SOLUSDT', { perp: true })).toBe('SOL/USDT:USDT');
    expect(normalizeSymbol('PAXGUSDT')).toBe('PAXG/USDT');
    expect(() => normalizeSymbol('FOOBAR')).toThrow(/cannot split/);
  });

  it('converts intervals to ms and back', () => {
    expect(intervalToMs('1m')).toBe(60_000);
    expect(intervalToMs('4h')).toBe(14_400_000);
    expect(intervalToMs('1d')).toBe(86_400_000);
    expect(intervalToMs('1w')).toBe(604_800_000);
    expect(() => intervalToMs('0m')).toThrow(/not an interval/);
    expect(() => intervalToMs('1y')).toThrow(/not an interval/);
    expect(msToInterval(3_600_000)).toBe('1h');
    expect(msToInterval(90_000)).toBe('90s');
  });

  it('defaults tsInit to the bar close, else tsEvent plus lag', () => {
    expect(defaultTsInit('bars', 0, '1h')).toBe(3_600_000);
    expect(defaultTsInit('funding', 5)).toBe(5);
    expect(defaultTsInit('macroSeries', 0, undefined, 86_400_000)).toBe(86_400_000);
  });
});
