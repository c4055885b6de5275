import { createFrame } from '../../data/frame.js';
import { EnvConfigError, EnvDataError } from '../../errors/env.js';
import { runMechanicsScenario } from '../../sim/index.js';
import type { AssetData } from './replayData.js';
import { computeFactors } from './syntheticMarket.js';

/** Options of {@link simulatedMarket}. */
export interface SimulatedMarketOptions {
  /** Seed of the simulation (same seed, same bars; default 0). */
  seed?: number;
  /** Simulated duration in ms, one bar per minute (default 3 hours: 180 bars). */
  durationMs?: number;
  /** Noise traders on the simulated exchange (default 10; more is slower). */
  noiseTraders?: number;
  /** Market makers quoting the book (default 2). */
  marketMakers?: number;
  /** Factor columns computed from the simulated bars (default 8, as `syntheticMarket`). */
  nFactors?: number;
  /** Epoch ms of the first bar (default 2024-01-01). */
  startMs?: number;
}

const BAR_MS = 60_000;
const VENUE = 'simx';
const SYMBOL = 'BTC/USDT';

/**
 * One asset's bars and point-in-time factors produced by the market simulator (`src/sim`), as an
 * {@link AssetData} that `TradingEnv` (or any replay env) consumes like historical data.
 *
 * Runs the simulator's multi-venue mechanics scenario (`runMechanicsScenario`: a random-walk index price,
 * latency-delayed market makers and noise traders on a price-time-priority limit order book) and takes the
 * exchange's 1-minute OHLCV bars of BTC/USDT, which the venue aggregates from its own trade prints. A
 * minute without trades (rare) is carried forward at the previous close with zero volume, which makes its
 * log-volume factor a gap (NaN), so episodes never read an invented value. Factors are the same
 * point-in-time set as `syntheticMarket` (momentum, realized volatility, volume ratio, range).
 *
 * The simulated path is generated before the episode: the agent's orders are filled by the execution model
 * against these bars (as in historical replay) and do not enter the simulated book; set `permanentImpact`
 * on the env to let fills move later prices.
 *
 * @throws {EnvConfigError} on a non-positive duration or counts
 * @throws {EnvDataError} when the simulation produced fewer than 3 bars
 */
export function simulatedMarket(opts: SimulatedMarketOptions = {}): AssetData {
  const durationMs = opts.durationMs ?? 3 * 3_600_000;
  const nFactors = opts.nFactors ?? 8;
  if (!(durationMs >= 3 * BAR_MS)) {
    throw new EnvConfigError('simulatedMarket', 'durationMs', `must be >= ${3 * BAR_MS}, got ${durationMs}`);
  }
  if (!Number.isInteger(nFactors) || nFactors < 1)
    throw new EnvConfigError('simulatedMarket', 'nFactors', `must be a positive integer, got ${nFactors}`);
  const startMs = opts.startMs ?? Date.UTC(2024, 0, 1);
  const run = runMechanicsScenario({
    seed: opts.seed ?? 0,
    durationMs,
    noiseTraders: opts.noiseTraders ?? 10,
    marketMakers: opts.marketMakers ?? 2,
    chainUsers: 0,
    startMs,
  });
  const bars = run.sink
    .get('bars')
    .filter((b) => b.venue === VENUE && b.symbol === SYMBOL && b.interval === '1m')
    .sort((a, b) => Number(a.tsEvent) - Number(b.tsEvent));
  if (bars.length === 0) throw new EnvDataError(`simulatedMarket: the simulation printed no ${SYMBOL} bars`);
  const t0 = Number(bars[0].tsEvent);
  const T = Math.floor((Number(bars[bars.length - 1].tsEvent) - t0) / BAR_MS) + 1;
  if (T < 3) throw new EnvDataError(`simulatedMarket: ${T} bars simulated, need >= 3 (longer durationMs)`);
  const ts = new Float64Array(T);
  const open = new Float64Array(T).fill(Number.NaN);
  const high = new Float64Array(T);
  const low = new Float64Array(T);
  const close = new Float64Array(T);
  const volume = new Float64Array(T);
  for (const b of bars) {
    const i = Math.round((Number(b.tsEvent) - t0) / BAR_MS);
    open[i] = Number(b.open);
    high[i] = Number(b.high);
    low[i] = Number(b.low);
    close[i] = Number(b.close);
    volume[i] = Number(b.volume);
  }
  for (let i = 0; i < T; i++) {
    ts[i] = t0 + i * BAR_MS;
    if (Number.isNaN(open[i])) {
      // No trade in this minute (the first bar always exists): flat bar at the last close, no volume.
      const c = close[i - 1];
      open[i] = c;
      high[i] = c;
      low[i] = c;
      close[i] = c;
      volume[i] = 0;
    }
  }
  return {
    symbol: `${SYMBOL}.${VENUE}`,
    bars: createFrame(ts, { open, high, low, close, volume }),
    factors: createFrame(ts, computeFactors(open, high, low, close, volume, nFactors)),
  };
}
