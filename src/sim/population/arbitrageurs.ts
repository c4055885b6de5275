import type { Rng } from '../../math/rng.js';
import { type AgentContext, type AgentGroup, NS, type PopulationAgent } from './agent.js';
import { BUY, SELL } from './limitBook.js';

/**
 * Cross-venue arbitrageur: when one venue's bid exceeds the other's ask by more than both taker fees,
 * buys the cheap venue and sells the rich one (bounded size per pass).
 */
export class CrossVenueArbitrageur implements PopulationAgent {
  readonly group: AgentGroup = 'arbitrage';

  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
    private readonly everySec: number,
    private readonly maxUsd: number,
  ) {}

  wake(): number {
    const m = this.ctx.market;
    const [a, b] = m.venues;
    const fees = a.takerFee + b.takerFee;
    for (let pass = 0; pass < 3; pass++) {
      const askA = a.ask();
      const bidB = b.bid();
      const askB = b.ask();
      const bidA = a.bid();
      if (bidB > askA * (1 + fees)) {
        const q = Math.min(this.maxUsd / askA, a.book.qtyAt(a.book.bestAsk), b.book.qtyAt(b.book.bestBid));
        m.market(0, this.id, BUY, q);
        m.market(1, this.id, SELL, q);
      } else if (bidA > askB * (1 + fees)) {
        const q = Math.min(this.maxUsd / askB, b.book.qtyAt(b.book.bestAsk), a.book.qtyAt(a.book.bestBid));
        m.market(1, this.id, BUY, q);
        m.market(0, this.id, SELL, q);
      } else break;
    }
    return Math.floor(this.everySec * (0.5 + this.rng.uniform()) * NS);
  }
}

/**
 * CEX-DEX arbitrageur: each block, moves each pool's price (v2 and v3) toward the CEX mid when the gap beats the pool fee plus
 * the CEX taker fee, and hedges the pool trade on the CEX.
 */
export class CexDexArbitrageur implements PopulationAgent {
  readonly group: AgentGroup = 'cex_dex_arb';

  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
  ) {}

  wake(): number {
    const { market, pool, v3, view, chain } = this.ctx;
    const trader = `0xarb${this.id.toString(16)}`;
    const cex = market.mid();
    for (const p of [pool, v3]) {
      if (!p) continue;
      const dexPx = p.price();
      const band = p.fee + market.venues[0].takerFee + 0.0005;
      if (Math.abs(Math.log(dexPx / cex)) <= band) continue;
      const target = dexPx > cex ? cex * (1 + band * 0.5) : cex * (1 - band * 0.5);
      const { d0 } = p.swapToPrice(view.nowMs, trader, target, 3);
      // Hedge the pool trade on the CEX: sold asset into the pool -> buy it back, and the reverse.
      if (d0 < 0) market.market(0, this.id, BUY, -d0);
      else if (d0 > 0) market.market(0, this.id, SELL, d0);
    }
    return Math.floor(chain.blockMs * 1e6 * (0.9 + 0.2 * this.rng.uniform()));
  }
}

/**
 * Funding-rate arbitrageur: holds spot against the perp (cash and carry), closing the premium at a rate that
 * grows with its size; each pass decays the perp premium toward zero and carries the basis position.
 */
export class FundingArbitrageur implements PopulationAgent {
  readonly group: AgentGroup = 'funding_arb';
  /** Carry position, base units (long spot, short perp when > 0). */
  carry = 0;

  constructor(
    readonly id: number,
    private readonly ctx: AgentContext,
    private readonly rng: Rng,
    private readonly strength: number,
  ) {}

  wake(): number {
    const { perp, market } = this.ctx;
    const prem = perp.premium;
    if (Math.abs(prem) > 0.0002) {
      const d = -prem * this.strength;
      perp.premium += d;
      const q = (Math.abs(d) * 5e7) / market.mid();
      // Selling the rich perp means buying spot to hedge, and the reverse.
      market.market(0, this.id, prem > 0 ? BUY : SELL, q);
      this.carry += prem > 0 ? q : -q;
    }
    return Math.floor((60 + 120 * this.rng.uniform()) * NS);
  }
}
