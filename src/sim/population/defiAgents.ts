import type { Rng } from '../../math/rng.js';
import { type AgentContext, type AgentGroup, expDelay, NS, type PopulationAgent, sizeUsd } from './agent.js';
import { BUY, SELL } from './limitBook.js';
import type { RecordSink } from './recordSink.js';
import { SIM_SOURCE } from './venue.js';

/** Liquidity provider: adds liquidity when fees are rich and mood is calm, withdraws in stress. */
export class LiquidityProvider implements PopulationAgent {
  readonly group: AgentGroup = 'lp';
  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
  ) {}

  wake(): number {
    const { pool, view, chain, market } = this.ctx;
    if (pool) {
      const stress = Math.sqrt(market.varEwma / market.varBase);
      const f = 0.02 * (this.rng.normal() + (stress > 2 ? -1 : 0.2) + 0.5 * view.mood);
      const me = `0xlp${this.id.toString(16)}`;
      pool.changeLiquidity(me, Math.max(-0.05, Math.min(0.05, f)));
      chain.transaction(view.nowMs, me, pool.pool, Math.abs(f) * pool.reserve0());
    }
    return expDelay(this.rng, 6 * 3600);
  }
}

/**
 * Uniswap v3 range liquidity provider: keeps one range around the price, of a half-width drawn from its own
 * scale and widened by volatility; re-centres (burn, collect, mint) when the price leaves the middle half of the
 * range, and withdraws in stress (volatility more than twice its base), coming back when calm.
 */
export class V3RangeProvider implements PopulationAgent {
  readonly group: AgentGroup = 'lp';
  private readonly halfWidth: number;
  private readonly usd: number;
  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
    medianUsd: number,
  ) {
    this.halfWidth = 0.01 + 0.09 * rng.uniform() ** 2;
    this.usd = medianUsd * Math.exp(0.5 * rng.normal());
  }

  wake(): number {
    const { v3, view, chain, market } = this.ctx;
    if (v3) {
      const me = `0xv3lp${this.id.toString(16)}`;
      const stress = Math.sqrt(market.varEwma / market.varBase);
      const px = v3.price();
      const r = v3.range(me);
      if (stress > 2) {
        if (r) {
          v3.setRange(me, 0, 0, 0);
          chain.transaction(view.nowMs, me, v3.pool, 0, 2);
        }
      } else if (!r || px < r.lo + 0.25 * (r.hi - r.lo) || px > r.hi - 0.25 * (r.hi - r.lo)) {
        const w = this.halfWidth * Math.min(3, Math.max(1, stress));
        v3.setRange(me, px * (1 - w), px * (1 + w), this.usd * (1 + 0.3 * view.mood));
        chain.transaction(view.nowMs, me, v3.pool, 0, 2);
      }
    }
    return expDelay(this.rng, 3600);
  }
}

/**
 * Bridge user: moves stablecoins between Ethereum and the L2 through the world's lock-and-mint bridge, toward the
 * L2 when mood is risk-on (chasing L2 DeFi yields) and back in risk-off; sizes grow with market activity.
 */
export class BridgeUser implements PopulationAgent {
  readonly group: AgentGroup = 'whale';
  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
    private readonly medianUsd: number,
  ) {}

  wake(): number {
    const { bridge, view, chain } = this.ctx;
    if (bridge) {
      const me = `0xbridger${this.id.toString(16)}`;
      const toL2 = this.rng.uniform() < 1 / (1 + Math.exp(-2 * view.mood - 0.2));
      const usd = sizeUsd(this.rng, this.medianUsd, 1) * view.activity;
      if (bridge.send(view.nowMs, me, usd, toL2) > 0)
        chain.transaction(view.nowMs, me, bridge.bridge.escrow, 0, 2);
    }
    return expDelay(this.rng, 2 * 3600);
  }
}

/** Lender: moves USDT into or out of the lending market as its supply rate beats or trails the policy rate. */
export class Lender implements PopulationAgent {
  readonly group: AgentGroup = 'lender';
  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
  ) {}

  wake(): number {
    const { lending, view } = this.ctx;
    const edge = lending.supplyRate() - view.policyRate;
    const usd = 2_000_000 * Math.tanh(20 * edge) * (0.5 + this.rng.uniform());
    lending.accrueTo(view.nowMs);
    lending.lend(`0xlender${this.id.toString(16)}`, usd);
    return expDelay(this.rng, 4 * 3600);
  }
}

/**
 * Leveraged borrower: deposits the asset as collateral and borrows USDT up to a target loan-to-value that
 * rises with mood and falls with the borrow rate; repays on bad mood.
 */
export class Borrower implements PopulationAgent {
  readonly group: AgentGroup = 'borrower';
  constructor(
    readonly id: number,
    private readonly slot: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
  ) {}

  wake(): number {
    const { lending, market, view } = this.ctx;
    const px = market.mid();
    const i = this.slot;
    const targetLtv = Math.max(0, Math.min(0.78, 0.45 + 0.3 * view.mood - 2 * lending.borrowRate()));
    lending.touch(view.nowMs, px);
    if (lending.collateralOf(i) === 0) lending.addCollateral(i, (200_000 * Math.exp(this.rng.normal())) / px);
    const d = lending.rebalanceDebt(i, lending.collateralOf(i) * px * targetLtv);
    // Borrowed USDT buys more of the asset (leverage loop) or sales repay it.
    if (Math.abs(d) > 1000) market.market(0, this.id, d > 0 ? BUY : SELL, (Math.abs(d) * 0.3) / px);
    return expDelay(this.rng, 8 * 3600, 1 + Math.abs(view.mood));
  }
}

/**
 * Liquidator: scans lending positions and perp positions every minute; liquidates unhealthy ones (exact
 * lending market: close factor 50%, 5% bonus, bad debt written off; full close on perps) and sells the seized collateral on the CEX, which
 * can push more positions under water (cascades).
 */
export class Liquidator implements PopulationAgent {
  readonly group: AgentGroup = 'liquidator';
  private seq = 0;
  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
    private readonly sink: RecordSink,
    private readonly perpImpact: number,
  ) {}

  wake(): number {
    const { lending, perp, market, view, chain } = this.ctx;
    const px = market.mid();
    const sym = market.spec.symbol;
    lending.touch(view.nowMs, px);
    for (let i = 0; i < lending.nBorrowers; i++) {
      // Cheap screen on the cached liquidation price (0.1% margin for interest accrued within the hour).
      if (px > lending.liquidationPrice(i) * 1.001 || lending.health(i, px) >= 1) continue;
      const me = `0xliq${this.id.toString(16)}`;
      const res = lending.liquidate(me, i);
      if (!res || !(res.seized > 0)) continue;
      const seize = res.seized;
      const tx = chain.transaction(view.nowMs, me, 'aave', seize);
      this.sink.push('liquidations', {
        tsEvent: view.nowMs,
        source: SIM_SOURCE,
        venue: 'aave',
        symbol: `${sym}/USDT`,
        liquidationId: `${tx}:${this.seq++}`,
        side: 'long',
        price: px,
        amount: seize,
        valueUsd: seize * px,
      });
      market.market(0, this.id, SELL, seize);
    }
    const mark = perp.mark();
    for (let i = 0; i < perp.size.length; i++) {
      const q = perp.size[i];
      if (q === 0) continue;
      if ((q > 0 && mark <= perp.liqPrice[i]) || (q < 0 && mark >= perp.liqPrice[i])) {
        perp.close(i, this.perpImpact);
        perp.liquidationsUsdHour += Math.abs(q) * mark;
        this.sink.push('liquidations', {
          tsEvent: view.nowMs,
          source: SIM_SOURCE,
          venue: 'binance',
          symbol: perp.symbol,
          liquidationId: `perp-${sym}-${this.seq++}`,
          side: q > 0 ? 'long' : 'short',
          price: mark,
          amount: Math.abs(q),
          valueUsd: Math.abs(q) * mark,
        });
        // The liquidation engine's hedge hits spot through basis arbitrage.
        market.market(0, this.id, q > 0 ? SELL : BUY, Math.abs(q) * 0.5);
      }
    }
    return Math.floor((50 + 20 * this.rng.uniform()) * NS);
  }
}

/** Leveraged perp trader: opens trend- and mood-following positions with 3-25x leverage, holds for hours. */
export class LeveragedTrader implements PopulationAgent {
  readonly group: AgentGroup = 'leveraged';
  private readonly leverage: number;
  constructor(
    readonly id: number,
    private readonly slot: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
    private readonly medianUsd: number,
    private readonly impact: number,
  ) {
    this.leverage = 3 + Math.floor(22 * rng.uniform() ** 2);
  }

  wake(): number {
    const { perp, market, view } = this.ctx;
    const r = this.rng;
    const i = this.slot;
    if (perp.size[i] !== 0 && r.uniform() < 0.5) perp.close(i, this.impact);
    else if (perp.size[i] === 0) {
      const trend = Math.log(market.mid()) - market.logMidHourAgo;
      const pLong = 1 / (1 + Math.exp(-(2 * view.mood + 60 * trend - 200 * perp.lastFunding)));
      const dir = r.uniform() < pLong ? 1 : -1;
      const usd = this.medianUsd * view.leverageMult * Math.exp(r.normal());
      perp.open(i, (dir * usd) / perp.mark(), this.leverage, this.impact);
    }
    return expDelay(r, 6 * 3600, view.activity);
  }
}

/** Staker: stakes when staking yield beats the policy rate and mood is good; unstakes in stress. */
export class Staker implements PopulationAgent {
  readonly group: AgentGroup = 'staker';
  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
  ) {}

  wake(): number {
    const { chain, view } = this.ctx;
    if (chain.stakingRatio > 0) {
      const yieldApr = 0.035 * (0.3 / chain.stakingRatio);
      const d = 0.0005 * (Math.tanh(30 * (yieldApr - view.policyRate)) + view.mood + 0.5 * this.rng.normal());
      chain.stakingRatio = Math.min(0.9, Math.max(0.05, chain.stakingRatio + d));
    }
    return expDelay(this.rng, 12 * 3600);
  }
}

/**
 * MEV searcher: at each block, sandwiches pending pool swaps larger than its threshold (front-run, victim,
 * back-run, bidding priority fees), then lets the rest execute; between blocks it back-runs with a
 * flash-loan-financed arbitrage when the pool drifts from the CEX (borrow, swap, repay in one transaction).
 */
export class MevSearcher implements PopulationAgent {
  readonly group: AgentGroup = 'mev';
  profitUsd = 0;
  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
    private readonly minVictimUsd: number,
  ) {}

  wake(): number {
    const { pool, mempool, view, chain, market } = this.ctx;
    if (pool && mempool) {
      const me = `0xmev${this.id.toString(16)}`;
      for (let k = 0; k < mempool.n; k++) {
        const zeroForOne = mempool.zeroForOne[k] === 1;
        const amt = mempool.amountIn[k];
        const usd = zeroForOne ? amt * pool.price() : amt;
        if (usd >= this.minVictimUsd) {
          const front = amt * 0.5;
          const gotFront = pool.swap(view.nowMs, me, front, zeroForOne, 20);
          pool.swap(view.nowMs, mempool.trader[k], amt, zeroForOne, 2);
          const back = pool.swap(view.nowMs, me, gotFront, !zeroForOne, 1);
          this.profitUsd += zeroForOne ? (back - front) * pool.price() : back - front;
          chain.pendingPriorityGwei += 20;
        } else pool.swap(view.nowMs, mempool.trader[k], amt, zeroForOne, 2);
      }
      mempool.clear();
      // Flash-loan back-run when the pool is far from the CEX (atomic: borrow, swap, sell, repay).
      const gap = Math.log(pool.price() / market.mid());
      if (Math.abs(gap) > 0.01) {
        const d0 = pool.amountToPrice(market.mid());
        if (d0 > 0) pool.swap(view.nowMs, `${me}flash`, d0 * 0.5, true, 30);
        else pool.swap(view.nowMs, `${me}flash`, -d0 * 0.5 * market.mid(), false, 30);
        pool.flashUsdDay += Math.abs(d0) * 0.5 * market.mid();
      }
    }
    return Math.floor(chain.blockMs * 1e6 * (0.95 + 0.1 * this.rng.uniform()));
  }
}
