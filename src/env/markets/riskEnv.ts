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
import { Discrete } from '../spaces/discrete.js';
import { ReplayEnv, type ReplayEnvOptions } from './replayEnv.js';
import { positiveInt } from './tradingEnv.js';

/** Options of `RiskEnv` (every field has a default). */
export interface RiskEnvConfig extends ReplayEnvOptions {
  /** The asset (bars + point-in-time factors); default: a synthetic market. */
  data?: AssetData;
  /**
   * The given strategy's book: its target weight per bar (decided at bar t's close, executed at t+1),
   * length = number of bars. Default: a 24-bar time-series momentum book (+1 / -1), point-in-time.
   */
  book?: Float64Array;
  /** Hedge ratios the agent chooses from (0 = keep the whole book, 1 = fully hedged); default [0, .25, .5, .75, 1]. */
  hedgeRatios?: readonly number[];
  /** Default 'drawdownPenalized'. */
  reward?: RewardName | RewardFunction;
  /** Default: costs on, shorts allowed (the book may be short), gross leverage 1. */
  execution?: ExecutionConfigInput;
}

const ACCOUNT_FEATURES = 6;

/**
 * De-risking a given strategy: the strategy's book sets a target weight each bar; the agent picks a hedge
 * ratio h from a discrete set (for DQN/Rainbow) and the account holds book x (1 - h). Net trades go through
 * the shared execution model at the next bar with all costs; the hedge itself is the offsetting position
 * (netted, as a perp hedge on the same venue would be).
 *
 * Observation: [history, factors] window, then [book weight, hedge ratio, current weight, equity / initial
 * - 1, drawdown, EWMA daily volatility]. Reward: pluggable (default drawdown-penalized log return).
 *
 * Reference: Moreira and Muir (2017), "Volatility-managed portfolios" (scaling exposure down in risky
 * states); the blueprint's risk-management agent.
 */
export class RiskEnv extends ReplayEnv<Float32Array, number> {
  readonly metadata: EnvMetadata = { id: 'RiskEnv', renderModes: [] };
  readonly observationSpace: Box;
  readonly actionSpace: Discrete;
  readonly replay: ReplayData;
  readonly panel: FactorPanel;
  readonly broker: ReplayBroker;
  readonly book: Float64Array;
  readonly hedgeRatios: Float64Array;
  readonly history: number;
  readonly episodeLength: number;
  readonly rewardFn: RewardFunction;
  readonly stopOutFraction: number;
  private readonly obs: Float32Array;
  private hedge = 0;

  /** @throws {EnvConfigError} on bad options; {@link EnvDataError} when data and book disagree */
  constructor(config: RiskEnvConfig = {}) {
    super();
    const id = this.metadata.id;
    const data = config.data ?? sharedSyntheticMarket({ seed: 1, nAssets: 1, nBars: 4096, nFactors: 8 })[0];
    if (!data.factors) throw new EnvDataError(`${id}: ${data.symbol} has no factor frame`);
    this.history = positiveInt(id, 'history', config.history ?? 16);
    this.episodeLength = positiveInt(id, 'episodeLength', config.episodeLength ?? 256);
    this.stopOutFraction = config.stopOutFraction ?? 0.5;
    this.hedgeRatios = Float64Array.from(config.hedgeRatios ?? [0, 0.25, 0.5, 0.75, 1]);
    if (this.hedgeRatios.length === 0 || this.hedgeRatios.some((h) => !(h >= 0 && h <= 1))) {
      throw new EnvConfigError(id, 'hedgeRatios', 'needs values in [0, 1]');
    }
    ({ replay: this.replay, panel: this.panel } = marketInputs(
      [data],
      config.factors,
      id,
      config.factorStamp,
    ));
    this.book = config.book ?? momentumBook(data.bars.columns.close, 24);
    if (this.book.length !== this.replay.length) {
      throw new EnvDataError(`${id}: book has ${this.book.length} weights for ${this.replay.length} bars`);
    }
    const first = this.panel.firstValid(this.history);
    if (first < 0 || first >= this.replay.length - 1) throw new EnvDataError(`${id}: no valid factor window`);
    this.broker = new ReplayBroker(
      this.replay,
      {
        execution: { allowShort: true, maxGrossLeverage: 1, ...config.execution },
        initialCash: config.initialCash,
      },
      id,
    );
    const reward = config.reward ?? 'drawdownPenalized';
    this.rewardFn = typeof reward === 'string' ? makeReward(reward, config.rewardParams, id) : reward;
    const size = this.history * this.panel.width + ACCOUNT_FEATURES;
    this.observationSpace = new Box(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, [size]);
    this.actionSpace = new Discrete(this.hedgeRatios.length);
    this.obs = new Float32Array(size);
    this.info = { t: 0, equity: 0, hedgeRatio: 0, cost: 0, bookWeight: 0 };
  }

  protected onReset(_seed: number | undefined, options: Record<string, unknown>): Float32Array {
    this.hedge = 0;
    this.beginEpisode(options);
    this.writeInfo(0);
    return this.observe();
  }

  protected onStep(action: number): Float32Array {
    this.hedge = this.hedgeRatios[action];
    const w = (this.book[this.t] || 0) * (1 - this.hedge);
    const broker = this.broker;
    const next = this.t + 1;
    broker.openBar(next);
    const acct = broker.account;
    const mid = broker.mid(0);
    acct.mark(0, mid);
    const eq = acct.equity();
    const qty = mid > 0 ? (w * eq) / mid - acct.positions[0] : 0;
    if (Math.abs(qty * mid) > 1e-4 * eq) broker.trade(0, qty);
    this.finishStep(next);
    this.writeInfo(broker.barCost);
    return this.observe();
  }

  private observe(): Float32Array {
    const o = this.obs;
    const n = this.history * this.panel.width;
    this.panel.writeWindow(this.t, this.history, o, 0);
    const eq = this.prevEquity;
    o[n] = this.book[this.t] || 0;
    o[n + 1] = this.hedge;
    o[n + 2] = this.broker.weight(0, eq);
    o[n + 3] = eq / this.broker.initialCash - 1;
    o[n + 4] = 1 - eq / this.peak;
    const v = this.replay.dailyVol[this.t];
    o[n + 5] = Number.isFinite(v) ? v : 0;
    return o;
  }

  private writeInfo(cost: number): void {
    this.info.t = this.t;
    this.info.equity = this.prevEquity;
    this.info.hedgeRatio = this.hedge;
    this.info.cost = cost;
    this.info.bookWeight = this.book[this.t] || 0;
  }
}

/**
 * A time-series momentum book: weight +1 when the close rose over the last `lookback` bars, -1 when it fell,
 * 0 before enough history. Point-in-time: weight t uses closes <= t.
 *
 * Reference: Moskowitz, Ooi and Pedersen (2012), "Time series momentum".
 */
export function momentumBook(close: Float64Array, lookback: number): Float64Array {
  const w = new Float64Array(close.length);
  for (let t = lookback; t < close.length; t++) {
    const r = Math.log(close[t] / close[t - lookback]);
    w[t] = r > 0 ? 1 : r < 0 ? -1 : 0;
  }
  return w;
}
