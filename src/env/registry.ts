import { UnknownEnvError } from '../errors/env.js';
import { type CheckEnvOptions, checkEnv, checkParallelEnv, type EnvCheckReport } from './checkEnv.js';
import { CartPoleEnv } from './classic/cartPole.js';
import { PendulumEnv } from './classic/pendulum.js';
import type { Env } from './core.js';
import { ArbitrageEnv, type ArbitrageEnvConfig } from './markets/arbitrageEnv.js';
import { MarketMakingEnv, type MarketMakingEnvConfig } from './markets/marketMakingEnv.js';
import { MarketParallelEnv, type MarketParallelEnvConfig } from './markets/marketParallelEnv.js';
import { PortfolioEnv, type PortfolioEnvConfig } from './markets/portfolioEnv.js';
import { RiskEnv, type RiskEnvConfig } from './markets/riskEnv.js';
import { TradingEnv, type TradingEnvConfig } from './markets/tradingEnv.js';
import type { ParallelEnv } from './parallelEnv.js';
import { TimeLimit } from './wrappers/timeLimit.js';

/** A registered environment. */
export interface EnvSpec {
  id: string;
  /** `single` (Gymnasium Env) or `parallel` (PettingZoo ParallelEnv). */
  kind: 'single' | 'parallel';
  description: string;
  /** Steps after which the registered env is truncated (`TimeLimit`), if any. */
  maxEpisodeSteps?: number;
  make(options: Record<string, unknown>): Env<unknown, unknown> | ParallelEnv<unknown, unknown>;
}

const specs = new Map<string, EnvSpec>();

/** Registers (or replaces) an environment id. */
export function registerEnv(spec: EnvSpec): void {
  specs.set(spec.id, spec);
}

/** Every registered spec, in registration order. */
export function listEnvs(): EnvSpec[] {
  return [...specs.values()];
}

/** The spec of `id`. @throws {UnknownEnvError} */
export function envSpec(id: string): EnvSpec {
  const s = specs.get(id);
  if (!s) throw new UnknownEnvError(id, [...specs.keys()]);
  return s;
}

/**
 * Builds a registered single-agent environment (Gymnasium's `gymnasium.make`), with its `TimeLimit` if the
 * spec has one.
 * @throws {UnknownEnvError} for an unknown or multi-agent id
 * @example
 * const env = makeEnv('TradingEnv', { reward: 'differentialSharpe' });
 */
export function makeEnv<O = unknown, A = unknown>(
  id: string,
  options: Record<string, unknown> = {},
): Env<O, A> {
  const s = envSpec(id);
  if (s.kind !== 'single') throw new UnknownEnvError(`${id} (multi-agent: use makeParallelEnv)`, singleIds());
  return s.make(options) as Env<O, A>;
}

/** Builds a registered multi-agent environment. @throws {UnknownEnvError} */
export function makeParallelEnv<O = unknown, A = unknown>(
  id: string,
  options: Record<string, unknown> = {},
): ParallelEnv<O, A> {
  const s = envSpec(id);
  if (s.kind !== 'parallel')
    throw new UnknownEnvError(
      `${id} (single-agent: use makeEnv)`,
      [...specs.keys()].filter((k) => specs.get(k)?.kind === 'parallel'),
    );
  return s.make(options) as ParallelEnv<O, A>;
}

function singleIds(): string[] {
  return [...specs.values()].filter((s) => s.kind === 'single').map((s) => s.id);
}

const asEnv = (e: unknown): Env<unknown, unknown> => e as Env<unknown, unknown>;

registerEnv({
  id: 'TradingEnv',
  kind: 'single',
  description:
    "one asset, the seed's MultiDiscrete {buy,sell,hold} x size x horizon action, replay through the execution model",
  make: (o) => asEnv(new TradingEnv(o as TradingEnvConfig)),
});
registerEnv({
  id: 'PortfolioEnv',
  kind: 'single',
  description: 'N assets, continuous target weights (Box), replay through the execution model',
  make: (o) => asEnv(new PortfolioEnv(o as PortfolioEnvConfig)),
});
registerEnv({
  id: 'MarketMakingEnv',
  kind: 'single',
  description: "quotes on the simulator's limit order book, Avellaneda-Stoikov order flow, inventory limits",
  make: (o) => asEnv(new MarketMakingEnv(o as MarketMakingEnvConfig)),
});
registerEnv({
  id: 'RiskEnv',
  kind: 'single',
  description: "discrete hedge ratio over a given strategy's book (DQN/Rainbow)",
  make: (o) => asEnv(new RiskEnv(o as RiskEnvConfig)),
});
registerEnv({
  id: 'ArbitrageEnv',
  kind: 'single',
  description:
    'cross-venue, CEX-DEX and triangular opportunities as route/size/complete-or-abort decisions (clone/restore for tree search)',
  make: (o) => asEnv(new ArbitrageEnv(o as ArbitrageEnvConfig)),
});
registerEnv({
  id: 'MarketParallelEnv',
  kind: 'parallel',
  description:
    'market maker, portfolio, risk and arbitrage agents in one simulated market (PettingZoo parallel)',
  make: (o) =>
    new MarketParallelEnv(o as MarketParallelEnvConfig) as unknown as ParallelEnv<unknown, unknown>,
});
registerEnv({
  id: 'CartPole-v1',
  kind: 'single',
  description: 'Gymnasium CartPole-v1 (Barto et al. 1983), TimeLimit 500',
  maxEpisodeSteps: 500,
  make: () => asEnv(new TimeLimit(new CartPoleEnv(), 500)),
});
registerEnv({
  id: 'Pendulum-v1',
  kind: 'single',
  description: 'Gymnasium Pendulum-v1, TimeLimit 200',
  maxEpisodeSteps: 200,
  make: (o) => asEnv(new TimeLimit(new PendulumEnv((o.g as number | undefined) ?? 10), 200)),
});

/**
 * Runs the conformance checker on a registered id (`checkEnv` or `checkParallelEnv` by kind).
 * @throws {UnknownEnvError}
 */
export function checkRegisteredEnv(
  id: string,
  opts: CheckEnvOptions & { options?: Record<string, unknown> } = {},
): EnvCheckReport {
  const s = envSpec(id);
  const options = opts.options ?? {};
  return s.kind === 'single'
    ? checkEnv(() => s.make(options) as Env<unknown, unknown>, opts)
    : checkParallelEnv(() => s.make(options) as ParallelEnv<unknown, unknown>, opts);
}
