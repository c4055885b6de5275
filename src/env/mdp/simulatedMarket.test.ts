import { describe, expect, it } from 'vitest';
import { EnvConfigError } from '../../errors/env.js';
import { checkEnv } from '../checkEnv.js';
import { SIDE_BUY, SIDE_HOLD, TradingEnv } from '../markets/tradingEnv.js';
import { simulatedMarket } from './simulatedMarket.js';

// 100 simulated minutes with a small population: about a second per run on the shared machine.
const SIM = { seed: 3, durationMs: 100 * 60_000, noiseTraders: 8, marketMakers: 2 };

describe('simulatedMarket (TradingEnv transitions from the simulator)', () => {
  const data = simulatedMarket(SIM);
  const c = data.bars.columns;

  it('gives the exchange 1-minute bars on a gap-free grid, consistent OHLC, same seed same bars', () => {
    const T = data.bars.ts.length;
    expect(T).toBeGreaterThanOrEqual(95);
    for (let i = 1; i < T; i++) expect(data.bars.ts[i] - data.bars.ts[i - 1]).toBe(60_000);
    for (let i = 0; i < T; i++) {
      expect(c.low[i]).toBeLessThanOrEqual(Math.min(c.open[i], c.close[i]));
      expect(c.high[i]).toBeGreaterThanOrEqual(Math.max(c.open[i], c.close[i]));
      expect(c.volume[i]).toBeGreaterThanOrEqual(0);
      expect(c.close[i]).toBeGreaterThan(0);
    }
    // The scenario's index starts at 60,000 USDT and its book trades around it.
    expect(c.close[0]).toBeGreaterThan(50_000);
    expect(c.close[0]).toBeLessThan(70_000);
    const again = simulatedMarket(SIM);
    expect(Array.from(again.bars.columns.close)).toEqual(Array.from(c.close));
  });

  it('computes point-in-time factors from the simulated bars only', () => {
    const mom = data.factors?.columns.mom_2 as Float64Array;
    expect(Number.isNaN(mom[0]) && Number.isNaN(mom[1])).toBe(true);
    for (let t = 2; t < mom.length; t++)
      expect(mom[t]).toBeCloseTo(Math.log(c.close[t] / c.close[t - 2]), 12);
  });

  it('drives TradingEnv: an order decided at bar t fills at the simulated open of bar t+1', () => {
    const env = new TradingEnv({
      data,
      history: 8,
      episodeLength: 16,
      execution: { takerFeeBps: 0, makerFeeBps: 0, halfSpreadBps: 0, impact: 'none' },
    });
    const start = 40;
    env.reset({ seed: 1, options: { start } });
    const [, , , , info] = env.step(Int32Array.of(SIDE_BUY, 2, 2)); // target +100% of equity
    const rep = env.broker.report;
    expect(rep.lastQty).toBeGreaterThan(0);
    expect(rep.lastPx).toBe(c.open[start + 1]);
    expect(info.ts).toBe(data.bars.ts[start + 1]);
    // Equity at bar t+1's close: cash left plus the position marked at the simulated close.
    const acct = env.broker.account;
    const eq1 = info.equity as number; // the info object is reused by the next step
    expect(eq1).toBeCloseTo(acct.cash + acct.positions[0] * c.close[start + 1], 6);
    const pos = acct.positions[0];
    const [, r2, , , info2] = env.step(Int32Array.of(SIDE_HOLD, 0, 0));
    // Holding: the log-return reward is the position's move from close t+1 to close t+2 (no trade, no cost).
    expect(info2.filledQty).toBe(0);
    expect(info2.equity as number).toBeCloseTo(eq1 + pos * (c.close[start + 2] - c.close[start + 1]), 6);
    expect(Math.exp(r2)).toBeCloseTo((info2.equity as number) / eq1, 12);
  });

  it('passes the conformance checker on simulated data and rejects data plus simulator', () => {
    const report = checkEnv(() => new TradingEnv({ data, history: 8, episodeLength: 32 }), { steps: 32 });
    expect(report.checks.filter((k) => !k.ok)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(() => new TradingEnv({ data, simulator: SIM })).toThrow(EnvConfigError);
  });

  it('builds the env straight from simulator options (a different seed gives a different path)', () => {
    const env = new TradingEnv({ simulator: { ...SIM, seed: 4 }, history: 8, episodeLength: 16 });
    expect(env.replay.length).toBeGreaterThanOrEqual(95);
    expect(env.replay.close[10]).not.toBe(c.close[10]);
    const [obs] = env.reset({ seed: 0 });
    expect(obs.length).toBe(8 * 8 + 4);
  });
});
