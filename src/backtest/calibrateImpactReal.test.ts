import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../data/describeSharedData.js';
import { sharedDataPath } from '../data/sharedData.js';
import { calibrateImpact } from '../execution/calibrateImpact.js';
import { readOhlcvCsv } from './loadBars.js';

describeSharedData('calibrateImpact on real BTCUSDT daily bars', () => {
  it('gives a positive lambda and a crypto-sized daily volatility', () => {
    const f = readOhlcvCsv(sharedDataPath('market', 'binance_spot_1d', 'BTCUSDT_1d.csv'));
    const c = calibrateImpact(f.columns.open, f.columns.close, f.columns.volume);
    expect(c.kyleLambda).toBeGreaterThan(0);
    expect(c.dailyVol).toBeGreaterThan(0.02);
    expect(c.dailyVol).toBeLessThan(0.06);
    expect(c.amihud).toBeGreaterThan(0);
  });
});
