import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { sharedDataPath } from '../../data/sharedData.js';
import {
  type OptionQuote,
  blackCallDelta,
  optionChainSentiment,
  parseDeribitOption,
} from './optionSentiment.js';

describe('option-chain sentiment', () => {
  it('Black delta reference values', () => {
    expect(blackCallDelta(100, 100, 0.2, 1)).toBeCloseTo(0.539827837277029, 10); // N(0.1)
    expect(blackCallDelta(100, 150, 0.2, 0.25)).toBeLessThan(0.01);
  });

  it('a flat smile has zero skew; a put-rich smile has positive skew', () => {
    const now = Date.UTC(2026, 0, 1);
    const exp = now + 30 * 86_400_000;
    const mk = (iv: (k: number, type: 'C' | 'P') => number): OptionQuote[] => {
      const qs: OptionQuote[] = [];
      for (let k = 60; k <= 160; k += 5) {
        for (const type of ['C', 'P'] as const) {
          qs.push({
            type,
            strike: k,
            expiryMs: exp,
            iv: iv(k, type),
            openInterest: type === 'P' ? 2 : 1,
            volume: 1,
            forward: 100,
          });
        }
      }
      return qs;
    };
    const flat = optionChainSentiment(
      mk(() => 0.6),
      now,
    );
    expect(flat.skew25d).toBeCloseTo(0, 12);
    expect(flat.putCallOi).toBe(2);
    expect(flat.skewTenorDays).toBeCloseTo(30, 9);
    const skewed = optionChainSentiment(
      mk((k) => 0.6 + 0.004 * (100 - k)),
      now,
    );
    expect(skewed.skew25d).toBeGreaterThan(0.03);
  });

  it('parses Deribit names', () => {
    expect(parseDeribitOption('ETH-12JUN26-1800-P')).toEqual({
      type: 'P',
      strike: 1800,
      expiryMs: Date.UTC(2026, 5, 12, 8),
    });
    expect(parseDeribitOption('ETH-PERPETUAL')).toBeUndefined();
  });
});

describeSharedData('option-chain sentiment on the Deribit ETH snapshot', () => {
  it('computes put/call ratios and a finite 30-day 25-delta skew', () => {
    const raw = JSON.parse(
      readFileSync(sharedDataPath('derivatives', 'deribit_eth_option_chain_snapshot.json'), 'utf8'),
    ) as {
      fetched_ms: number;
      rows: Array<{
        instrument_name: string;
        open_interest: number;
        volume: number;
        mark_iv: number;
        underlying_price: number;
      }>;
    };
    const quotes: OptionQuote[] = [];
    let putOi = 0;
    let callOi = 0;
    for (const r of raw.rows) {
      const p = parseDeribitOption(r.instrument_name);
      if (!p) continue;
      if (p.type === 'P') putOi += r.open_interest;
      else callOi += r.open_interest;
      quotes.push({
        ...p,
        iv: r.mark_iv / 100,
        openInterest: r.open_interest,
        volume: r.volume,
        forward: r.underlying_price,
      });
    }
    expect(quotes.length).toBeGreaterThan(700);
    const s = optionChainSentiment(quotes, raw.fetched_ms);
    expect(s.putCallOi).toBeCloseTo(putOi / callOi, 12);
    expect(s.putCallOi).toBeGreaterThan(0.2);
    expect(s.putCallOi).toBeLessThan(5);
    expect(Number.isFinite(s.skew25d)).toBe(true);
    expect(Math.abs(s.skew25d)).toBeLessThan(0.3);
    expect(s.skewTenorDays).toBeGreaterThan(10);
    expect(s.skewTenorDays).toBeLessThan(60);
  });
});
