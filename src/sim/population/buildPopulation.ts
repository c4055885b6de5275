import type { Rng } from '../../math/rng.js';
import type { AgentContext, PopulationAgent } from './agent.js';
import { CexDexArbitrageur, CrossVenueArbitrageur, FundingArbitrageur } from './arbitrageurs.js';
import {
  Borrower,
  Lender,
  LeveragedTrader,
  LiquidityProvider,
  V3RangeProvider,
  BridgeUser,
  Liquidator,
  MevSearcher,
  Staker,
} from './defiAgents.js';
import { AvellanedaStoikovMaker, DEFAULT_MAKER_PARAMS } from './marketMaker.js';
import type { RecordSink } from './recordSink.js';
import { MomentumTrader, NoiseTrader, SentimentRetail, ValueTrader, Whale } from './traders.js';

/** Head counts per asset. */
export interface PopulationCounts {
  noise: number;
  value: number;
  momentum: number;
  retail: number;
  whales: number;
  makersPerVenue: number;
  leveraged: number;
  borrowers: number;
  lenders: number;
  /** Uniswap v2 LPs, and as many v3 range LPs. */
  lps: number;
  stakers: number;
  noiseMeanSec: number;
}

/** Behavioural parameters shared by an asset's agents. */
export interface PopulationParams {
  noiseMedianUsd: number;
  valueMedianUsd: number;
  momentumMedianUsd: number;
  lambdaPerUsd: number;
  mmGamma: number;
  mmAnchor: number;
  perpImpactPerUsd: number;
}

/** Account slots an asset's venues need for `counts` (id 0 is the external/RL agent). */
export function accountSlots(c: PopulationCounts): number {
  return (
    1 +
    c.noise +
    c.value +
    c.momentum +
    c.retail +
    c.whales +
    2 * c.makersPerVenue +
    c.leveraged +
    c.borrowers +
    c.lenders +
    2 * c.lps +
    c.whales +
    2 +
    c.stakers +
    8
  );
}

/**
 * Builds one asset's background population, each agent with its own `Rng` forked by group and index (adding
 * agents of one group never changes another agent's stream). Returns agents with their first wake delay, ns.
 */
export function buildPopulation(
  ctx: AgentContext,
  counts: PopulationCounts,
  params: PopulationParams,
  rng: Rng,
  sink: RecordSink,
): Array<{ agent: PopulationAgent; firstNs: number }> {
  const out: Array<{ agent: PopulationAgent; firstNs: number }> = [];
  let id = 1;
  const add = (agent: PopulationAgent, meanSec: number, r: Rng) => {
    out.push({ agent, firstNs: Math.floor(r.uniform() * meanSec * 1e9) });
  };
  const fork = (g: string, i: number) => rng.fork(`${g}-${i}`);
  const makerParams = {
    ...DEFAULT_MAKER_PARAMS,
    gamma: params.mmGamma,
    lambdaPerUsd: params.lambdaPerUsd,
    anchor: params.mmAnchor,
  };
  for (let v = 0; v < 2; v++) {
    for (let i = 0; i < counts.makersPerVenue; i++) {
      const r = fork(`mm${v}`, i);
      // Makers quote from t = 0 so the book is never empty.
      out.push({ agent: new AvellanedaStoikovMaker(id++, ctx, r, v, makerParams), firstNs: i * 1_000_000 });
    }
  }
  for (let i = 0; i < counts.noise; i++) {
    const r = fork('noise', i);
    add(new NoiseTrader(id++, ctx, r, counts.noiseMeanSec, params.noiseMedianUsd), counts.noiseMeanSec, r);
  }
  for (let i = 0; i < counts.value; i++) {
    const r = fork('value', i);
    add(new ValueTrader(id++, ctx, r, 300, params.valueMedianUsd), 300, r);
  }
  for (let i = 0; i < counts.momentum; i++) {
    const r = fork('momentum', i);
    add(new MomentumTrader(id++, ctx, r, 600, params.momentumMedianUsd), 600, r);
  }
  for (let i = 0; i < counts.retail; i++) {
    const r = fork('retail', i);
    add(new SentimentRetail(id++, ctx, r, 3600, 1500), 3600, r);
  }
  for (let i = 0; i < counts.whales; i++) {
    const r = fork('whale', i);
    const w = new Whale(id++, ctx, r, 3, 5_000_000);
    add(w, w.meanSec, r);
  }
  {
    const r = fork('xarb', 0);
    add(new CrossVenueArbitrageur(id++, ctx, r, 10, 200_000), 10, r);
    const f = fork('farb', 0);
    add(new FundingArbitrageur(id++, ctx, f, 0.05), 120, f);
    const l = fork('liquidator', 0);
    add(new Liquidator(id++, ctx, l, sink, params.perpImpactPerUsd), 60, l);
  }
  if (ctx.pool) {
    const r = fork('cexdex', 0);
    add(new CexDexArbitrageur(id++, ctx, r), 12, r);
    const m = fork('mev', 0);
    add(new MevSearcher(id++, ctx, m, 15_000), 12, m);
    for (let i = 0; i < counts.lps; i++) {
      const p = fork('lp', i);
      add(new LiquidityProvider(id++, ctx, p), 6 * 3600, p);
    }
  }
  if (ctx.bridge) {
    for (let i = 0; i < counts.whales + 2; i++) {
      const r = fork('bridge', i);
      add(new BridgeUser(id++, ctx, r, 500_000), 2 * 3600, r);
    }
  }
  if (ctx.v3) {
    for (let i = 0; i < counts.lps; i++) {
      const p = fork('v3lp', i);
      add(new V3RangeProvider(id++, ctx, p, 2_000_000), 3600, p);
    }
  }
  for (let i = 0; i < counts.leveraged; i++) {
    const r = fork('leveraged', i);
    add(new LeveragedTrader(id++, i, ctx, r, 100_000, params.perpImpactPerUsd), 6 * 3600, r);
  }
  for (let i = 0; i < counts.borrowers; i++) {
    const r = fork('borrower', i);
    add(new Borrower(id++, i, ctx, r), 8 * 3600, r);
  }
  for (let i = 0; i < counts.lenders; i++) {
    const r = fork('lender', i);
    add(new Lender(id++, ctx, r), 4 * 3600, r);
  }
  if (ctx.chain.stakingRatio > 0) {
    for (let i = 0; i < counts.stakers; i++) {
      const r = fork('staker', i);
      add(new Staker(id++, ctx, r), 12 * 3600, r);
    }
  }
  return out;
}
