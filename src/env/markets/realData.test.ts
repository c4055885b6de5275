import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { createFrame, type Frame } from '../../data/frame.js';
import { sharedDataPath } from '../../data/sharedData.js';
import { computeFactor, getFactor } from '../../factors/index.js';
import { Rng } from '../../math/rng.js';
import { readKlinesCsv } from '../../sim/world/realData.js';
import { checkEnv } from '../checkEnv.js';
import type { AssetData } from '../mdp/replayData.js';
import { TradingEnv } from './tradingEnv.js';

const FACTORS = [
  'spot_returns',
  'spot_returns__ret_1d',
  'spot_returns__ret_7d',
  'momentum_reversion',
  'momentum_reversion__variance_ratio',
  'momentum_reversion__hurst',
  'momentum_reversion__momentum',
];

/** Real Binance BTCUSDT hourly bars (first `n` of the last 2,000) with factors from the factor engine. */
function realBtc(n: number): AssetData {
  const k = readKlinesCsv(sharedDataPath('market', 'binance_spot_1h', 'BTCUSDT_1h.csv'));
  const s = k.ts.length - 2000;
  const ts = k.ts.slice(s, s + n);
  const close = k.close.slice(s, s + n);
  const volume = k.volume.slice(s, s + n);
  const data = { close: { ts, values: close, intervalMs: k.barMs } };
  // The engine's grid row T holds what was knowable at T: bar t's close is known at t + 1h.
  const grid = { from: ts[0] + k.barMs, to: ts[n - 1] + k.barMs, barMs: k.barMs };
  const columns: Record<string, Float64Array> = {};
  let gridTs: Float64Array | undefined;
  for (const id of ['spot_returns', 'momentum_reversion']) {
    const r = computeFactor(getFactor(id), data, grid);
    gridTs = r.ts;
    Object.assign(columns, r.columns);
  }
  const factors: Frame = createFrame(gridTs as Float64Array, columns);
  return { symbol: 'BTCUSDT.BINANCE', bars: createFrame(ts, { close, volume }), factors };
}

describeSharedData('TradingEnv on real BTCUSDT hourly bars with factor-engine factors', () => {
  it('passes checkEnv', () => {
    const data = realBtc(2000);
    const report = checkEnv(
      () => new TradingEnv({ data, factors: FACTORS, factorStamp: 'asOf', history: 8 }),
    );
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('observation at t is identical when every bar after t is removed and the factors are recomputed', () => {
    const t = 1500;
    const full = realBtc(2000);
    const cut = realBtc(t + 1);
    const cfg = { factors: FACTORS, factorStamp: 'asOf' as const, history: 8 };
    const a = new TradingEnv({ ...cfg, data: full });
    const b = new TradingEnv({ ...cfg, data: cut });
    const start = t - 60;
    a.reset({ options: { start } });
    b.reset({ options: { start } });
    const rng = new Rng(9);
    for (let s = start; s < t; s++) {
      const act = Int32Array.of(rng.int(3), rng.int(3), rng.int(3));
      const ra = a.step(act);
      const obs = Array.from(ra[0]);
      const reward = ra[1];
      const rb = b.step(act);
      expect(Array.from(rb[0])).toEqual(obs);
      expect(rb[1]).toBe(reward);
    }
    expect(a.barIndex).toBe(t);
  });
});
