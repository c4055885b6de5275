import { EnvConfigError, EnvDataError } from '../../errors/env.js';
import type { ExecutionConfigInput } from '../../execution/index.js';
import type { EnvMetadata } from '../core.js';
import type { FactorPanel } from '../mdp/factorPanel.js';
import { marketInputs } from '../mdp/marketInputs.js';
import type { AssetData, ReplayData } from '../mdp/replayData.js';
import { ReplayBroker } from '../mdp/replayBroker.js';
import { makeReward, type RewardFunction, type RewardName } from '../mdp/rewards.js';
import { type SimulatedMarketOptions, simulatedMarket } from '../mdp/simulatedMarket.js';
import { sharedSyntheticMarket } from '../mdp/syntheticMarket.js';
import { Box } from '../spaces/box.js';
import { MultiDiscrete } from '../spaces/multiDiscrete.js';
import { ReplayEnv, type ReplayEnvOptions } from './replayEnv.js';

/** Action side of the seed's MDP. */
export const SIDE_BUY = 0;
export const SIDE_SELL = 1;
export const SIDE_HOLD = 2;

/** Options of `TradingEnv` (every field has a default). */
export interface TradingEnvConfig extends ReplayEnvOptions {
  /** The asset's bars and point-in-time factor frame (default: a seeded synthetic market, 4096 hourly bars). */
  data?: AssetData;
  /**
   * Transition source from the market simulator instead of historical replay: the bars are the simulated
   * exchange's 1-minute bars (see `simulatedMarket`). Exclusive with `data`.
   */
  simulator?: SimulatedMarketOptions;
  /** Position sizes as fractions of equity (default [0.25, 0.5, 1]). */
  sizeBuckets?: readonly number[];
  /** Holding horizons in bars; the position is closed when the horizon expires (default [1, 4, 16]). */
  horizons?: readonly number[];
  /** Reward: a built-in name or a custom function (default 'logReturn'). */
  reward?: RewardName | RewardFunction;
  /** Execution model settings (default: costs on, shorts allowed, gross leverage 1). */
  execution?: ExecutionConfigInput;
  /** Persistent fraction of each fill's impact (default 0). */
  permanentImpact?: number;
}

const ACCOUNT_FEATURES = 4;

/**
 * The seed's MDP on one asset by historical replay through the shared execution model, or on bars from the
 * market simulator (`simulator` option: the exchange's own 1-minute bars, a fresh seeded path).
 *
 * - State: the last `history` rows of the selected point-in-time factors (row-major [history, factors]),
 *   then [position weight, equity / initial - 1, fraction of the holding horizon left, drawdown from peak].
 * - Action: MultiDiscrete [3, sizes, horizons] = {buy, sell, hold} x size bucket x holding horizon.
 *   Buy/sell set a target position of +-size x equity held for the horizon (then closed); hold keeps the
 *   position (and closes it when its horizon has expired).
 * - Transition: the order decided at bar t fills at bar t+1 (open, else close) with fees, spread and
 *   impact; the reward uses the equity change to bar t+1's close, net of every cost.
 * - Termination: equity <= stopOutFraction x initial cash (liquidation). Truncation: episode length, end of
 *   data, or a factor gap (missing values are never filled).
 * - `reset({ options: { start } })` starts at decision bar `start`; otherwise a seeded random start.
 *
 * Reference: the blueprint's MDP (S, A, R, P); Moody and Saffell (2001) for the reward family.
 *
 * @example
 * const env = new TradingEnv({ reward: 'differentialSharpe' });
 * let [obs] = env.reset({ seed: 1 });
 * const [obs2, reward, terminated, truncated, info] = env.step(Int32Array.of(0, 2, 1));
 */
export class TradingEnv extends ReplayEnv<Float32Array, Int32Array> {
  readonly metadata: EnvMetadata = { id: 'TradingEnv', renderModes: [] };
  readonly observationSpace: Box;
  readonly actionSpace: MultiDiscrete;
  readonly replay: ReplayData;
  readonly panel: FactorPanel;
  readonly broker: ReplayBroker;
  readonly history: number;
  readonly sizeBuckets: Float64Array;
  readonly horizons: Int32Array;
  readonly episodeLength: number;
  readonly stopOutFraction: number;
  readonly rewardFn: RewardFunction;
  private readonly obs: Float32Array;
  private expiry = -1;
  private horizonLen = 1;
  private readonly maxHorizon: number;

  /** @throws {EnvConfigError} on bad options; {@link EnvDataError} when the data cannot hold an episode */
  constructor(config: TradingEnvConfig = {}) {
    super();
    const id = this.metadata.id;
    if (config.data && config.simulator)
      throw new EnvConfigError(id, 'simulator', 'give either data (replay) or simulator, not both');
    const data =
      config.data ??
      (config.simulator
        ? simulatedMarket(config.simulator)
        : sharedSyntheticMarket({ seed: 0, nAssets: 1, nBars: 4096, nFactors: 8 })[0]);
    if (!data.factors) throw new EnvDataError(`${id}: ${data.symbol} has no factor frame`);
    this.history = positiveInt(id, 'history', config.history ?? 16);
    this.episodeLength = positiveInt(id, 'episodeLength', config.episodeLength ?? 256);
    this.sizeBuckets = Float64Array.from(config.sizeBuckets ?? [0.25, 0.5, 1]);
    this.horizons = Int32Array.from(config.horizons ?? [1, 4, 16]);
    if (this.sizeBuckets.length === 0 || this.sizeBuckets.some((s) => !(s > 0 && s <= 10))) {
      throw new EnvConfigError(id, 'sizeBuckets', 'needs fractions of equity in (0, 10]');
    }
    if (this.horizons.length === 0 || this.horizons.some((h) => h < 1)) {
      throw new EnvConfigError(id, 'horizons', 'needs positive integer bar counts');
    }
    this.maxHorizon = Math.max(...this.horizons);
    this.stopOutFraction = config.stopOutFraction ?? 0.5;
    if (!(this.stopOutFraction >= 0 && this.stopOutFraction < 1)) {
      throw new EnvConfigError(id, 'stopOutFraction', `must be in [0, 1), got ${this.stopOutFraction}`);
    }
    ({ replay: this.replay, panel: this.panel } = marketInputs(
      [data],
      config.factors,
      id,
      config.factorStamp,
    ));
    if (
      this.panel.firstValid(this.history) < 0 ||
      this.panel.firstValid(this.history) >= this.replay.length - 1
    ) {
      throw new EnvDataError(`${id}: no ${this.history}-row window of valid factors with a following bar`);
    }
    this.broker = new ReplayBroker(
      this.replay,
      {
        execution: { allowShort: true, maxGrossLeverage: 1, ...config.execution },
        initialCash: config.initialCash,
        permanentImpact: config.permanentImpact,
      },
      id,
    );
    const reward = config.reward ?? 'logReturn';
    this.rewardFn = typeof reward === 'string' ? makeReward(reward, config.rewardParams, id) : reward;
    const size = this.history * this.panel.width + ACCOUNT_FEATURES;
    this.observationSpace = new Box(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, [size]);
    this.actionSpace = new MultiDiscrete([3, this.sizeBuckets.length, this.horizons.length]);
    this.obs = new Float32Array(size);
    this.info = { t: 0, ts: 0, equity: 0, position: 0, cost: 0, fees: 0, slippage: 0, filledQty: 0 };
  }

  /** Decision bar index of the current step. */
  get barIndex(): number {
    return this.t;
  }

  protected onReset(_seed: number | undefined, options: Record<string, unknown>): Float32Array {
    this.expiry = -1;
    this.beginEpisode(options, `valid ${this.history}-row factor window`);
    this.writeInfo(0, 0);
    return this.observe();
  }

  protected onStep(action: Int32Array): Float32Array {
    const side = action[0];
    const broker = this.broker;
    let target = Number.NaN;
    if (side === SIDE_HOLD) {
      if (this.expiry >= 0 && this.t >= this.expiry) {
        target = 0;
        this.expiry = -1;
      }
    } else {
      const size = this.sizeBuckets[action[1]];
      target = side === SIDE_BUY ? size : -size;
      this.horizonLen = this.horizons[action[2]];
      this.expiry = this.t + this.horizonLen;
    }
    const next = this.t + 1;
    broker.openBar(next);
    let filled = 0;
    if (!Number.isNaN(target)) {
      const mid = broker.mid(0);
      const acct = broker.account;
      acct.mark(0, mid);
      const eq = acct.equity();
      const qty = (target * eq) / mid - acct.positions[0];
      if (Math.abs(qty * mid) > 1e-9 * eq) filled = broker.trade(0, qty).lastQty;
    }
    this.finishStep(next);
    this.writeInfo(broker.barCost, filled);
    return this.observe();
  }

  private observe(): Float32Array {
    const o = this.obs;
    const n = this.history * this.panel.width;
    this.panel.writeWindow(this.t, this.history, o, 0);
    const eq = this.prevEquity;
    o[n] = this.broker.weight(0, eq);
    o[n + 1] = eq / this.broker.initialCash - 1;
    o[n + 2] = this.expiry >= 0 ? Math.max(0, this.expiry - this.t) / this.maxHorizon : 0;
    o[n + 3] = 1 - eq / this.peak;
    return o;
  }

  private writeInfo(cost: number, filled: number): void {
    const info = this.info;
    const acct = this.broker.account;
    info.t = this.t;
    info.ts = this.replay.ts[this.t];
    info.equity = this.prevEquity;
    info.position = acct.positions[0];
    info.cost = cost;
    info.fees = acct.fees;
    info.slippage = acct.slippage;
    info.filledQty = filled;
  }
}

/** Validates a positive integer option. @throws {EnvConfigError} */
export function positiveInt(envId: string, field: string, v: number): number {
  if (!Number.isInteger(v) || v < 1)
    throw new EnvConfigError(envId, field, `must be a positive integer, got ${v}`);
  return v;
}
