import { describe, expect, it } from 'vitest';
import { generateSample, ingestSample } from './sample.js';
import { Store } from './store.js';

describe('built-in sample', () => {
  it('is bit-identical for the same seed and differs for another', () => {
    const a = generateSample({ seed: 3, hours: 24 * 10 });
    const b = generateSample({ seed: 3, hours: 24 * 10 });
    const c = generateSample({ seed: 4, hours: 24 * 10 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.bars[100].close).not.toBe(c.bars[100].close);
  });

  it('has valid, consistent bars with fat-tailed returns and volatility clustering', () => {
    const s = generateSample({ seed: 1, hours: 24 * 120 });
    const btc = s.bars.filter((b) => b.symbol === 'BTC/USDT');
    expect(btc.length).toBe(24 * 120);
    const r: number[] = [];
    for (let i = 1; i < btc.length; i++) {
      expect(btc[i].open).toBe(btc[i - 1].close);
      r.push(Math.log(btc[i].close / btc[i - 1].close));
    }
    const n = r.length;
    const mean = r.reduce((x, y) => x + y, 0) / n;
    const v = r.reduce((x, y) => x + (y - mean) ** 2, 0) / n;
    const kurt = r.reduce((x, y) => x + (y - mean) ** 4, 0) / n / v ** 2;
    expect(kurt).toBeGreaterThan(3.5); // fat tails
    const sq = r.map((x) => x * x);
    const ms = v;
    let acf = 0;
    for (let i = 1; i < n; i++) acf += (sq[i] - ms) * (sq[i - 1] - ms);
    const varSq = sq.reduce((x, y) => x + (y - ms) ** 2, 0);
    expect(acf / varSq).toBeGreaterThan(0.05); // GARCH: squared returns are autocorrelated
    const annualVol = Math.sqrt(v * 8760);
    expect(annualVol).toBeGreaterThan(0.3);
    expect(annualVol).toBeLessThan(0.9);
  });

  it('stores every kind, idempotently', async () => {
    const store = await Store.open(':memory:');
    const first = await ingestSample(store, { hours: 24 * 20 });
    expect(first.every((r) => r.inserted === r.received)).toBe(true);
    const again = await ingestSample(store, { hours: 24 * 20 });
    expect(again.every((r) => r.inserted === 0)).toBe(true);
    const kinds = new Set((await store.listDatasets()).map((d) => d.kind));
    expect([...kinds].sort()).toEqual(
      ['bars', 'defiMetrics', 'funding', 'indexSeries', 'macroSeries', 'onchainMetrics', 'textEvents']
        .filter((k) => k !== 'textEvents' || first[6].received > 0)
        .sort(),
    );
    const f = await store.readBars({ symbol: 'ETH/USDT', interval: '1h' });
    expect(f.ts.length).toBe(480);
    store.close();
  });
});
