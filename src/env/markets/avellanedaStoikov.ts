import type { MarketMakingEnv } from './marketMakingEnv.js';

/** Parameters of the Avellaneda-Stoikov policy. */
export interface AvellanedaStoikovParams {
  /** Risk aversion gamma (default 0.1). */
  gamma?: number;
  /** Quote size in lots (default 1). */
  size?: number;
}

/**
 * The Avellaneda-Stoikov closed-form market-making policy (finite horizon, exponential utility):
 * reservation price r = s - q gamma sigma^2 (T - t), total spread gamma sigma^2 (T - t) + (2 / gamma) ln(1 + gamma / k),
 * quotes r -+ spread / 2. Writes offsets from mid and sizes into a reused action array.
 *
 * Reference: Avellaneda and Stoikov (2008), "High-frequency trading in a limit order book", eqs. (29)-(30).
 */
export class AvellanedaStoikovAgent {
  readonly gamma: number;
  readonly size: number;
  private readonly action = new Float32Array(4);

  constructor(params: AvellanedaStoikovParams = {}) {
    this.gamma = params.gamma ?? 0.1;
    this.size = params.size ?? 1;
  }

  /** Reservation price and spread for mid s, inventory q, time left tau. */
  quotes(
    s: number,
    q: number,
    tau: number,
    sigma: number,
    k: number,
  ): { reservation: number; spread: number } {
    const g = this.gamma;
    const reservation = s - q * g * sigma * sigma * tau;
    const spread = g * sigma * sigma * tau + (2 / g) * Math.log(1 + g / k);
    return { reservation, spread };
  }

  /** The action for the env's current state: [bidOffset, askOffset, bidSize, askSize]. */
  act(env: MarketMakingEnv): Float32Array {
    const { reservation, spread } = this.quotes(env.mid, env.inventory, env.timeLeft, env.sigma, env.k);
    const s = env.mid;
    this.action[0] = Math.max(0, s - (reservation - spread / 2));
    this.action[1] = Math.max(0, reservation + spread / 2 - s);
    this.action[2] = this.size;
    this.action[3] = this.size;
    return this.action;
  }
}

/** Summary of a batch of market-making episodes. */
export interface MarketMakingStats {
  episodes: number;
  meanPnl: number;
  stdPnl: number;
  meanFinalInventory: number;
  stdFinalInventory: number;
  meanAbsInventory: number;
  meanSpread: number;
  meanFills: number;
  /** Mean P&L / std P&L. */
  pnlRatio: number;
}

/**
 * Runs `episodes` episodes with the Avellaneda-Stoikov policy (`'inventory'`) or the symmetric policy with
 * the same spread around the mid (`'symmetric'`, AS's benchmark), seeds `seed + i`.
 */
export function runAvellanedaStoikov(
  env: MarketMakingEnv,
  agent: AvellanedaStoikovAgent,
  episodes: number,
  seed = 0,
  policy: 'inventory' | 'symmetric' = 'inventory',
): MarketMakingStats {
  const pnl = new Float64Array(episodes);
  const finalQ = new Float64Array(episodes);
  let absQ = 0;
  let steps = 0;
  let spreadSum = 0;
  let fills = 0;
  for (let e = 0; e < episodes; e++) {
    env.reset({ seed: seed + e });
    let done = false;
    while (!done) {
      const a = agent.act(env);
      if (policy === 'symmetric') {
        const half = (a[0] + a[1]) / 2;
        a[0] = half;
        a[1] = half;
      }
      spreadSum += a[0] + a[1];
      const r = env.step(a);
      absQ += Math.abs(env.inventory);
      steps++;
      done = r[2] || r[3];
    }
    pnl[e] = env.wealth;
    finalQ[e] = env.inventory;
    fills += env.bidFills + env.askFills;
  }
  const mean = (x: Float64Array): number => x.reduce((s, v) => s + v, 0) / x.length;
  const std = (x: Float64Array): number => {
    const m = mean(x);
    return Math.sqrt(x.reduce((s, v) => s + (v - m) * (v - m), 0) / Math.max(1, x.length - 1));
  };
  const meanPnl = mean(pnl);
  const stdPnl = std(pnl);
  return {
    episodes,
    meanPnl,
    stdPnl,
    meanFinalInventory: mean(finalQ),
    stdFinalInventory: std(finalQ),
    meanAbsInventory: absQ / Math.max(1, steps),
    meanSpread: spreadSum / Math.max(1, steps),
    meanFills: fills / episodes,
    pnlRatio: stdPnl > 0 ? meanPnl / stdPnl : 0,
  };
}
