import { Rng } from '../math/rng.js';
import type { MarketPanel } from './panel.js';

/**
 * A synthetic daily panel (geometric random walks with OHLCV bars) for tests and benchmarks; asset a starts
 * trading at bar `lateStart * a` (NaN before) so tests cover assets that list later.
 */
export function syntheticPanel(nAssets: number, nBars: number, seed: number, lateStart = 0): MarketPanel {
  const rng = new Rng(seed);
  const mk = (): Float64Array[] =>
    Array.from({ length: nAssets }, () => new Float64Array(nBars).fill(Number.NaN));
  const p: MarketPanel = {
    symbols: Array.from({ length: nAssets }, (_, i) => `A${i}`),
    ts: Float64Array.from({ length: nBars }, (_, i) => Date.UTC(2020, 0, 1) + i * 86_400_000),
    intervalMs: 86_400_000,
    open: mk(),
    high: mk(),
    low: mk(),
    close: mk(),
    volume: mk(),
  };
  for (let a = 0; a < nAssets; a++) {
    let c = 100 * (a + 1);
    const drift = 0.0003 * (a % 3);
    for (let t = lateStart * a; t < nBars; t++) {
      const o = c;
      c = o * Math.exp(drift + 0.03 * rng.normal());
      p.open[a][t] = o;
      p.close[a][t] = c;
      p.high[a][t] = Math.max(o, c) * (1 + 0.01 * rng.uniform());
      p.low[a][t] = Math.min(o, c) * (1 - 0.01 * rng.uniform());
      p.volume[a][t] = 1e4 * (1 + rng.uniform());
    }
  }
  return p;
}
