import { EnvConfigError } from '../../errors/env.js';
import { Env } from '../core.js';
import type { FactorPanel } from '../mdp/factorPanel.js';
import type { FactorStamp } from '../mdp/marketInputs.js';
import type { ReplayBroker } from '../mdp/replayBroker.js';
import type { ReplayData } from '../mdp/replayData.js';
import type { RewardFunction, RewardParams } from '../mdp/rewards.js';

/** Options every bar-replay market environment takes (each has a default). */
export interface ReplayEnvOptions {
  /** Factor columns to observe (default: all of the (first) asset's factor columns). */
  factors?: readonly string[];
  /** How factor frames are stamped (default 'bar'; 'asOf' for factor-engine grids). */
  factorStamp?: FactorStamp;
  /** Factor rows per observation (default 16). */
  history?: number;
  /** Parameters of a built-in reward. */
  rewardParams?: RewardParams;
  /** Steps per episode before truncation (default 256). */
  episodeLength?: number;
  /** Starting cash in quote currency (default 10,000). */
  initialCash?: number;
  /** Liquidation: the episode terminates when equity falls to this fraction of initial cash (default 0.5). */
  stopOutFraction?: number;
}

/**
 * Episode plumbing shared by the bar-replay market environments (`TradingEnv`, `PortfolioEnv`, `RiskEnv`):
 * the decision bar `t`, the episode end, equity bookkeeping, the start-bar choice and the end-of-step
 * reward / termination / truncation rules. Subclasses own the data, broker and observation.
 *
 * Rules: an episode starts at a requested or seeded-random decision bar with a valid `history`-row factor
 * window and a following bar; it is truncated after `episodeLength` steps, at the end of data or at a
 * factor gap, and terminated when equity falls to `stopOutFraction` x initial cash. The reward gets the
 * bar's simple equity return, floored just above -100%. Reference: the blueprint's MDP (S, A, R, P).
 */
export abstract class ReplayEnv<O, A> extends Env<O, A> {
  abstract readonly replay: ReplayData;
  abstract readonly panel: FactorPanel;
  abstract readonly broker: ReplayBroker;
  abstract readonly history: number;
  abstract readonly episodeLength: number;
  abstract readonly rewardFn: RewardFunction;
  abstract readonly stopOutFraction: number;
  /** Decision bar of the current step. */
  protected t = 0;
  /** Last bar of the episode (exclusive bound for decisions). */
  protected end = 0;
  /** Equity at the last bar's close. */
  protected prevEquity = 0;
  /** Highest closing equity of the episode. */
  protected peak = 0;

  /**
   * Chooses the start bar (`options.start`, else seeded random), resets the broker there and the equity
   * bookkeeping and reward state. Returns the start bar.
   * @param windowLabel how the start error names the factor window
   * @throws {EnvConfigError} when `options.start` has no valid window or no next bar
   */
  protected beginEpisode(options: Record<string, unknown>, windowLabel = 'valid factor window'): number {
    const first = this.panel.firstValid(this.history);
    const last = this.replay.length - 2;
    let start: number;
    if (options.start !== undefined) {
      start = options.start as number;
      if (!Number.isInteger(start) || start > last || !this.panel.windowValid(start, this.history)) {
        throw new EnvConfigError(
          this.metadata.id,
          'start',
          `bar ${start} has no ${windowLabel} or no next bar`,
        );
      }
    } else {
      start =
        first + this.rng.int(Math.max(1, last - first - Math.min(this.episodeLength, last - first) + 1));
      while (!this.panel.windowValid(start, this.history) && start < last) start++;
    }
    this.t = start;
    this.end = Math.min(start + this.episodeLength, this.replay.length - 1);
    this.broker.reset(start);
    this.prevEquity = this.broker.equity();
    this.peak = this.prevEquity;
    this.rewardFn.reset();
    return start;
  }

  /**
   * Closes bar `next` (the one after the decision bar), moves the decision bar there and sets reward,
   * terminated and truncated. Returns the closing equity.
   */
  protected finishStep(next: number): number {
    const broker = this.broker;
    broker.closeBar(next);
    this.t = next;
    const equity = broker.equity();
    const ret = equity / this.prevEquity - 1;
    this.prevEquity = equity;
    if (equity > this.peak) this.peak = equity;
    this.reward = this.rewardFn.reward(ret > -1 ? ret : -0.999999);
    this.terminated = equity <= this.stopOutFraction * broker.initialCash;
    this.truncated = !this.terminated && (next >= this.end || !this.panel.windowValid(next, this.history));
    return equity;
  }
}
