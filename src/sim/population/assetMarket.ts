import type { RecordSink } from './recordSink.js';
import { SpotVenue } from './venue.js';

/** Static description of one simulated asset. */
export interface AssetSpec {
  /** Ticker, upper-case (`BTC`). */
  symbol: string;
  /** Initial price, USDT. */
  price: number;
  /** Chain the asset lives on (`bitcoin`, `ethereum`, `solana`). */
  chain: string;
  /** Loading on the common crypto factor (1 = market). */
  beta: number;
  /** Idiosyncratic volatility of the fundamental, per day (decimal). */
  idioVolDaily: number;
  /** Has a DEX pool against USDC. */
  dex: boolean;
  /** Has proof-of-stake staking. */
  staking: boolean;
}

/** Shared world state an asset's agents read (written by the world each step). */
export interface WorldView {
  /** Social mood in [-1, 1]. */
  mood: number;
  /** Activity multiplier on agent arrival rates (regime x volatility feedback x news). */
  activity: number;
  /** Policy rate (decimal per year). */
  policyRate: number;
  /** Current time, ms. */
  nowMs: number;
  /** Multiplier on leveraged traders' position sizes (scenario leverage build-ups). */
  leverageMult: number;
}

/**
 * One asset's markets: two CEX spot venues (`binance`, `coinbase`), the latent fundamental (log price)
 * that value traders estimate, and recent-return state for momentum and herding agents.
 */
export class AssetMarket {
  readonly venues: SpotVenue[];
  /** Latent fundamental, log USDT price. */
  logFundamental: number;
  /** Log mid of venue A one hour ago (for herding), updated hourly by the world. */
  logMidHourAgo: number;
  /** EWMA (4-hour memory) of squared 1-minute log returns of venue A. */
  varEwma: number;
  /** Baseline of {@link varEwma} (long EWMA). */
  varBase: number;
  /** Cumulative taker flow in USD per venue (buy minus sell), read by market makers. */
  readonly netFlowUsd: Float64Array;

  constructor(
    readonly spec: AssetSpec,
    nAgents: number,
    sink: RecordSink,
  ) {
    const tick = niceTick(spec.price);
    this.venues = [
      new SpotVenue('binance', `${spec.symbol}/USDT`, tick, spec.price, nAgents, 0.0005, sink),
      new SpotVenue('coinbase', `${spec.symbol}/USDT`, tick, spec.price, nAgents, 0.0007, sink),
    ];
    this.logFundamental = Math.log(spec.price);
    this.logMidHourAgo = this.logFundamental;
    const v = (0.006 * 0.006) / 60;
    this.varEwma = v;
    this.varBase = v;
    this.netFlowUsd = new Float64Array(this.venues.length);
  }

  /** Market order on venue `v` that also books the taker flow. */
  market(v: number, agent: number, side: number, qty: number): number {
    const venue = this.venues[v];
    const got = venue.market(agent, side, qty);
    this.netFlowUsd[v] += (side === 0 ? 1 : -1) * got * venue.last;
    return got;
  }

  /** Limit order on venue `v` that books any immediate taker flow. */
  limit(v: number, agent: number, side: number, price: number, qty: number): number {
    const venue = this.venues[v];
    const before = venue.barVolume;
    const h = venue.limit(agent, side, price, qty);
    const got = venue.barVolume - before;
    if (got > 0) this.netFlowUsd[v] += (side === 0 ? 1 : -1) * got * venue.last;
    return h;
  }

  /** Mid of venue A, USDT. */
  mid(): number {
    return this.venues[0].mid();
  }
}

/** A tick of about 1-2 basis points of `price`, rounded to 1, 2 or 5 times a power of ten. */
export function niceTick(price: number): number {
  const raw = price * 1.5e-5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 2 ? 1 : m < 5 ? 2 : 5) * p;
}
