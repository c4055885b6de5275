import type { Rng } from '../../math/rng.js';
import { type AgentContext, type AgentGroup, NS, type PopulationAgent } from './agent.js';
import { BUY, SELL } from './limitBook.js';

/** Parameters of an Avellaneda-Stoikov market maker (relative-price units). */
export interface MakerParams {
  /** Risk aversion per reference notional (dimensionless). */
  gamma: number;
  /** Order-arrival decay k (per unit relative price; 1e4 means intensity falls e-fold per 1 bp). */
  k: number;
  /** Horizon tau, seconds. */
  horizonSec: number;
  /** Reference notional for inventory (USD). */
  refUsd: number;
  /** Quote size of the first level (USD; level l holds (1 + l) times it) and levels per side. */
  levelUsd: number;
  levels: number;
  /** Ladder spacing: level l sits depthStep * l^2 beyond the touch (relative price). */
  depthStep: number;
  /** Price impact of net taker flow on the fair value, per USD (Kyle's lambda). */
  lambdaPerUsd: number;
  /** Share of the gap to the latent fundamental closed per requote (0 = uninformed maker). */
  anchor: number;
  /** Base requote interval, s (doubles up to 8x while nothing trades: coarse stepping). */
  requoteSec: number;
}

/** Defaults for a liquid major. */
export const DEFAULT_MAKER_PARAMS: MakerParams = {
  gamma: 2,
  k: 20_000,
  horizonSec: 3600,
  refUsd: 200_000,
  levelUsd: 60_000,
  levels: 6,
  depthStep: 0.0005,
  lambdaPerUsd: 3e-9,
  requoteSec: 30,
  anchor: 0.05,
};

/**
 * Avellaneda and Stoikov (2008, "High-frequency trading in a limit order book", Quantitative Finance 8(3))
 * market maker on one venue: reservation price r = f (1 - (x/X0) gamma sigma^2 tau), total spread
 * delta = gamma sigma^2 tau + (2/gamma) ln(1 + gamma/k), a ladder of `levels` quotes per side. The fair
 * value f learns from net taker flow (Kyle, 1985): f <- f exp(lambda * flow), with lambda scaled by the
 * current/base volatility ratio, and is pulled toward the other venue's mid. Requotes every `requoteSec`,
 * stretching the interval up to 8x while nothing fills and volatility is low (coarse event rate when the
 * market is quiet; quotes are unchanged in that case, so the statistics are too).
 */
export class AvellanedaStoikovMaker implements PopulationAgent {
  readonly group: AgentGroup = 'market_maker';
  private readonly handles: number[] = [];
  private fair: number;
  private lastFlow = 0;
  private lastVolume = 0;
  private interval: number;

  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
    private readonly v: number,
    private readonly p: MakerParams,
  ) {
    this.fair = ctx.market.venues[v].mid();
    this.interval = p.requoteSec;
  }

  wake(): number {
    const m = this.ctx.market;
    const venue = m.venues[this.v];
    const p = this.p;
    for (const h of this.handles) venue.cancel(h);
    this.handles.length = 0;
    const volRatio = Math.sqrt(m.varEwma / m.varBase);
    const flow = m.netFlowUsd[this.v] - this.lastFlow;
    this.lastFlow = m.netFlowUsd[this.v];
    // Impact of the flow since the last requote, saturating at 2% (a maker never jumps further in one step).
    this.fair *= Math.exp(
      0.02 * Math.tanh((p.lambdaPerUsd * Math.min(2, Math.max(0.5, volRatio)) * flow) / 0.02),
    );
    // Makers see a noisy read of the fundamental (informed flow, news): partial adjustment each requote.
    this.fair *= Math.exp(p.anchor * (m.logFundamental - Math.log(this.fair)));
    // Cross-venue anchor: lean toward the other venue (information travels between venues).
    const other = m.venues[1 - this.v].mid();
    this.fair *= Math.exp(0.1 * Math.log(other / this.fair));
    const sigma2 = Math.min(9, Math.max(0.25, volRatio * volRatio)) * (m.varBase / 60); // per second
    const x = venue.base[this.id] * this.fair;
    // Inventory skew, bounded at 5% (beyond that the maker only quotes the side that reduces inventory).
    const skew = Math.max(-0.05, Math.min(0.05, (x / p.refUsd) * p.gamma * sigma2 * p.horizonSec));
    const reservation = this.fair * (1 - skew);
    const spread = Math.min(
      0.02,
      Math.max(2e-5, p.gamma * sigma2 * p.horizonSec + (2 / p.gamma) * Math.log(1 + p.gamma / p.k)),
    );
    const qtyBase = p.levelUsd / this.fair;
    const limit = 8 * p.refUsd;
    for (let l = 0; l < p.levels; l++) {
      // Ladder: offsets grow quadratically (spread/2, +5 bp, +20 bp, +45 bp, ...), sizes linearly.
      const off = spread / 2 + p.depthStep * l * l;
      const qty = (1 + l) * qtyBase;
      if (x < limit) {
        const hb = venue.limit(this.id, BUY, reservation * (1 - off), qty);
        if (hb >= 0) this.handles.push(hb);
      }
      if (x > -limit) {
        const ha = venue.limit(this.id, SELL, reservation * (1 + off), qty);
        if (ha >= 0) this.handles.push(ha);
      }
    }
    venue.book.clearFills();
    // Coarse stepping: stretch the requote interval while quiet, snap back on activity.
    const traded = venue.barVolume !== this.lastVolume;
    this.lastVolume = venue.barVolume;
    if (traded || volRatio > 1.5) this.interval = p.requoteSec;
    else this.interval = Math.min(8 * p.requoteSec, this.interval * 2);
    return Math.floor(this.interval * (0.9 + 0.2 * this.rng.uniform()) * NS);
  }
}
