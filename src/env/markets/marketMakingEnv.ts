import { EnvConfigError } from '../../errors/env.js';
import { type ExecutionConfigInput, resolveExecutionConfig } from '../../execution/index.js';
import { BUY, LimitBook, SELL } from '../../sim/population/limitBook.js';
import { Env, type EnvMetadata } from '../core.js';
import { Box } from '../spaces/box.js';
import { positiveInt } from './tradingEnv.js';

/** Options of `MarketMakingEnv` (defaults: Avellaneda and Stoikov's 2008 simulation). */
export interface MarketMakingEnvConfig {
  /** Initial mid price (default 100). */
  s0?: number;
  /** Mid volatility per unit time (default 2). */
  sigma?: number;
  /** Horizon T (default 1). */
  horizon?: number;
  /** Steps per episode; dt = horizon / steps (default 200). */
  steps?: number;
  /** Order arrival intensity A at zero distance (default 140). */
  arrivalRate?: number;
  /** Intensity decay k: lambda(delta) = A exp(-k delta) (default 1.5). */
  k?: number;
  /** Inventory limit |q| <= maxInventory (default 50 lots). */
  maxInventory?: number;
  /** Largest quote offset from mid, price units (default 10). */
  maxOffset?: number;
  /** Largest quote size, lots (default 5). */
  maxSize?: number;
  /** Tick size (default 0.01). */
  tickSize?: number;
  /** Running inventory penalty phi: reward -= phi q^2 dt (default 0). */
  inventoryPenalty?: number;
  /** Terminal inventory penalty alpha: last reward -= alpha q_T^2 (default 0). */
  terminalPenalty?: number;
  /** Fees: the maker fee (bps of notional) of the shared execution config (default 1 bp). */
  execution?: ExecutionConfigInput;
}

const MM = 1;
const CROWD = 2;

/**
 * Market making on the simulator's limit order book (`src/sim` `LimitBook`, price-time priority on ticks).
 *
 * Each step the agent cancels its quotes and posts a bid at mid - bidOffset and an ask at mid + askOffset
 * (rounded outward to ticks) with the chosen sizes; sizes are cut so |inventory| stays within the limit.
 * The crowd then sends at most one buy and one sell order per step, each arriving with probability A dt
 * and reaching delta ~ Exponential(k) from mid as a 1-lot immediate-or-cancel limit order matched by the
 * book; so a quote at distance delta fills with probability A exp(-k delta) dt, the intensity of
 * Avellaneda and Stoikov. The mid follows ds = sigma dW. Maker fees are charged on fills.
 *
 * - Action: Box [bidOffset, askOffset, bidSize, askSize] in [0, maxOffset]^2 x [0, maxSize]^2.
 * - Observation: [inventory / maxInventory, time elapsed / T, (mid - s0) / (sigma sqrt(T))].
 * - Reward: change of mark-to-mid wealth (cash + q s) minus penalties. Terminated at T.
 *
 * Reference: Avellaneda and Stoikov (2008), "High-frequency trading in a limit order book", Quantitative
 * Finance 8(3); Jerome et al. (2022), "Model-based gym environments for limit order book trading" (mbt_gym).
 */
export class MarketMakingEnv extends Env<Float32Array, Float32Array> {
  readonly metadata: EnvMetadata = { id: 'MarketMakingEnv', renderModes: [] };
  readonly observationSpace = new Box(
    [-1, 0, Number.NEGATIVE_INFINITY],
    [1, 1, Number.POSITIVE_INFINITY],
    [3],
  );
  readonly actionSpace: Box;
  readonly s0: number;
  readonly sigma: number;
  readonly horizon: number;
  readonly nSteps: number;
  readonly dt: number;
  readonly arrivalRate: number;
  readonly k: number;
  readonly maxInventory: number;
  readonly tickSize: number;
  readonly inventoryPenalty: number;
  readonly terminalPenalty: number;
  readonly makerFee: number;
  /** Current mid price. */
  mid = 0;
  /** Inventory (lots, signed). */
  inventory = 0;
  /** Cash (price units). */
  cash = 0;
  /** Steps taken. */
  stepCount = 0;
  /** Fills this episode (bid and ask sides). */
  bidFills = 0;
  askFills = 0;
  private book: LimitBook;
  private bidHandle = -1;
  private askHandle = -1;
  private bidTick = 0;
  private askTick = 0;
  private readonly obs = new Float32Array(3);

  /** @throws {EnvConfigError} on bad options */
  constructor(config: MarketMakingEnvConfig = {}) {
    super();
    const id = this.metadata.id;
    this.s0 = config.s0 ?? 100;
    this.sigma = config.sigma ?? 2;
    this.horizon = config.horizon ?? 1;
    this.nSteps = positiveInt(id, 'steps', config.steps ?? 200);
    this.dt = this.horizon / this.nSteps;
    this.arrivalRate = config.arrivalRate ?? 140;
    this.k = config.k ?? 1.5;
    this.maxInventory = config.maxInventory ?? 50;
    this.tickSize = config.tickSize ?? 0.01;
    this.inventoryPenalty = config.inventoryPenalty ?? 0;
    this.terminalPenalty = config.terminalPenalty ?? 0;
    for (const [f, v] of Object.entries({
      s0: this.s0,
      sigma: this.sigma,
      horizon: this.horizon,
      k: this.k,
      tickSize: this.tickSize,
      maxInventory: this.maxInventory,
    })) {
      if (!(v > 0)) throw new EnvConfigError(id, f, `must be > 0, got ${v}`);
    }
    if (!(this.arrivalRate > 0 && this.arrivalRate * this.dt <= 1)) {
      throw new EnvConfigError(
        id,
        'arrivalRate',
        `needs 0 < A dt <= 1 (A = ${this.arrivalRate}, dt = ${this.dt}); use more steps`,
      );
    }
    this.makerFee = resolveExecutionConfig({ makerFeeBps: 1, ...config.execution }, 1).makerFeeBps / 1e4;
    this.actionSpace = new Box(
      [0, 0, 0, 0],
      [config.maxOffset ?? 10, config.maxOffset ?? 10, config.maxSize ?? 5, config.maxSize ?? 5],
      [4],
    );
    this.book = new LimitBook(this.s0 / this.tickSize, 1 << 12, 64);
    this.info = { mid: 0, inventory: 0, cash: 0, wealth: 0, bidFills: 0, askFills: 0 };
  }

  /** Time left to the horizon, T - t. */
  get timeLeft(): number {
    return this.horizon - this.stepCount * this.dt;
  }

  /** Mark-to-mid wealth: cash + inventory x mid. */
  get wealth(): number {
    return this.cash + this.inventory * this.mid;
  }

  protected onReset(_seed: number | undefined, _options: Record<string, unknown>): Float32Array {
    this.mid = this.s0;
    this.inventory = 0;
    this.cash = 0;
    this.stepCount = 0;
    this.bidFills = 0;
    this.askFills = 0;
    this.book = new LimitBook(this.s0 / this.tickSize, 1 << 12, 64);
    this.bidHandle = -1;
    this.askHandle = -1;
    this.writeInfo();
    return this.observe();
  }

  protected onStep(action: Float32Array): Float32Array {
    const before = this.wealth;
    const book = this.book;
    const s = this.mid;
    const bidSize = Math.min(this.clip(action, 2), this.maxInventory - this.inventory);
    const askSize = Math.min(this.clip(action, 3), this.maxInventory + this.inventory);
    const bidTick = Math.floor((s - this.clip(action, 0)) / this.tickSize + 1e-9);
    const askTick = Math.ceil((s + this.clip(action, 1)) / this.tickSize - 1e-9);
    // Re-quote: post the new quotes before cancelling the old ones, so the book's best-level search after a
    // cancel stops at the new quote (unless a new quote would cross an old one: cancel that one first).
    const oldBid = this.bidHandle;
    const oldAsk = this.askHandle;
    if (oldAsk >= 0 && bidTick >= this.askTick) book.cancel(oldAsk);
    if (oldBid >= 0 && askTick <= this.bidTick) book.cancel(oldBid);
    this.bidHandle = bidSize > 0 ? book.limit(MM, BUY, bidTick, bidSize) : -1;
    this.askHandle = askSize > 0 ? book.limit(MM, SELL, askTick, askSize) : -1;
    if (oldBid >= 0) book.cancel(oldBid);
    if (oldAsk >= 0) book.cancel(oldAsk);
    this.bidTick = bidTick;
    this.askTick = askTick;
    // Crowd: at most one buy and one sell per step, each reaching an Exponential(k) distance from mid.
    const p = this.arrivalRate * this.dt;
    if (this.rng.uniform() < p) this.crowd(BUY, s + this.rng.exponential(this.k));
    if (this.rng.uniform() < p) this.crowd(SELL, s - this.rng.exponential(this.k));
    this.mid = s + this.sigma * Math.sqrt(this.dt) * this.rng.normal();
    this.stepCount++;
    const q = this.inventory;
    this.reward = this.wealth - before - this.inventoryPenalty * q * q * this.dt;
    this.terminated = this.stepCount >= this.nSteps;
    if (this.terminated) {
      this.reward -= this.terminalPenalty * q * q;
      if (this.bidHandle >= 0) book.cancel(this.bidHandle);
      if (this.askHandle >= 0) book.cancel(this.askHandle);
    }
    this.writeInfo();
    return this.observe();
  }

  /** Action element i clipped into the action space. */
  private clip(action: Float32Array, i: number): number {
    const lo = this.actionSpace.low[i];
    const hi = this.actionSpace.high[i];
    const v = action[i];
    return v < lo ? lo : Math.min(v, hi);
  }

  private crowd(side: number, limitPx: number): void {
    const book = this.book;
    const tick =
      side === BUY ? Math.floor(limitPx / this.tickSize + 1e-9) : Math.ceil(limitPx / this.tickSize - 1e-9);
    const rest = book.limit(CROWD, side, tick, 1);
    for (let i = 0; i < book.nFills; i++) {
      if (book.fillMaker[i] !== MM) continue;
      const px = book.fillTick[i] * this.tickSize;
      const qty = book.fillQty[i];
      const fee = qty * px * this.makerFee;
      if (side === BUY) {
        this.inventory -= qty;
        this.cash += qty * px - fee;
        this.askFills++;
      } else {
        this.inventory += qty;
        this.cash -= qty * px + fee;
        this.bidFills++;
      }
    }
    if (rest >= 0) book.cancel(rest);
  }

  private observe(): Float32Array {
    this.obs[0] = Math.max(-1, Math.min(1, this.inventory / this.maxInventory));
    this.obs[1] = Math.min(1, (this.stepCount * this.dt) / this.horizon);
    this.obs[2] = (this.mid - this.s0) / (this.sigma * Math.sqrt(this.horizon));
    return this.obs;
  }

  private writeInfo(): void {
    const i = this.info;
    i.mid = this.mid;
    i.inventory = this.inventory;
    i.cash = this.cash;
    i.wealth = this.wealth;
    i.bidFills = this.bidFills;
    i.askFills = this.askFills;
  }
}
