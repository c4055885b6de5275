import { describe, expect, it } from 'vitest';
import { createFrame, type Frame, sliceFrame } from '../../data/frame.js';
import { InvalidActionError } from '../../errors/env.js';
import { Rng } from '../../math/rng.js';
import type { AssetData } from '../mdp/replayData.js';
import { syntheticMarket } from '../mdp/syntheticMarket.js';
import { checkRegisteredEnv, listEnvs } from '../registry.js';
import { ArbitrageEnv } from './arbitrageEnv.js';
import { AvellanedaStoikovAgent, runAvellanedaStoikov } from './avellanedaStoikov.js';
import { MarketMakingEnv } from './marketMakingEnv.js';
import { MarketParallelEnv } from './marketParallelEnv.js';
import { checkEnv } from '../checkEnv.js';
import { VectorEnv } from '../vectorEnv.js';
import { FlattenObservation } from '../wrappers/flattenObservation.js';
import { NormalizeObservation } from '../wrappers/normalizeObservation.js';
import { PortfolioEnv } from './portfolioEnv.js';
import { RiskEnv } from './riskEnv.js';
import { SIDE_BUY, SIDE_HOLD, SIDE_SELL, TradingEnv } from './tradingEnv.js';

const ALL_IDS = [
  'TradingEnv',
  'PortfolioEnv',
  'MarketMakingEnv',
  'RiskEnv',
  'ArbitrageEnv',
  'MarketParallelEnv',
  'CartPole-v1',
  'Pendulum-v1',
];

const cut = (f: Frame, n: number): Frame => {
  const s = sliceFrame(f, 0, n);
  const cols: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(s.columns)) cols[k] = v.slice();
  return createFrame(s.ts.slice(), cols);
};
const truncateAssets = (assets: AssetData[], n: number): AssetData[] =>
  assets.map((a) => ({
    symbol: a.symbol,
    bars: cut(a.bars, n),
    factors: a.factors ? cut(a.factors, n) : undefined,
  }));

describe('every registered environment passes the conformance checker', () => {
  it('registers exactly the 8 ids of the issue', () => {
    expect(
      listEnvs()
        .map((s) => s.id)
        .sort(),
    ).toEqual([...ALL_IDS].sort());
  });
  for (const id of ALL_IDS) {
    it(`${id} passes checkEnv`, () => {
      const report = checkRegisteredEnv(id, { seed: 7, steps: 48 });
      expect(report.checks.filter((c) => !c.ok)).toEqual([]);
      expect(report.passed).toBe(true);
    });
  }
});

describe('no look-ahead: observations at t are identical when all data after t is removed', () => {
  const full = syntheticMarket({ seed: 5, nAssets: 3, nBars: 600, nFactors: 6 });
  const start = 300;
  const t = 340;
  const truncated = truncateAssets(full, t + 1);

  it('TradingEnv and RiskEnv', () => {
    for (const make of [
      (d: AssetData) => new TradingEnv({ data: d, history: 8 }),
      (d: AssetData) => new RiskEnv({ data: d, history: 8 }),
    ]) {
      const a = make(full[0]);
      const b = make(truncated[0]);
      const [oa] = a.reset({ options: { start } });
      const [ob] = b.reset({ options: { start } });
      expect(Array.from(ob)).toEqual(Array.from(oa));
      const rng = new Rng(1);
      for (let s = start; s < t; s++) {
        const act = a instanceof TradingEnv ? Int32Array.of(rng.int(3), rng.int(3), rng.int(3)) : rng.int(5);
        const ra = (a as TradingEnv).step(act as Int32Array);
        const rewardA = ra[1];
        const obsA = Array.from(ra[0]);
        const rb = (b as TradingEnv).step(act as Int32Array);
        expect(Array.from(rb[0])).toEqual(obsA);
        expect(rb[1]).toBe(rewardA);
      }
    }
  });

  it('PortfolioEnv', () => {
    const a = new PortfolioEnv({ data: full, history: 8 });
    const b = new PortfolioEnv({ data: truncated, history: 8 });
    a.reset({ options: { start } });
    b.reset({ options: { start } });
    const rng = new Rng(2);
    const act = new Float32Array(4);
    for (let s = start; s < t; s++) {
      for (let i = 0; i < 4; i++) act[i] = rng.uniform();
      const ra = a.step(act);
      const market = Array.from(ra[0].market);
      const account = Array.from(ra[0].account);
      const reward = ra[1];
      const rb = b.step(act);
      expect(Array.from(rb[0].market)).toEqual(market);
      expect(Array.from(rb[0].account)).toEqual(account);
      expect(rb[1]).toBe(reward);
    }
  });

  it('changing data after t does not change the observation at t', () => {
    const altered = truncateAssets(full, 600);
    for (const c of Object.values(altered[0].bars.columns)) for (let i = t + 1; i < 600; i++) c[i] *= 1.5;
    for (const c of Object.values(altered[0].factors?.columns ?? {}))
      for (let i = t + 1; i < 600; i++) c[i] = -c[i];
    const a = new TradingEnv({ data: full[0], history: 8 });
    const b = new TradingEnv({ data: altered[0], history: 8 });
    const [oa] = a.reset({ options: { start: t } });
    const copy = Array.from(oa);
    const [ob] = b.reset({ options: { start: t } });
    expect(Array.from(ob)).toEqual(copy);
  });
});

describe('TradingEnv: the MDP with costs always on', () => {
  it('same seed, same trajectory (random starts, 300 steps)', () => {
    const run = () => {
      const env = new TradingEnv({ reward: 'differentialSharpe' });
      env.reset({ seed: 11 });
      const rng = new Rng(3);
      const out: number[] = [];
      for (let i = 0; i < 300; i++) {
        const r = env.step(Int32Array.of(rng.int(3), rng.int(3), rng.int(3)));
        out.push(r[1], r[4].equity as number);
        if (r[2] || r[3]) env.reset();
      }
      return out;
    };
    expect(run()).toEqual(run());
  });

  it('buy takes the target weight at the next bar, pays fees and spread, and the horizon closes it', () => {
    const env = new TradingEnv({ horizons: [1, 3], episodeLength: 50 });
    env.reset({ options: { start: 500 } });
    let r = env.step(Int32Array.of(SIDE_BUY, 2, 1));
    const n = env.observationSpace.size - 4;
    expect(r[0][n]).toBeGreaterThan(0.95);
    expect(r[0][n]).toBeLessThan(1.05);
    expect(r[4].fees as number).toBeGreaterThan(9);
    expect(r[4].slippage as number).toBeGreaterThan(0);
    r = env.step(Int32Array.of(SIDE_HOLD, 0, 0));
    r = env.step(Int32Array.of(SIDE_HOLD, 0, 0));
    expect(r[4].position as number).not.toBe(0);
    r = env.step(Int32Array.of(SIDE_HOLD, 0, 0));
    expect(r[4].position as number).toBe(0);
    const attribution = env.broker.account.pnlAttribution();
    expect(Math.abs(attribution.residual)).toBeLessThan(1e-6);
    expect(attribution.fees).toBeLessThan(0);
  });

  it('with permanent impact, a buy lifts and a sell lowers every later replayed price of the asset', () => {
    const env = new TradingEnv({ permanentImpact: 0.5, episodeLength: 20 });
    env.reset({ options: { start: 700 } });
    env.step(Int32Array.of(SIDE_BUY, 2, 2));
    const up = env.broker.priceScale[0];
    expect(up).toBeGreaterThan(1);
    env.step(Int32Array.of(SIDE_SELL, 2, 2));
    expect(env.broker.priceScale[0]).toBeLessThan(up);
    const plain = new TradingEnv({ episodeLength: 20 });
    plain.reset({ options: { start: 700 } });
    plain.step(Int32Array.of(SIDE_BUY, 2, 2));
    expect(plain.broker.priceScale[0]).toBe(1);
    // The mark after the buy is the replayed close times the impact scale.
    const close = env.replay.close[701];
    expect(env.broker.account.marks[0]).not.toBe(close);
  });

  it('round trips lose money to costs versus a frictionless replay of the same actions', () => {
    const run = (execution: Record<string, unknown>) => {
      const env = new TradingEnv({ execution, episodeLength: 100 });
      env.reset({ options: { start: 1000 } });
      for (let i = 0; i < 40; i++) env.step(Int32Array.of(i % 2 === 0 ? SIDE_BUY : SIDE_SELL, 2, 0));
      return env.broker.equity();
    };
    const costly = run({});
    const free = run({ takerFeeBps: 0, halfSpreadBps: 0, impact: 'none', borrowRateAnnual: 0 });
    expect(free - costly).toBeGreaterThan(40 * 10_000 * 0.001);
  });
});

describe('PortfolioEnv', () => {
  it('an all-cash action never trades and earns exactly zero', () => {
    const env = new PortfolioEnv();
    env.reset({ seed: 1 });
    const cash = Float32Array.of(1, 0, 0, 0, 0);
    for (let i = 0; i < 20; i++) {
      const r = env.step(cash);
      expect(r[1]).toBe(0);
      expect(r[0].account[0]).toBe(1);
    }
  });

  it('target weights are reached up to drift and costs', () => {
    const env = new PortfolioEnv();
    env.reset({ seed: 2 });
    const [obs] = env.step(Float32Array.of(0.2, 0.2, 0.2, 0.2, 0.2));
    for (let a = 1; a <= 4; a++) expect(Math.abs(obs.account[a] - 0.2)).toBeLessThan(0.03);
  });
});

describe('VectorEnv over PortfolioEnv (Dict observations)', () => {
  it("batched observations equal each copy's own observation; list mode returns the same views", () => {
    const data = syntheticMarket({ seed: 2, nAssets: 3, nBars: 400, nFactors: 4 });
    const batched = new VectorEnv(() => new PortfolioEnv({ data, history: 4 }), 3);
    const listed = new VectorEnv(() => new PortfolioEnv({ data, history: 4 }), 3, {
      observationMode: 'list',
    });
    batched.reset({ seed: 5 });
    listed.reset({ seed: 5 });
    const act = new Float32Array(12).fill(0.25);
    for (let k = 0; k < 5; k++) {
      const [ob] = batched.step(act);
      const [ol] = listed.step(act);
      const rec = ob as Record<string, Float32Array>;
      const list = ol as { market: Float32Array; account: Float32Array }[];
      const m = 4 * 3 * 4;
      for (let i = 0; i < 3; i++) {
        expect(Array.from(rec.market.subarray(i * m, (i + 1) * m))).toEqual(Array.from(list[i].market));
        expect(Array.from(rec.account.subarray(i * 4, (i + 1) * 4))).toEqual(Array.from(list[i].account));
      }
    }
  });
});

describe('FlattenObservation + NormalizeObservation over PortfolioEnv', () => {
  it('flattens [account, market] in key order and passes checkEnv', () => {
    expect(checkEnv(() => new FlattenObservation(new PortfolioEnv())).passed).toBe(true);
    const norm = new NormalizeObservation(new FlattenObservation(new PortfolioEnv()));
    norm.reset({ seed: 1 });
    const [n1] = norm.step(Float32Array.of(0.2, 0.2, 0.2, 0.2, 0.2));
    expect(n1.every((v) => Number.isFinite(v))).toBe(true);
    const flat = new FlattenObservation(new PortfolioEnv());
    const [o] = flat.reset({ seed: 3 });
    const inner = flat.env;
    const [raw] = inner.reset({ seed: 3 });
    expect(Array.from(o.subarray(0, 5))).toEqual(Array.from(raw.account));
    expect(Array.from(o.subarray(5))).toEqual(Array.from(raw.market));
  });
});

describe('RiskEnv', () => {
  it('a full hedge (ratio 1) keeps the account flat after the first bar', () => {
    const env = new RiskEnv();
    env.reset({ seed: 3 });
    for (let i = 0; i < 10; i++) {
      const r = env.step(4);
      expect(r[4].hedgeRatio).toBe(1);
      expect(env.broker.account.positions[0]).toBe(0);
    }
  });
});

describe('MarketMakingEnv with the Avellaneda-Stoikov baseline', () => {
  it('reproduces the inventory-versus-symmetric result of Avellaneda and Stoikov (2008, gamma = 0.1)', () => {
    const env = new MarketMakingEnv({ execution: { makerFeeBps: 0 } });
    const agent = new AvellanedaStoikovAgent({ gamma: 0.1 });
    const inv = runAvellanedaStoikov(env, agent, 300, 0, 'inventory');
    const sym = runAvellanedaStoikov(env, agent, 300, 0, 'symmetric');
    // Paper, Table 1 (gamma 0.1): inventory 62.94 +- 5.89 (final q std 4.32); symmetric 67.21 +- 13.43 (q std 8.66).
    expect(inv.meanPnl).toBeGreaterThan(57);
    expect(inv.meanPnl).toBeLessThan(71);
    expect(inv.stdPnl).toBeLessThan(9);
    expect(sym.stdPnl).toBeGreaterThan(1.5 * inv.stdPnl);
    expect(sym.stdFinalInventory).toBeGreaterThan(1.5 * inv.stdFinalInventory);
  });

  it('respects the inventory limit', () => {
    const env = new MarketMakingEnv({ maxInventory: 3 });
    env.reset({ seed: 1 });
    const bidOnly = Float32Array.of(0, 10, 5, 0);
    let done = false;
    while (!done) {
      const r = env.step(bidOnly);
      expect(env.inventory).toBeLessThanOrEqual(3);
      done = r[2] || r[3];
    }
    expect(env.inventory).toBe(3);
  });
});

describe('ArbitrageEnv', () => {
  it('cloneState/restoreState replays the same future exactly (tree search)', () => {
    const env = new ArbitrageEnv({ opportunities: 8 });
    env.reset({ seed: 4 });
    env.step(0);
    const snap = env.cloneState();
    const play = () => [env.step(1)[1], env.step(0)[1], env.step(2)[1], env.step(1)[1]];
    const first = play();
    env.restoreState(snap);
    expect(play()).toEqual(first);
  });

  it('skipping every opportunity earns exactly zero and ends the episode', () => {
    const env = new ArbitrageEnv({ opportunities: 5 });
    env.reset({ seed: 1 });
    const skip = env.actionSpace.n - 1;
    let total = 0;
    let r = env.step(skip);
    total += r[1];
    for (let i = 0; i < 4; i++) {
      r = env.step(skip);
      total += r[1];
    }
    expect(total).toBe(0);
    expect(r[2]).toBe(true);
  });
});

describe('MarketParallelEnv', () => {
  it("agents' net order flow moves the external price by Kyle's lambda", () => {
    const idle = {
      market_maker: Float32Array.of(1, 1, 0, 0),
      portfolio: Float32Array.of(1, 0),
      risk: 2,
      arbitrageur: Int32Array.of(0, 0),
    };
    const a = new MarketParallelEnv({ kyleLambda: 0.01 });
    const b = new MarketParallelEnv({ kyleLambda: 0.01 });
    a.reset({ seed: 3 });
    b.reset({ seed: 3 });
    a.step(idle);
    b.step({ ...idle, portfolio: Float32Array.of(0, 1) });
    // With no maker quotes the whole order trades externally: flow = the position bought.
    const bought = (b.state()[3 + 2] * b.capital) / b.price; // portfolio position value / capital -> lots
    expect(bought).toBeGreaterThan(90);
    expect((b.price - a.price) / 0.01).toBeCloseTo(bought, 3); // state() is float32
  });

  it('a liquidated agent leaves `agents` and may no longer act', () => {
    const env = new MarketParallelEnv({ stopOutFraction: 0.9995, kyleLambda: 0 });
    env.reset({ seed: 1 });
    const actions = {
      market_maker: Float32Array.of(1, 1, 0, 0),
      portfolio: Float32Array.of(0, 1),
      risk: 0,
      arbitrageur: Int32Array.of(0, 0),
    };
    const [, , term] = env.step(actions);
    expect(term.portfolio).toBe(true);
    expect(env.agents).not.toContain('portfolio');
    expect(env.agents).toContain('market_maker');
    expect(() => env.step(actions)).toThrow(InvalidActionError);
    const { portfolio: _, ...rest } = actions;
    expect(() => env.step(rest)).not.toThrow();
    expect(env.state().length).toBe(env.stateSpace.size);
  });
});
