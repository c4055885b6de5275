import { EnvConfigError } from '../../errors/env.js';
import {
  createMarketSnapshot,
  type ExecutionConfigInput,
  ExecutionModel,
  type MarketSnapshot,
} from '../../execution/index.js';
import { BUY, LimitBook, SELL } from '../../sim/population/limitBook.js';
import type { EnvMetadata } from '../core.js';
import { type AgentDict, ParallelEnv } from '../parallelEnv.js';
import { Box } from '../spaces/box.js';
import { Discrete } from '../spaces/discrete.js';
import { MultiDiscrete } from '../spaces/multiDiscrete.js';
import type { Space } from '../spaces/space.js';
import { positiveInt } from './tradingEnv.js';

/** Agent ids of `MarketParallelEnv`. */
export const MARKET_AGENTS = ['market_maker', 'portfolio', 'risk', 'arbitrageur'] as const;
const MM = 0;
const PORT = 1;
const RISK = 2;
const ARB = 3;
const CROWD = 9;
const OBS = 6;

/** Options of `MarketParallelEnv`. */
export interface MarketParallelEnvConfig {
  /** Steps per episode (default 200). */
  steps?: number;
  /** Initial price (default 100). */
  s0?: number;
  /** Volatility of the external (fundamental) price per episode (default 2 price units over the horizon). */
  sigma?: number;
  /** Crowd arrival intensity A and decay k as in Avellaneda-Stoikov (default 140, 1.5). */
  arrivalRate?: number;
  k?: number;
  /** Capital per agent in quote units (default 10,000). */
  capital?: number;
  /** Arbitrage sizes in lots (default [1, 5, 20]). */
  arbSizes?: readonly number[];
  /** Hedge ratios of the risk agent (default [0, 0.5, 1]). */
  hedgeRatios?: readonly number[];
  /**
   * Kyle's lambda: the external price moves by lambda x the agents' net signed filled flow of the step (venue
   * fills plus external trades), in price units per lot (default 0.005), so actions move the market.
   */
  kyleLambda?: number;
  /** Agents whose wealth falls below this fraction of capital are liquidated and leave (default 0.5). */
  stopOutFraction?: number;
  /** Costs: maker/taker fees on the venue, spread and impact of the external venue (shared execution model). */
  execution?: ExecutionConfigInput;
}

/**
 * Market-making, portfolio, risk and arbitrage agents acting at once in one simulated market
 * (PettingZoo Parallel API).
 *
 * The venue is the simulator's limit order book (`src/sim` `LimitBook`). Each step:
 * 1. the market maker posts a bid and an ask (Box [bidOffset, askOffset, bidSize, askSize] around the
 *    external price); 2. the portfolio agent (Box [cash, asset] target weights), the risk agent (Discrete
 *    hedge ratio over a 24-step momentum book) and the arbitrageur (MultiDiscrete [none/buy venue-sell
 *    external/sell venue-buy external, size]) send market orders in a seeded random order; they take the
 *    maker's quotes first and the rest trades on the external venue through the shared execution model
 *    (half-spread, square-root impact, taker fee); 3. crowd orders arrive as in Avellaneda-Stoikov;
 *    4. the external price moves by Kyle's lambda times the agents' net order flow plus sigma dW, so the
 *    agents' actions move the market.
 *
 * Rewards: each agent's change of wealth marked at the external price, net of every fee, per unit of capital.
 * An agent whose wealth falls below `stopOutFraction` is terminated and leaves `agents`; all are truncated
 * at the last step. `state()`: [external price / s0, venue mid / s0, time, then per agent position value and
 * cash per unit of capital].
 *
 * Reference: Terry et al. (2021), "PettingZoo"; Avellaneda and Stoikov (2008); Kyle (1985).
 */
export class MarketParallelEnv extends ParallelEnv<Float32Array, Float32Array | Int32Array | number> {
  readonly metadata: EnvMetadata = { id: 'MarketParallelEnv', renderModes: [] };
  readonly possibleAgents: readonly string[] = MARKET_AGENTS;
  readonly stateSpace: Box;
  readonly nSteps: number;
  readonly s0: number;
  readonly sigma: number;
  readonly arrivalRate: number;
  readonly k: number;
  readonly capital: number;
  readonly arbSizes: Float64Array;
  readonly hedgeRatios: Float64Array;
  readonly stopOutFraction: number;
  readonly kyleLambda: number;
  readonly model: ExecutionModel;
  private readonly spaces: Record<string, { obs: Box; act: Space<Float32Array | Int32Array | number> }>;
  private readonly snap: MarketSnapshot = createMarketSnapshot(1);
  private book = new LimitBook(0, 1 << 12, 64);
  private readonly tick = 0.01;
  /** External (fundamental) price. */
  price = 0;
  private prevPrice = 0;
  private stepCount = 0;
  private readonly pos = new Float64Array(4);
  private readonly cash = new Float64Array(4);
  private readonly wealth0 = new Float64Array(4);
  private readonly history = new Float64Array(25);
  private readonly order = Int32Array.of(PORT, RISK, ARB);
  private bidHandle = -1;
  private askHandle = -1;
  /** Net signed market-order flow of the agents in the current step (lots). */
  private netFlow = 0;
  private readonly obsBufs: Float32Array[];

  /** @throws {EnvConfigError} on bad options */
  constructor(config: MarketParallelEnvConfig = {}) {
    super();
    const id = this.metadata.id;
    this.nSteps = positiveInt(id, 'steps', config.steps ?? 200);
    this.s0 = config.s0 ?? 100;
    this.sigma = config.sigma ?? 2;
    this.arrivalRate = config.arrivalRate ?? 140;
    this.k = config.k ?? 1.5;
    this.capital = config.capital ?? 10_000;
    this.stopOutFraction = config.stopOutFraction ?? 0.5;
    this.kyleLambda = config.kyleLambda ?? 0.005;
    if (!(this.kyleLambda >= 0))
      throw new EnvConfigError(id, 'kyleLambda', `must be >= 0, got ${this.kyleLambda}`);
    this.arbSizes = Float64Array.from(config.arbSizes ?? [1, 5, 20]);
    this.hedgeRatios = Float64Array.from(config.hedgeRatios ?? [0, 0.5, 1]);
    if (!(this.s0 > 0 && this.sigma > 0 && this.capital > 0 && this.k > 0)) {
      throw new EnvConfigError(id, 's0/sigma/capital/k', 'must all be > 0');
    }
    if (!(this.arrivalRate > 0 && this.arrivalRate / this.nSteps <= 1)) {
      throw new EnvConfigError(id, 'arrivalRate', 'needs 0 < A dt <= 1');
    }
    this.model = new ExecutionModel(
      {
        maxParticipation: Number.POSITIVE_INFINITY,
        allowShort: true,
        maxGrossLeverage: 10,
        ...config.execution,
      },
      1,
    );
    const inf = Number.POSITIVE_INFINITY;
    const obs = (): Box => new Box(-inf, inf, [OBS]);
    this.spaces = {
      market_maker: { obs: obs(), act: new Box([0, 0, 0, 0], [10, 10, 5, 5], [4]) },
      portfolio: { obs: obs(), act: new Box(0, 1, [2]) },
      risk: { obs: obs(), act: new Discrete(this.hedgeRatios.length) },
      arbitrageur: { obs: obs(), act: new MultiDiscrete([3, this.arbSizes.length]) },
    };
    this.obsBufs = MARKET_AGENTS.map(() => new Float32Array(OBS));
    this.stateSpace = new Box(-inf, inf, [3 + 2 * MARKET_AGENTS.length]);
  }

  observationSpace(agent: string): Box {
    return this.spaceOf(agent).obs;
  }

  actionSpace(agent: string): Space<Float32Array | Int32Array | number> {
    return this.spaceOf(agent).act;
  }

  protected onReset(_options: Record<string, unknown>): void {
    this.price = this.s0;
    this.prevPrice = this.s0;
    this.stepCount = 0;
    this.book = new LimitBook(this.s0 / this.tick, 1 << 12, 64);
    this.bidHandle = -1;
    this.askHandle = -1;
    this.pos.fill(0);
    this.cash.fill(this.capital);
    this.wealth0.fill(this.capital);
    this.history.fill(this.s0);
    for (let i = 0; i < MARKET_AGENTS.length; i++) {
      const a = MARKET_AGENTS[i];
      this.obs[a] = this.observe(i);
      this.infos[a] = { wealth: this.capital, position: 0 };
    }
  }

  protected onStep(actions: AgentDict<Float32Array | Int32Array | number>): void {
    const live = this.agents;
    for (let i = 0; i < 4; i++) this.wealth0[i] = this.cash[i] + this.pos[i] * this.price;
    const p = this.price;
    this.snap.mid[0] = p;
    this.snap.advBase[0] = 50_000;
    this.snap.dailyVol[0] = 0.03;
    // 1. Market maker quotes.
    const book = this.book;
    if (this.bidHandle >= 0) book.cancel(this.bidHandle);
    if (this.askHandle >= 0) book.cancel(this.askHandle);
    this.bidHandle = -1;
    this.askHandle = -1;
    const mm = actions.market_maker as Float32Array | undefined;
    if (mm) {
      const c = (v: number, hi: number): number => Math.min(hi, Math.max(0, v));
      const bidSize = c(mm[2], 5);
      const askSize = c(mm[3], 5);
      if (bidSize > 0)
        this.bidHandle = book.limit(MM, BUY, Math.floor((p - c(mm[0], 10)) / this.tick + 1e-9), bidSize);
      if (askSize > 0)
        this.askHandle = book.limit(MM, SELL, Math.ceil((p + c(mm[1], 10)) / this.tick - 1e-9), askSize);
    }
    // 2. Takers in a seeded random order.
    this.netFlow = 0;
    this.rng.shuffle(this.order);
    for (let j = 0; j < 3; j++) {
      const i = this.order[j];
      const a = MARKET_AGENTS[i];
      if (!(a in actions)) continue;
      const eq = this.cash[i] + this.pos[i] * p;
      if (i === PORT) {
        const w = actions[a] as Float32Array;
        const s = w[0] + w[1];
        const target = s > 0 ? ((w[1] / s) * eq) / p : 0;
        this.marketOrder(i, target - this.pos[i], true);
      } else if (i === RISK) {
        const momentum = Math.sign(this.history[this.history.length - 1] - this.history[0]);
        const h = this.hedgeRatios[actions[a] as number];
        this.marketOrder(i, (momentum * (1 - h) * eq) / p - this.pos[i], true);
      } else {
        const act = actions[a] as Int32Array;
        if (act[0] !== 0) {
          const q = act[0] === 1 ? this.arbSizes[act[1]] : -this.arbSizes[act[1]];
          const got = this.marketOrder(i, q, false);
          if (got !== 0) this.external(i, -got);
        }
      }
    }
    // 3. Crowd flow as in Avellaneda-Stoikov, then 4. the external price moves.
    const dt = 1 / this.nSteps;
    const prob = this.arrivalRate * dt;
    if (this.rng.uniform() < prob) this.venueOrder(CROWD, BUY, p + this.rng.exponential(this.k), 1);
    if (this.rng.uniform() < prob) this.venueOrder(CROWD, SELL, p - this.rng.exponential(this.k), 1);
    this.prevPrice = p;
    this.price = p + this.kyleLambda * this.netFlow + this.sigma * Math.sqrt(dt) * this.rng.normal();
    this.history.copyWithin(0, 1);
    this.history[this.history.length - 1] = this.price;
    this.stepCount++;
    const last = this.stepCount >= this.nSteps;
    for (const a of live) {
      const i = MARKET_AGENTS.indexOf(a as (typeof MARKET_AGENTS)[number]);
      const w = this.cash[i] + this.pos[i] * this.price;
      this.rewards[a] = (w - this.wealth0[i]) / this.capital;
      this.terminations[a] = w <= this.stopOutFraction * this.capital;
      this.truncations[a] = last && !this.terminations[a];
      this.obs[a] = this.observe(i);
      this.infos[a] = { wealth: w, position: this.pos[i] };
    }
  }

  protected writeState(out: Float32Array): void {
    out[0] = this.price / this.s0;
    out[1] = this.venueMid() / this.s0;
    out[2] = this.stepCount / this.nSteps;
    for (let i = 0; i < 4; i++) {
      out[3 + 2 * i] = (this.pos[i] * this.price) / this.capital;
      out[4 + 2 * i] = this.cash[i] / this.capital;
    }
  }

  /** Venue mid from the maker's quotes, or the external price when a side is empty. */
  venueMid(): number {
    const m = this.book.mid();
    return Number.isFinite(m) ? m * this.tick : this.price;
  }

  private spaceOf(agent: string): { obs: Box; act: Space<Float32Array | Int32Array | number> } {
    const s = this.spaces[agent];
    if (!s)
      throw new EnvConfigError(
        this.metadata.id,
        'agent',
        `unknown agent "${agent}" (agents: ${MARKET_AGENTS.join(', ')})`,
      );
    return s;
  }

  /** Market order on the venue; with `backstop` the unfilled rest trades externally. Returns qty filled on the venue. */
  private marketOrder(i: number, qty: number, backstop: boolean): number {
    if (!(Math.abs(qty) > 1e-9)) return 0;
    const got = this.venueOrder(i, qty > 0 ? BUY : SELL, Number.NaN, Math.abs(qty));
    this.netFlow += got;
    const rest = qty - got;
    if (backstop && Math.abs(rest) > 1e-9) this.external(i, rest);
    return got;
  }

  /**
   * An immediate-or-cancel order on the venue book (a market order when `limitPx` is NaN); settles maker
   * fills. Returns the signed filled quantity.
   */
  private venueOrder(owner: number, side: number, limitPx: number, lots: number): number {
    const book = this.book;
    let rest = -1;
    if (Number.isNaN(limitPx)) book.market(owner, side, lots);
    else {
      // Keep crowd limits inside the book's tick window (20 price units around the external price).
      const px = Math.min(this.price + 20, Math.max(this.price - 20, limitPx));
      const tick = side === BUY ? Math.floor(px / this.tick + 1e-9) : Math.ceil(px / this.tick - 1e-9);
      rest = book.limit(owner, side, tick, lots);
    }
    const maker = this.model.config.makerFeeBps / 1e4;
    const taker = this.model.config.takerFeeBps / 1e4;
    let filled = 0;
    for (let f = 0; f < book.nFills; f++) {
      const px = book.fillTick[f] * this.tick;
      const q = book.fillQty[f];
      const m = book.fillMaker[f];
      const signed = side === BUY ? q : -q;
      filled += signed;
      if (m < 4) {
        this.pos[m] -= signed;
        this.cash[m] += signed * px - q * px * maker;
      }
      if (owner < 4) {
        this.pos[owner] += signed;
        this.cash[owner] -= signed * px + q * px * taker;
      }
    }
    if (rest >= 0) book.cancel(rest);
    return filled;
  }

  /** A taker trade on the external venue priced by the shared execution model. */
  private external(i: number, qty: number): void {
    const px = this.model.takerPrice(0, qty, this.snap);
    this.netFlow += qty;
    this.pos[i] += qty;
    this.cash[i] -= qty * px + Math.abs(qty) * px * (this.model.config.takerFeeBps / 1e4);
  }

  private observe(i: number): Float32Array {
    const o = this.obsBufs[i];
    const mid = this.venueMid();
    o[0] = ((mid - this.price) / this.price) * 1e4;
    o[1] = ((this.price - this.prevPrice) / this.prevPrice) * 1e4;
    o[2] = this.stepCount / this.nSteps;
    const spread =
      this.bidHandle >= 0 && this.askHandle >= 0 && Number.isFinite(this.book.mid())
        ? (this.book.bestAsk - this.book.bestBid) * this.tick
        : 0;
    o[3] = (spread / this.price) * 1e4;
    o[4] = (this.pos[i] * this.price) / this.capital;
    o[5] = this.cash[i] / this.capital - 1;
    return o;
  }
}

function _clamp(v: number, hi: number): number {
  return v < 0 ? 0 : Math.min(v, hi);
}
