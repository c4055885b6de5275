import { EnvConfigError } from '../../errors/env.js';
import {
  createMarketSnapshot,
  type ExecutionConfigInput,
  ExecutionModel,
  type MarketSnapshot,
} from '../../execution/index.js';
import { deriveSeed, Rng } from '../../math/rng.js';
import { Env, type EnvMetadata } from '../core.js';
import { Box } from '../spaces/box.js';
import { Discrete } from '../spaces/discrete.js';
import { positiveInt } from './tradingEnv.js';

/** Routes of an opportunity. */
export const ARB_ROUTES = [
  'cex-a->cex-b',
  'cex-b->cex-a',
  'dex->cex-a',
  'cex-a->dex',
  'triangular-a',
] as const;
const R = ARB_ROUTES.length;
/** Execution-model asset indices: BTC/USDT on venue A, BTC/USDT on venue B, ETH/BTC on A, ETH/USDT on A. */
const BTC_A = 0;
const BTC_B = 1;
const ETHBTC_A = 2;
const ETH_A = 3;
/** Per-opportunity tape fields. */
const F_P = 0; // BTC reference price (USDT)
const F_B = 1; // venue B mid / A mid - 1
const F_DEX = 2; // DEX price / A mid - 1
const F_DEXLIQ = 3; // DEX USDT reserve
const F_TRI = 4; // ETH/BTC mispricing vs ETH/USDT / BTC/USDT
const F_ETH = 5; // ETH/USDT price
const F_MOVE_A = 6; // latency moves (decimal) per venue
const F_MOVE_B = 7;
const F_MOVE_DEX = 8;
const F_MOVE_X = 9;
const F_DECAY = 10; // 1 when the dislocation closed during the latency
const F_GAS = 11; // gas per DEX swap (USDT)
const F_ADV = 12; // CEX depth proxy: ADV in BTC for the sqrt impact model
const NF = 13;

/** Options of `ArbitrageEnv`. */
export interface ArbitrageEnvConfig {
  /** Opportunities per episode (default 32). */
  opportunities?: number;
  /** Capital per opportunity in USDT (default 100,000). */
  capitalUsd?: number;
  /** Sizes as fractions of capital (default [0.1, 0.25, 0.5, 1]). */
  sizeBuckets?: readonly number[];
  /** Std of the price move between legs, in bps (default 4). */
  latencyMoveBps?: number;
  /** DEX swap fee (default 0.003, Uniswap v2). */
  dexFee?: number;
  /** CEX execution settings (default VIP-like 2 bps taker fee, 0.5 bp half-spread, sqrt impact). */
  execution?: ExecutionConfigInput;
}

/** A snapshot of an episode's mutable state, for tree search (`cloneState` / `restoreState`). */
export interface ArbitrageState {
  k: number;
  stage: number;
  route: number;
  size: number;
  /** Signed quantities held after leg 1 (BTC, ETH) and cash spent (USDT). */
  leg1Btc: number;
  leg1Cash: number;
  pnl: number;
  seed: number;
}

/**
 * Arbitrage as a sequential decision, suited to tree search (MCTS): each opportunity is decided in three
 * stages: route (one of cross-venue A->B, B->A, CEX-DEX both ways, triangular on A; or skip), size
 * (a capital bucket; or abort), then, after leg 1 filled and prices moved during the latency, complete or
 * abort (unwind leg 1 at the moved price, paying costs again).
 *
 * - Action: Discrete(max(routes, sizes) + 1); the last index is skip/abort at every stage. At stage 2
 *   action 0 completes. `actionMask()` lists the meaningful actions of the current stage.
 * - CEX legs are priced by the shared execution model (`takerPrice`: half-spread + square-root impact,
 *   taker fee); DEX legs by the constant-product rule out = in(1-fee)R_out / (R_in + in(1-fee)) plus gas.
 * - All randomness is drawn at `reset` into an opportunity tape, so the state is a few numbers:
 *   `cloneState`/`restoreState` make exact lookahead cheap.
 * - Reward: realized P&L of the stage in units of capital (decimal). Inventory left after an opportunity is
 *   valued at the reference price. Terminated after the last opportunity.
 *
 * Reference: Makarov and Schoar (2020), "Trading and arbitrage in cryptocurrency markets" (cross-venue);
 * Adams et al. (2020), "Uniswap v2 Core" (constant product); Silver et al. (2016) for tree search.
 */
export class ArbitrageEnv extends Env<Float32Array, number> {
  readonly metadata: EnvMetadata = { id: 'ArbitrageEnv', renderModes: [] };
  readonly observationSpace: Box;
  readonly actionSpace: Discrete;
  readonly nOpportunities: number;
  readonly capitalUsd: number;
  readonly sizeBuckets: Float64Array;
  readonly latencyMove: number;
  readonly dexFee: number;
  readonly model: ExecutionModel;
  private readonly snap: MarketSnapshot = createMarketSnapshot(4);
  private readonly tape: Float64Array;
  private readonly obs: Float32Array;
  private readonly mask: Uint8Array;
  private readonly abortAction: number;
  private s: ArbitrageState = { k: 0, stage: 0, route: 0, size: 0, leg1Btc: 0, leg1Cash: 0, pnl: 0, seed: 0 };

  /** @throws {EnvConfigError} on bad options */
  constructor(config: ArbitrageEnvConfig = {}) {
    super();
    const id = this.metadata.id;
    this.nOpportunities = positiveInt(id, 'opportunities', config.opportunities ?? 32);
    this.capitalUsd = config.capitalUsd ?? 100_000;
    if (!(this.capitalUsd > 0)) throw new EnvConfigError(id, 'capitalUsd', 'must be > 0');
    this.sizeBuckets = Float64Array.from(config.sizeBuckets ?? [0.1, 0.25, 0.5, 1]);
    if (this.sizeBuckets.length === 0 || this.sizeBuckets.some((x) => !(x > 0 && x <= 1))) {
      throw new EnvConfigError(id, 'sizeBuckets', 'needs fractions of capital in (0, 1]');
    }
    this.latencyMove = (config.latencyMoveBps ?? 4) / 1e4;
    this.dexFee = config.dexFee ?? 0.003;
    this.model = new ExecutionModel(
      {
        takerFeeBps: 2,
        makerFeeBps: 0,
        halfSpreadBps: 0.5,
        maxParticipation: Number.POSITIVE_INFINITY,
        allowShort: true,
        maxGrossLeverage: 10,
        ...config.execution,
      },
      4,
    );
    this.abortAction = Math.max(R, this.sizeBuckets.length);
    this.actionSpace = new Discrete(this.abortAction + 1);
    const size = 3 + R + R + this.sizeBuckets.length + 4;
    this.observationSpace = new Box(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, [size]);
    this.obs = new Float32Array(size);
    this.mask = new Uint8Array(this.abortAction + 1);
    this.tape = new Float64Array(this.nOpportunities * NF);
    this.info = { opportunity: 0, stage: 0, pnl: 0 };
  }

  /** A copy of the mutable state (the opportunity tape is immutable within an episode). */
  cloneState(): ArbitrageState {
    return { ...this.s };
  }

  /** Restores a state from `cloneState` of the same episode (same seed). */
  restoreState(state: ArbitrageState): void {
    if (state.seed !== this.s.seed)
      throw new EnvConfigError(this.metadata.id, 'state', 'belongs to another episode');
    this.s = { ...state };
    this.observe();
  }

  /** 1 for the actions that mean something at the current stage (the abort index is always valid). */
  actionMask(): Uint8Array {
    this.mask.fill(0);
    const n = this.s.stage === 0 ? R : this.s.stage === 1 ? this.sizeBuckets.length : 1;
    for (let i = 0; i < n; i++) this.mask[i] = 1;
    this.mask[this.abortAction] = 1;
    return this.mask;
  }

  /** Expected P&L (USDT) of running `route` at `size` now, before latency (for baselines and tests). */
  quotedEdge(route: number, sizeIdx: number): number {
    const q = (this.sizeBuckets[sizeIdx] * this.capitalUsd) / this.tape[this.s.k * NF + F_P];
    const btc = this.leg1(route, q, false);
    return this.leg2(route, btc.btc, btc.cash, false) - btc.cash;
  }

  protected onReset(seed: number | undefined, _options: Record<string, unknown>): Float32Array {
    const episodeSeed = seed ?? this.rng.nextUint32();
    const rng = new Rng(deriveSeed(episodeSeed, 'arbitrage-tape'));
    let p = 30_000;
    let eth = 2_000;
    for (let k = 0; k < this.nOpportunities; k++) {
      const o = k * NF;
      p *= Math.exp(0.01 * rng.normal());
      eth *= Math.exp(0.012 * rng.normal());
      const jump = (x: number, prob: number, scale: number): number =>
        x + (rng.uniform() < prob ? (rng.uniform() < 0.5 ? -1 : 1) * scale * (0.5 + rng.uniform()) : 0);
      this.tape[o + F_P] = p;
      this.tape[o + F_ETH] = eth;
      this.tape[o + F_B] = jump(3e-4 * rng.normal(), 0.35, 25e-4);
      this.tape[o + F_DEX] = jump(8e-4 * rng.normal(), 0.35, 60e-4);
      this.tape[o + F_DEXLIQ] = 2e6 * Math.exp(1.2 * rng.uniform());
      this.tape[o + F_TRI] = jump(2e-4 * rng.normal(), 0.25, 20e-4);
      this.tape[o + F_MOVE_A] = this.latencyMove * rng.normal();
      this.tape[o + F_MOVE_B] = this.latencyMove * rng.normal();
      this.tape[o + F_MOVE_DEX] = this.latencyMove * rng.normal();
      this.tape[o + F_MOVE_X] = this.latencyMove * rng.normal();
      this.tape[o + F_DECAY] = rng.uniform() < 0.3 ? 1 : 0;
      this.tape[o + F_GAS] = 3 + 20 * rng.uniform();
      this.tape[o + F_ADV] = (2e9 * Math.exp(rng.normal() * 0.3)) / p;
    }
    this.s = { k: 0, stage: 0, route: 0, size: 0, leg1Btc: 0, leg1Cash: 0, pnl: 0, seed: episodeSeed };
    this.writeInfo();
    return this.observe();
  }

  protected onStep(action: number): Float32Array {
    const s = this.s;
    const abort = action === this.abortAction;
    let pnl = 0;
    if (s.stage === 0) {
      if (abort) this.nextOpportunity();
      else {
        s.route = action % R;
        s.stage = 1;
      }
    } else if (s.stage === 1) {
      if (abort) this.nextOpportunity();
      else {
        s.size = Math.min(action, this.sizeBuckets.length - 1);
        const q = (this.sizeBuckets[s.size] * this.capitalUsd) / this.tape[s.k * NF + F_P];
        const l1 = this.leg1(s.route, q, false);
        s.leg1Btc = l1.btc;
        s.leg1Cash = l1.cash;
        s.stage = 2;
      }
    } else {
      // Leg 1 is done; prices have moved by the latency draws.
      const back = abort ? this.unwind(s.route, s.leg1Btc) : this.leg2(s.route, s.leg1Btc, s.leg1Cash, true);
      pnl = back - s.leg1Cash;
      this.nextOpportunity();
    }
    s.pnl += pnl;
    this.reward = pnl / this.capitalUsd;
    this.terminated = s.k >= this.nOpportunities;
    this.writeInfo();
    return this.observe();
  }

  private nextOpportunity(): void {
    const s = this.s;
    s.k++;
    s.stage = 0;
    s.leg1Btc = 0;
    s.leg1Cash = 0;
  }

  /** Prices the CEX snapshot for opportunity k (moved: after the latency). */
  private price(moved: boolean): MarketSnapshot {
    const o = this.s.k * NF;
    const t = this.tape;
    const m = this.snap;
    const p = t[o + F_P];
    const decay = moved && t[o + F_DECAY] === 1 ? 0 : 1;
    m.mid[BTC_A] = p * (1 + (moved ? t[o + F_MOVE_A] : 0));
    m.mid[BTC_B] = p * (1 + decay * t[o + F_B] + (moved ? t[o + F_MOVE_B] : 0));
    m.mid[ETH_A] = t[o + F_ETH] * (1 + (moved ? t[o + F_MOVE_X] : 0));
    m.mid[ETHBTC_A] = (t[o + F_ETH] / p) * (1 + decay * t[o + F_TRI]);
    for (let a = 0; a < 4; a++) {
      m.advBase[a] = a === ETH_A || a === ETHBTC_A ? (t[o + F_ADV] * p) / t[o + F_ETH] : t[o + F_ADV];
      m.dailyVol[a] = 0.03;
    }
    return m;
  }

  /** USDT received (+) or paid (-, as positive cost) for a taker trade of `qty` on `asset`, fee included. */
  private cex(asset: number, qty: number, m: MarketSnapshot): number {
    const px = this.model.takerPrice(asset, qty, m);
    const fee = (Math.abs(qty) * px * this.model.config.takerFeeBps) / 1e4;
    return -qty * px - fee;
  }

  /** DEX pool state for opportunity k: [USDT reserve, BTC reserve]. */
  private pool(moved: boolean): [number, number] {
    const o = this.s.k * NF;
    const t = this.tape;
    const decay = moved && t[o + F_DECAY] === 1 ? 0 : 1;
    const px = t[o + F_P] * (1 + decay * t[o + F_DEX] + (moved ? t[o + F_MOVE_DEX] : 0));
    const usd = t[o + F_DEXLIQ];
    return [usd, usd / px];
  }

  /** Leg 1: returns BTC bought (q) and USDT spent (cash > 0 means spent). */
  private leg1(route: number, q: number, moved: boolean): { btc: number; cash: number } {
    const m = this.price(moved);
    if (route === 0 || route === 3 || route === 4) return { btc: q, cash: -this.cex(BTC_A, q, m) };
    if (route === 1) return { btc: q, cash: -this.cex(BTC_B, q, m) };
    // route 2: buy q BTC on the DEX: amountIn = R_usd * q / ((R_btc - q)(1 - fee)), plus gas.
    const [ru, rb] = this.pool(moved);
    const qq = Math.min(q, rb * 0.5);
    const amountIn = (ru * qq) / ((rb - qq) * (1 - this.dexFee));
    return { btc: qq, cash: amountIn + this.tape[this.s.k * NF + F_GAS] };
  }

  /** Legs 2+ (after latency): sells `btc` along the route; returns USDT received. */
  private leg2(route: number, btc: number, _spent: number, moved: boolean): number {
    const m = this.price(moved);
    if (route === 0 || route === 2) return this.cex(route === 0 ? BTC_B : BTC_A, -btc, m);
    if (route === 1) return this.cex(BTC_A, -btc, m);
    if (route === 3) {
      const [ru, rb] = this.pool(moved);
      const inFee = btc * (1 - this.dexFee);
      return (inFee * ru) / (rb + inFee) - this.tape[this.s.k * NF + F_GAS];
    }
    // Triangular: BTC -> ETH on ETH/BTC (buy ETH paying BTC), then ETH -> USDT.
    const ethbtc = this.model.takerPrice(ETHBTC_A, btc / m.mid[ETHBTC_A], m);
    const eth = (btc * (1 - this.model.config.takerFeeBps / 1e4)) / ethbtc;
    return this.cex(ETH_A, -eth, m);
  }

  /** Abort: sells the leg-1 BTC back on the venue it came from at the moved price. */
  private unwind(route: number, btc: number): number {
    const m = this.price(true);
    if (route === 1) return this.cex(BTC_B, -btc, m);
    if (route === 2) {
      const [ru, rb] = this.pool(true);
      const inFee = btc * (1 - this.dexFee);
      return (inFee * ru) / (rb + inFee) - this.tape[this.s.k * NF + F_GAS];
    }
    return this.cex(BTC_A, -btc, m);
  }

  private observe(): Float32Array {
    const o = this.obs;
    const s = this.s;
    o.fill(0);
    if (s.k >= this.nOpportunities) return o;
    o[s.stage] = 1;
    const q1 = (this.sizeBuckets[0] * this.capitalUsd) / this.tape[s.k * NF + F_P];
    for (let r = 0; r < R; r++) {
      // Quoted edge (bps of notional) of the smallest size, before latency.
      const l1 = this.leg1(r, q1, false);
      o[3 + r] =
        ((this.leg2(r, l1.btc, l1.cash, false) - l1.cash) / (this.sizeBuckets[0] * this.capitalUsd)) * 1e4;
      o[3 + R + r] = s.stage > 0 && s.route === r ? 1 : 0;
    }
    if (s.stage === 2) {
      o[3 + 2 * R + s.size] = 1;
      const complete = this.leg2(s.route, s.leg1Btc, s.leg1Cash, true) - s.leg1Cash;
      const abort = this.unwind(s.route, s.leg1Btc) - s.leg1Cash;
      const n = 3 + 2 * R + this.sizeBuckets.length;
      o[n] = (complete / this.capitalUsd) * 1e4;
      o[n + 1] = (abort / this.capitalUsd) * 1e4;
    }
    const n = 3 + 2 * R + this.sizeBuckets.length;
    o[n + 2] = s.pnl / this.capitalUsd;
    o[n + 3] = 1 - s.k / this.nOpportunities;
    return o;
  }

  private writeInfo(): void {
    this.info.opportunity = this.s.k;
    this.info.stage = this.s.stage;
    this.info.pnl = this.s.pnl;
  }
}
