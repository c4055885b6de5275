import { PortfolioEnv } from './markets/portfolioEnv.js';
import { TradingEnv } from './markets/tradingEnv.js';
import { sharedSyntheticMarket } from './mdp/syntheticMarket.js';
import { Rng } from '../math/rng.js';
import { VectorEnv } from './vectorEnv.js';

/** Options of a throughput measurement. */
export interface ThroughputOptions {
  /** Env copies in the VectorEnv (default 64). */
  numEnvs?: number;
  /** Assets, factors per asset and history rows of PortfolioEnv (default 10, 64, 32). */
  nAssets?: number;
  nFactors?: number;
  history?: number;
  /** Wall time to measure, ms (default 2000). */
  durationMs?: number;
  /** `list` (zero-copy observations) or `batched` (copied into contiguous arrays). */
  observationMode?: 'list' | 'batched';
  seed?: number;
}

/**
 * Steps a VectorEnv of PortfolioEnv copies with random target weights (a fresh weight vector for every
 * copy and step, drawn beforehand from a 64-step table so the policy costs nothing) and returns env steps
 * per second. Every step rebalances all assets through the execution model.
 */
export function measurePortfolioVector(opts: ThroughputOptions = {}): Rate {
  const n = opts.numEnvs ?? 64;
  const nAssets = opts.nAssets ?? 10;
  const data = sharedSyntheticMarket({
    seed: opts.seed ?? 1,
    nAssets,
    nBars: 4096,
    nFactors: opts.nFactors ?? 64,
  });
  const vec = new VectorEnv(() => new PortfolioEnv({ data, history: opts.history ?? 32 }), n, {
    observationMode: opts.observationMode ?? 'list',
  });
  vec.reset({ seed: opts.seed ?? 1 });
  const rng = new Rng(opts.seed ?? 1);
  const table: Float32Array[] = [];
  for (let k = 0; k < 64; k++) {
    const a = new Float32Array(n * (nAssets + 1));
    for (let i = 0; i < a.length; i++) a[i] = rng.uniform();
    table.push(a);
  }
  for (let k = 0; k < 200; k++) vec.step(table[k & 63]);
  let k = 0;
  return timeLoop(opts.durationMs ?? 2000, 64, () => {
    vec.step(table[k++ & 63]);
    return n;
  });
}

/** Steps one TradingEnv with random MultiDiscrete actions (64-entry table); returns steps per second. */
export function measureTradingSingle(durationMs = 2000, seed = 1): Rate {
  const env = new TradingEnv();
  env.reset({ seed });
  const rng = new Rng(seed);
  const table: Int32Array[] = [];
  for (let k = 0; k < 64; k++) table.push(Int32Array.of(rng.int(3), rng.int(3), rng.int(3)));
  let k = 0;
  return timeLoop(durationMs, 4096, () => {
    const r = env.step(table[k++ & 63]);
    if (r[2] || r[3]) env.reset();
    return 1;
  });
}

/** A measured rate: per wall-clock second and per CPU second of this process (robust to a busy machine). */
export interface Rate {
  stepsPerSec: number;
  /** Steps per second of CPU time used by the process (user + system); equals `stepsPerSec` on an idle core. */
  stepsPerCpuSec: number;
  steps: number;
}

/** Runs `body` (returning steps done) in chunks until `durationMs` elapsed; returns the rates. */
function timeLoop(durationMs: number, chunk: number, body: () => number): Rate {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let steps = 0;
  let elapsed = 0;
  do {
    for (let i = 0; i < chunk; i++) steps += body();
    elapsed = performance.now() - t0;
  } while (elapsed < durationMs);
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    stepsPerSec: (steps * 1000) / elapsed,
    stepsPerCpuSec: (steps * 1000) / Math.max(cpuMs, 1e-3),
    steps,
  };
}
