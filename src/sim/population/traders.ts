import type { Rng } from '../../math/rng.js';
import { type AgentContext, type AgentGroup, expDelay, NS, type PopulationAgent, sizeUsd } from './agent.js';
import { BUY, SELL } from './limitBook.js';

/**
 * Noise trader: Poisson arrivals (rate scaled by world activity); half market orders, half limit orders a
 * few basis points from the mid that replace its previous one. Log-normal sizes (heavy right tail).
 */
export class NoiseTrader implements PopulationAgent {
  readonly group: AgentGroup = 'noise';
  private handle = -1;
  private venueOfHandle = 0;

  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
    private readonly meanSec: number,
    private readonly medianUsd: number,
  ) {}

  wake(): number {
    const { market, view } = this.ctx;
    const r = this.rng;
    const v = r.uniform() < 0.65 ? 0 : 1;
    const venue = market.venues[v];
    const mid = venue.mid();
    const qty = sizeUsd(r, this.medianUsd, 1) / mid;
    const side = r.uniform() < 0.5 ? BUY : SELL;
    if (this.handle >= 0) market.venues[this.venueOfHandle].cancel(this.handle);
    this.handle = -1;
    if (r.uniform() < 0.5) market.market(v, this.id, side, qty);
    else {
      const off = (1 + r.exponential(1 / 4)) * 1e-4;
      this.handle = market.limit(v, this.id, side, mid * (side === BUY ? 1 - off : 1 + off), qty);
      this.venueOfHandle = v;
    }
    return expDelay(r, this.meanSec, view.activity);
  }
}

/**
 * Value (fundamentalist) trader: estimates the latent fundamental with a persistent private bias and trades
 * toward it when the mispricing exceeds its threshold, size growing with the gap (Chiarella et al., 2009).
 */
export class ValueTrader implements PopulationAgent {
  readonly group: AgentGroup = 'value';
  private bias: number;
  private readonly threshold: number;

  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
    private readonly meanSec: number,
    private readonly medianUsd: number,
  ) {
    this.bias = 0.004 * rng.normal();
    this.threshold = 0.002 + 0.008 * rng.uniform();
  }

  wake(): number {
    const { market, view } = this.ctx;
    const r = this.rng;
    this.bias = 0.995 * this.bias + 0.0004 * r.normal();
    const mid = market.mid();
    const gap = market.logFundamental + this.bias - Math.log(mid);
    if (Math.abs(gap) > this.threshold) {
      const usd = this.medianUsd * Math.min(4, Math.abs(gap) / this.threshold) * Math.exp(0.5 * r.normal());
      market.market(r.uniform() < 0.8 ? 0 : 1, this.id, gap > 0 ? BUY : SELL, usd / mid);
    }
    return expDelay(r, this.meanSec, Math.sqrt(view.activity));
  }
}

/** Momentum (trend-following) trader: EMA of log price at its own horizon; trades the sign of the trend. */
export class MomentumTrader implements PopulationAgent {
  readonly group: AgentGroup = 'momentum';
  private ema = Number.NaN;
  private lastNs = 0;
  private readonly horizonSec: number;
  private readonly threshold: number;

  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
    private readonly meanSec: number,
    private readonly medianUsd: number,
  ) {
    this.horizonSec = 1800 * Math.exp(2 * rng.uniform());
    this.threshold = 0.002 + 0.006 * rng.uniform();
  }

  wake(nowNs: number): number {
    const { market, view } = this.ctx;
    const r = this.rng;
    const x = Math.log(market.mid());
    if (Number.isNaN(this.ema)) this.ema = x;
    const dt = nowNs >= this.lastNs ? (nowNs - this.lastNs) / NS : this.meanSec;
    this.lastNs = nowNs;
    this.ema += (1 - Math.exp(-dt / this.horizonSec)) * (x - this.ema);
    const s = x - this.ema;
    if (Math.abs(s) > this.threshold) {
      const usd = this.medianUsd * Math.min(3, Math.abs(s) / this.threshold);
      market.market(0, this.id, s > 0 ? BUY : SELL, usd / Math.exp(x));
    }
    return expDelay(r, this.meanSec, view.activity);
  }
}

/**
 * Sentiment-driven retail: arrivals rise with |mood| and activity; buys with probability
 * sigmoid(2.5 mood + 80 r_1h) (herding on mood and the last hour's move). On DEX assets a share of orders
 * goes to the pool through the public mempool (where MEV searchers see it).
 */
export class SentimentRetail implements PopulationAgent {
  readonly group: AgentGroup = 'retail';

  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
    private readonly meanSec: number,
    private readonly medianUsd: number,
  ) {}

  wake(): number {
    const { market, view, mempool, pool } = this.ctx;
    const r = this.rng;
    const mid = market.mid();
    const ret1h = Math.log(mid) - market.logMidHourAgo;
    const pBuy = 1 / (1 + Math.exp(-(2.5 * view.mood + 80 * ret1h)));
    const buy = r.uniform() < pBuy;
    const usd = sizeUsd(r, this.medianUsd, 1.2);
    if (mempool && pool && r.uniform() < 0.3) {
      mempool.add(buy ? usd : usd / mid, !buy, `0xretail${this.id.toString(16)}`);
    } else market.market(r.uniform() < 0.6 ? 0 : 1, this.id, buy ? BUY : SELL, usd / mid);
    return expDelay(r, this.meanSec, (1 + 3 * Math.abs(view.mood)) * view.activity);
  }
}

/**
 * Whale: every few days moves a large amount between a cold wallet and the exchange (an on-chain transfer
 * counted in exchange inflow/outflow), then works the order in slices over the next hour; sells lean on bad
 * mood, buys on good mood.
 */
export class Whale implements PopulationAgent {
  readonly group: AgentGroup = 'whale';
  private remaining = 0;
  private side = BUY;
  private slice = 0;

  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
    private readonly meanDays: number,
    private readonly medianUsd: number,
  ) {}

  wake(): number {
    const { market, view, chain } = this.ctx;
    const r = this.rng;
    const mid = market.mid();
    if (this.remaining > 0) {
      const q = Math.min(this.remaining, this.slice);
      market.market(0, this.id, this.side, q);
      this.remaining -= q;
      if (this.remaining <= 0 && this.side === BUY) {
        chain.transaction(view.nowMs, 'binance_hot', `0xwhale${this.id.toString(16)}`, q);
        chain.hourOutflow += this.slice * 12;
        chain.exchangeBalance -= this.slice * 12;
        chain.hourWhale++;
      }
      if (this.remaining <= 0) return expDelay(r, this.meanSec);
      return Math.floor((30 + 60 * r.uniform()) * NS);
    }
    const usd = sizeUsd(r, this.medianUsd, 0.8);
    this.side = r.uniform() < 1 / (1 + Math.exp(-2 * view.mood)) ? BUY : SELL;
    this.remaining = usd / mid;
    this.slice = this.remaining / 12;
    if (this.side === SELL) {
      chain.transaction(view.nowMs, `0xwhale${this.id.toString(16)}`, 'binance_hot', this.remaining);
      chain.hourInflow += this.remaining;
      chain.exchangeBalance += this.remaining;
      chain.hourWhale++;
      return Math.floor((600 + 1800 * r.uniform()) * NS); // deposit confirms, then sells
    }
    return Math.floor(60 * NS);
  }

  /** Mean days between whale decisions (used by the world to schedule the first one). */
  get meanSec(): number {
    return this.meanDays * 86_400;
  }
}
