import { describe, expect, it } from 'vitest';
import { type RecordKind, recordSchemas } from './schemas/index.js';
import { validateRecord } from './validate.js';

const cases: [RecordKind, Record<string, unknown>][] = [
  ['onchainMetrics', { tsEvent: 0, source: 'cm', chain: 'bitcoin', metric: 'HashRate', value: 5 }],
  ['onchainMetrics', { tsEvent: 0, source: 'cm', chain: 'Bitcoin', metric: 'HashRate', value: 5 }],
  ['onchainMetrics', { tsEvent: 0.5, source: 'cm', chain: 'bitcoin', metric: 'x', value: 5 }],
  ['onchainMetrics', { tsEvent: 0, source: 'cm', chain: 'bitcoin', metric: 'x', value: Number.NaN }],
  ['onchainMetrics', { tsEvent: 0, source: 'cm', chain: 'bitcoin', metric: '', value: 1 }],
  ['defiMetrics', { tsEvent: 0, source: 'dl', protocol: 'aave-v2', metric: 'tvl_usd', value: -1 }],
  ['defiMetrics', { tsEvent: 0, source: 'dl', protocol: 'Aave', metric: 'tvl_usd', value: 1 }],
  ['defiMetrics', { tsEvent: 0, source: '', protocol: 'aave', metric: 'tvl_usd', value: 1 }],
  ['indexSeries', { tsEvent: 0, source: 'a', index: 'fear_greed', value: 50 }],
  ['indexSeries', { tsEvent: 0, source: 'a', index: 'fear_greed', subject: 3, value: 50 }],
  ['macroSeries', { tsEvent: 0, tsInit: 10, source: 'fred', series: 'DGS10', value: 0.04 }],
  ['macroSeries', { tsEvent: 0, source: 'fred', series: 'DGS10', value: Number.POSITIVE_INFINITY }],
  ['macroSeries', { tsEvent: 0, source: 'fred', series: 'DGS10' }],
  [
    'bars',
    {
      tsEvent: 0,
      source: 'b',
      venue: 'binance',
      symbol: 'BTC/USDT',
      interval: '1h',
      open: 1,
      high: 2,
      low: 0.5,
      close: 1.5,
    },
  ],
  [
    'bars',
    {
      tsEvent: 0,
      source: 'b',
      venue: 'binance',
      symbol: 'BTC/USDT',
      interval: '1h',
      open: 1,
      high: 1.2,
      low: 0.5,
      close: 1.5,
    },
  ],
  ['bars', { tsEvent: 0, source: 'b', venue: 'binance', symbol: 'BTC/USDT', interval: '1h', close: 0 }],
];

describe('validateRecord fast paths agree with the zod schemas', () => {
  it('accepts and rejects the same records, with the same defaults', () => {
    for (const [kind, rec] of cases) {
      const fast = validateRecord(kind, rec);
      const zod = recordSchemas[kind].safeParse(rec);
      expect(fast.ok, JSON.stringify(rec)).toBe(zod.success);
      if (fast.ok && zod.success) expect(fast.record).toEqual(zod.data);
      if (!fast.ok && !zod.success)
        expect(fast.issue.field).toBe(String(zod.error.issues[0].path[0] ?? '(record)'));
    }
  });
});
