import { EnvConfigError, EnvDataError } from '../../errors/env.js';
import type { ExecutionConfigInput } from '../../execution/index.js';
import type { EnvMetadata } from '../core.js';
import type { FactorPanel } from '../mdp/factorPanel.js';
import { marketInputs } from '../mdp/marketInputs.js';
import type { AssetData, ReplayData } from '../mdp/replayData.js';
import { ReplayBroker } from '../mdp/replayBroker.js';
import { makeReward, type RewardFunction, type RewardName } from '../mdp/rewards.js';
import { sharedSyntheticMarket } from '../mdp/syntheticMarket.js';
import { Box } from '../spaces/box.js';
import { Dict } from '../spaces/dict.js';
import { ReplayEnv, type ReplayEnvOptions } from './replayEnv.js';
import { positiveInt } from './tradingEnv.js';

/** Options of `PortfolioEnv` (every field has a default). */
export interface PortfolioEnvConfig extends ReplayEnvOptions {
  /** Assets on one bar grid, each with a point-in-time factor frame (default: 4 synthetic assets). */
  data?: readonly AssetData[];
  /** Default 'logReturn'. */
  reward?: RewardName | RewardFunction;
  /** Execution settings (default: costs on, long-only, gross leverage 1). */
  execution?: ExecutionConfigInput;
  /** Persistent fraction of each fill's impact (default 0). */
  permanentImpact?: number;
  /** Rebalancing trades smaller than this fraction of equity are skipped (default 1e-4). */
  minTradeFraction?: number;
}

/** Observation of `PortfolioEnv`: the factor window (a zero-copy view) and the current weights. */
export interface PortfolioObservation {
  /** [history, nAssets * nFactors] point-in-time factor rows, oldest first (read-only view). */
  market: Float32Array;
  /** [cash, asset 0, ..., asset N-1] current weights (fractions of equity). */
  account: Float32Array;
}

/**
 * N assets, continuous target weights (for DDPG/TD3/PPO), by historical replay through the execution model.
 *
 * - Action: Box [0, 1]^(N+1), read as [cash, asset 0..N-1] and normalized to sum 1 (all zeros = all cash).
 *   Sells execute before buys at the next bar (open, else close) with fees, spread and impact.
 * - Observation: Dict { market: [history, N * F] factor window, account: current weights }. The market
 *   window is a view into a prebuilt point-in-time panel (no copy per step; copy it to keep it).
 * - Reward: pluggable, on the equity return net of every cost (default log return).
 * - Termination: liquidation (equity <= stopOutFraction x initial). Truncation: episode length, data end,
 *   factor gap.
 *
 * Reference: Jiang, Xu and Liang (2017), "A deep reinforcement learning framework for the financial
 * portfolio management problem" (weights as actions, costs in the reward).
 */
export class PortfolioEnv extends ReplayEnv<PortfolioObservation, Float32Array> {
  readonly metadata: EnvMetadata = { id: 'PortfolioEnv', renderModes: [] };
  readonly observationSpace: Dict<{ market: Box; account: Box }>;
  readonly actionSpace: Box;
  readonly replay: ReplayData;
  readonly panel: FactorPanel;
  readonly broker: ReplayBroker;
  readonly history: number;
  readonly nAssets: number;
  readonly episodeLength: number;
  readonly rewardFn: RewardFunction;
  readonly minTradeFraction: number;
  readonly stopOutFraction: number;
  private readonly views: Float32Array[];
  private readonly obs: PortfolioObservation;
  private readonly target: Float64Array;
  private readonly delta: Float64Array;

  /** @throws {EnvConfigError} on bad options; {@link EnvDataError} when the data cannot hold an episode */
  constructor(config: PortfolioEnvConfig = {}) {
    super();
    const id = this.metadata.id;
    const data = config.data ?? sharedSyntheticMarket({ seed: 0, nAssets: 4, nBars: 4096, nFactors: 8 });
    for (const d of data) if (!d.factors) throw new EnvDataError(`${id}: ${d.symbol} has no factor frame`);
    this.history = positiveInt(id, 'history', config.history ?? 16);
    this.episodeLength = positiveInt(id, 'episodeLength', config.episodeLength ?? 256);
    this.minTradeFraction = config.minTradeFraction ?? 1e-4;
    this.stopOutFraction = config.stopOutFraction ?? 0.5;
    if (!(this.minTradeFraction >= 0)) throw new EnvConfigError(id, 'minTradeFraction', 'must be >= 0');
    if (!(this.stopOutFraction >= 0 && this.stopOutFraction < 1)) {
      throw new EnvConfigError(id, 'stopOutFraction', `must be in [0, 1), got ${this.stopOutFraction}`);
    }
    ({ replay: this.replay, panel: this.panel } = marketInputs(data, config.factors, id, config.factorStamp));
    this.nAssets = this.replay.nAssets;
    const first = this.panel.firstValid(this.history);
    if (first < 0 || first >= this.replay.length - 1) {
      throw new EnvDataError(`${id}: no ${this.history}-row window of valid factors with a following bar`);
    }
    this.broker = new ReplayBroker(
      this.replay,
      {
        execution: config.execution,
        initialCash: config.initialCash,
        permanentImpact: config.permanentImpact,
      },
      id,
    );
    const reward = config.reward ?? 'logReturn';
    this.rewardFn = typeof reward === 'string' ? makeReward(reward, config.rewardParams, id) : reward;
    const inf = Number.POSITIVE_INFINITY;
    this.observationSpace = new Dict({
      market: new Box(-inf, inf, [this.history, this.panel.width]),
      account: new Box(-inf, inf, [this.nAssets + 1]),
    });
    this.actionSpace = new Box(0, 1, [this.nAssets + 1]);
    this.views = this.panel.windowViews(this.history);
    this.obs = { account: new Float32Array(this.nAssets + 1), market: this.views[first] };
    this.target = new Float64Array(this.nAssets);
    this.delta = new Float64Array(this.nAssets);
    this.info = { t: 0, ts: 0, equity: 0, cost: 0, turnover: 0 };
  }

  protected onReset(_seed: number | undefined, options: Record<string, unknown>): PortfolioObservation {
    const start = this.beginEpisode(options);
    this.info.t = start;
    this.info.ts = this.replay.ts[start];
    this.info.equity = this.prevEquity;
    this.info.cost = 0;
    this.info.turnover = 0;
    return this.observe();
  }

  protected onStep(action: Float32Array): PortfolioObservation {
    const A = this.nAssets;
    let sum = 0;
    for (let i = 0; i <= A; i++) sum += Math.max(action[i], 0);
    const broker = this.broker;
    const next = this.t + 1;
    broker.openBar(next);
    const acct = broker.account;
    const mids = broker.snapshot.mid;
    let eq = acct.cash;
    for (let a = 0; a < A; a++) {
      if (acct.positions[a] !== 0) eq += acct.positions[a] * (mids[a] > 0 ? mids[a] : acct.marks[a]);
    }
    const minTrade = this.minTradeFraction * eq;
    let traded = 0;
    for (let a = 0; a < A; a++) {
      const w = sum > 0 && action[a + 1] > 0 ? action[a + 1] / sum : 0;
      this.target[a] = w;
      const mid = broker.mid(a);
      const d = mid > 0 ? (w * eq) / mid - acct.positions[a] : 0;
      this.delta[a] = Math.abs(d * mid) >= minTrade ? d : 0;
    }
    // Sells first, so buys can use the cash they free.
    for (let a = 0; a < A; a++)
      if (this.delta[a] < 0) traded += Math.abs(broker.tradeFrom(a, this.delta).lastQty * broker.mid(a));
    for (let a = 0; a < A; a++)
      if (this.delta[a] > 0) traded += Math.abs(broker.tradeFrom(a, this.delta).lastQty * broker.mid(a));
    const equity = this.finishStep(next);
    const info = this.info;
    info.t = next;
    info.ts = this.replay.ts[next];
    info.equity = equity;
    info.cost = broker.barCost;
    info.turnover = traded / eq;
    return this.observe();
  }

  private observe(): PortfolioObservation {
    const o = this.obs;
    o.market = this.views[this.t];
    const eq = this.prevEquity;
    let invested = 0;
    for (let a = 0; a < this.nAssets; a++) {
      const w = this.broker.weight(a, eq);
      o.account[a + 1] = w;
      invested += w;
    }
    o.account[0] = 1 - invested;
    return o;
  }
}
