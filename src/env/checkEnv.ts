import { ResetNeededError } from '../errors/env.js';
import { Rng } from '../math/rng.js';
import { Env } from './core.js';
import { ParallelEnv } from './parallelEnv.js';
import { Box } from './spaces/box.js';
import { Dict } from './spaces/dict.js';
import { Discrete } from './spaces/discrete.js';
import { MultiDiscrete } from './spaces/multiDiscrete.js';
import type { Space } from './spaces/space.js';

/** One named check and its outcome. */
export interface EnvCheck {
  name: string;
  ok: boolean;
  /** Why it failed (absent when it passed). */
  message?: string;
}

/** Result of `checkEnv`/`checkParallelEnv`. */
export interface EnvCheckReport {
  id: string;
  passed: boolean;
  checks: EnvCheck[];
  /** Steps taken in the determinism rollouts. */
  steps: number;
}

/** Options of the conformance checker. */
export interface CheckEnvOptions {
  /** Seed of the rollouts (default 0). */
  seed?: number;
  /** Steps per determinism rollout (default 64). */
  steps?: number;
}

/** A deep copy of an observation (typed arrays, plain objects, numbers). */
export function cloneValue<T>(x: T): T {
  if (ArrayBuffer.isView(x)) return (x as unknown as Float32Array).slice() as unknown as T;
  if (typeof x === 'object' && x !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = cloneValue(v);
    return out as T;
  }
  return x;
}

/** Bit-identical comparison (NaN equals NaN, -0 differs from 0) of numbers, typed arrays and objects. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = a as unknown as ArrayLike<number>;
    const y = b as unknown as ArrayLike<number>;
    if (a.constructor !== b.constructor || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join('\0') !== kb.join('\0')) return false;
    return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return Object.is(a, b);
}

/** Checks that `x` has the dtype/shape the space declares and lies in it; returns a reason or undefined. */
export function explainNotInSpace(space: Space<unknown>, x: unknown): string | undefined {
  if (space instanceof Box) {
    if (!(x instanceof Float32Array)) return `expected Float32Array, got ${typeName(x)}`;
    if (x.length !== space.size)
      return `expected ${space.size} elements (shape [${space.shape}]), got ${x.length}`;
    const i = space.firstViolation(x);
    return i < 0 ? undefined : `element ${i} = ${x[i]} outside [${space.low[i]}, ${space.high[i]}]`;
  }
  if (space instanceof Discrete || space instanceof MultiDiscrete) {
    return space.contains(x)
      ? undefined
      : `${typeName(x)} ${String(x)} not in ${JSON.stringify(space.describe())}`;
  }
  if (space instanceof Dict) {
    if (typeof x !== 'object' || x === null) return `expected an object, got ${typeName(x)}`;
    for (const k of space.keys) {
      const why = explainNotInSpace(space.spaces[k], (x as Record<string, unknown>)[k]);
      if (why) return `key "${k}": ${why}`;
    }
    const extra = Object.keys(x).filter((k) => !space.keys.includes(k));
    return extra.length ? `unexpected keys ${extra.join(', ')}` : undefined;
  }
  return space.contains(x) ? undefined : 'not in space';
}

function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  return typeof x;
}

class Checks {
  readonly list: EnvCheck[] = [];
  run(name: string, fn: () => string | undefined): void {
    try {
      const msg = fn();
      this.list.push(msg === undefined ? { name, ok: true } : { name, ok: false, message: msg });
    } catch (err) {
      this.list.push({
        name,
        ok: false,
        message: err instanceof Error ? err.message.split('\n')[0] : String(err),
      });
    }
  }
}

interface Rollout {
  obs: unknown[];
  rewards: number[];
  flags: string;
}

/**
 * Gymnasium-style conformance check of a single-agent env (like `gymnasium.utils.env_checker.check_env`):
 * spaces are cwm spaces and their seeded samples are members; `step` before `reset` throws; `reset` and
 * every `step` return the declared types (obs dtype and shape in the observation space, finite number
 * reward, boolean flags, object info); the same seed gives the same first observation and, with the same
 * seeded actions, the same whole trajectory in a fresh instance; wrong actions are rejected.
 *
 * @param make factory returning a fresh, never-reset env
 * @example
 * const report = checkEnv(() => makeEnv('CartPole-v1'));
 * if (!report.passed) console.log(report.checks.filter((c) => !c.ok));
 */
export function checkEnv<O, A>(make: () => Env<O, A>, opts: CheckEnvOptions = {}): EnvCheckReport {
  const seed = opts.seed ?? 0;
  const steps = opts.steps ?? 64;
  const c = new Checks();
  const env = make();
  const id = env.metadata?.id ?? 'env';
  c.run('is an Env with metadata.id', () =>
    env instanceof Env && typeof id === 'string' ? undefined : 'not an Env',
  );
  c.run('spaces sample their own members (seeded)', () =>
    checkSpaceSamples(env.observationSpace, env.actionSpace),
  );
  c.run('step before reset throws ResetNeededError', () => {
    try {
      env.step(env.actionSpace.sample());
    } catch (err) {
      return err instanceof ResetNeededError ? undefined : `threw ${(err as Error).name} instead`;
    }
    return 'did not throw';
  });
  c.run('reset returns [obs, info] with obs in the observation space', () => {
    const r = env.reset({ seed });
    if (!Array.isArray(r) || r.length !== 2) return 'reset did not return a 2-tuple';
    if (typeof r[1] !== 'object' || r[1] === null) return 'info is not an object';
    return explainNotInSpace(env.observationSpace as Space<unknown>, r[0]);
  });
  c.run('reset with the same seed gives the same first observation', () => {
    const a = cloneValue(env.reset({ seed })[0]);
    env.reset({ seed: seed + 1 });
    const b = env.reset({ seed })[0];
    return sameValue(a, b) ? undefined : 'first observations differ';
  });
  let rollA: Rollout | undefined;
  c.run('every step returns [obs in space, finite number, boolean, boolean, object]', () => {
    rollA = rollout(env, seed, steps);
    return rollA.flags.startsWith('error:') ? rollA.flags.slice(6) : undefined;
  });
  c.run('same seed and actions give the same trajectory in a fresh instance', () => {
    if (!rollA) return 'no first rollout';
    const b = rollout(make(), seed, steps);
    if (rollA.flags !== b.flags) return 'termination flags differ';
    for (let i = 0; i < rollA.obs.length; i++) {
      if (!sameValue(rollA.obs[i], b.obs[i])) return `observation ${i} differs`;
      if (!Object.is(rollA.rewards[i], b.rewards[i])) return `reward ${i} differs`;
    }
    return undefined;
  });
  c.run('an action outside the action space is rejected', () => {
    env.reset({ seed });
    try {
      env.step(badAction(env.actionSpace as Space<unknown>) as A);
    } catch {
      return undefined;
    }
    return 'accepted an invalid action';
  });
  env.close();
  return { id, passed: c.list.every((x) => x.ok), checks: c.list, steps };
}

function rollout<O, A>(env: Env<O, A>, seed: number, steps: number): Rollout {
  const out: Rollout = { obs: [], rewards: [], flags: '' };
  const [obs0] = env.reset({ seed });
  out.obs.push(cloneValue(obs0));
  env.actionSpace.seed(seed);
  for (let t = 0; t < steps; t++) {
    const r = env.step(env.actionSpace.sample());
    if (!Array.isArray(r) || r.length !== 5) return { ...out, flags: 'error:step did not return a 5-tuple' };
    const why = explainNotInSpace(env.observationSpace as Space<unknown>, r[0]);
    if (why) return { ...out, flags: `error:step ${t}: obs ${why}` };
    if (typeof r[1] !== 'number' || !Number.isFinite(r[1]))
      return { ...out, flags: `error:step ${t}: reward ${r[1]}` };
    if (typeof r[2] !== 'boolean' || typeof r[3] !== 'boolean')
      return { ...out, flags: `error:step ${t}: flags not boolean` };
    if (typeof r[4] !== 'object' || r[4] === null)
      return { ...out, flags: `error:step ${t}: info not an object` };
    out.obs.push(cloneValue(r[0]));
    out.rewards.push(r[1]);
    out.flags += r[2] ? 'T' : r[3] ? 't' : '.';
    if (r[2] || r[3]) {
      const [o] = env.reset();
      out.obs.push(cloneValue(o));
      out.rewards.push(0);
      out.flags += 'R';
    }
  }
  return out;
}

function checkSpaceSamples(...spaces: Space<unknown>[]): string | undefined {
  for (const s of spaces) {
    if (typeof s?.sample !== 'function' || typeof s.contains !== 'function')
      return 'a space lacks sample/contains';
    s.seed(123);
    const a = s.sample();
    s.seed(123);
    const b = s.sample();
    if (!sameValue(a, b)) return `${s.kind}: same seed gave different samples`;
    for (let i = 0; i < 16; i++) {
      const why = explainNotInSpace(s, s.sample());
      if (why) return `${s.kind}: sample not in space: ${why}`;
    }
  }
  return undefined;
}

function badAction(space: Space<unknown>): unknown {
  if (space instanceof Discrete) return space.start + space.n;
  if (space instanceof MultiDiscrete) return new Int32Array(space.nvec.length).fill(-1);
  if (space instanceof Box) return new Float32Array(space.size + 1);
  return undefined;
}

/**
 * Conformance check of a PettingZoo-style parallel env: per-agent spaces sample members; `step` before
 * `reset` throws; dict results keyed by live agents with obs in space, finite rewards and boolean flags;
 * done agents leave `agents`; `state()` lies in `stateSpace`; same seed, same trajectory.
 *
 * Reference: PettingZoo `pettingzoo/test/parallel_test.py` (`parallel_api_test`).
 */
export function checkParallelEnv<O, A>(
  make: () => ParallelEnv<O, A>,
  opts: CheckEnvOptions = {},
): EnvCheckReport {
  const seed = opts.seed ?? 0;
  const steps = opts.steps ?? 64;
  const c = new Checks();
  const env = make();
  const id = env.metadata.id;
  c.run('is a ParallelEnv with possibleAgents', () =>
    env instanceof ParallelEnv && env.possibleAgents.length > 0 ? undefined : 'no possible agents',
  );
  c.run('per-agent spaces sample their own members', () =>
    checkSpaceSamples(
      ...(env.possibleAgents.flatMap((a) => [
        env.observationSpace(a),
        env.actionSpace(a),
      ]) as Space<unknown>[]),
    ),
  );
  c.run('step before reset throws ResetNeededError', () => {
    try {
      env.step({});
    } catch (err) {
      return err instanceof ResetNeededError ? undefined : `threw ${(err as Error).name} instead`;
    }
    return 'did not throw';
  });
  const run = (e: ParallelEnv<O, A>): { trace: unknown[]; error?: string } => {
    const trace: unknown[] = [];
    const [obs, infos] = e.reset({ seed });
    for (const a of e.agents) {
      const why = explainNotInSpace(e.observationSpace(a) as Space<unknown>, obs[a]);
      if (why) return { trace, error: `reset obs of ${a}: ${why}` };
      if (typeof infos[a] !== 'object') return { trace, error: `reset info of ${a} missing` };
    }
    trace.push(cloneValue(obs), e.state());
    const rng = new Rng(seed);
    for (const a of e.possibleAgents) e.actionSpace(a).seed(rng.nextUint32());
    for (let t = 0; t < steps && e.agents.length > 0; t++) {
      const live = [...e.agents];
      const actions: Record<string, A> = {};
      for (const a of live) actions[a] = e.actionSpace(a).sample();
      const [o, r, te, tr, inf] = e.step(actions);
      for (const a of live) {
        const why = explainNotInSpace(e.observationSpace(a) as Space<unknown>, o[a]);
        if (why) return { trace, error: `step ${t} obs of ${a}: ${why}` };
        if (typeof r[a] !== 'number' || !Number.isFinite(r[a]))
          return { trace, error: `step ${t} reward of ${a}: ${r[a]}` };
        if (typeof te[a] !== 'boolean' || typeof tr[a] !== 'boolean')
          return { trace, error: `step ${t} flags of ${a}` };
        if (typeof inf[a] !== 'object') return { trace, error: `step ${t} info of ${a} missing` };
        if ((te[a] || tr[a]) && e.agents.includes(a))
          return { trace, error: `step ${t}: done agent ${a} still live` };
      }
      const st = e.state();
      const why = explainNotInSpace(e.stateSpace, st);
      if (why) return { trace, error: `step ${t} state(): ${why}` };
      trace.push(cloneValue(o), cloneValue(r), cloneValue(te), cloneValue(tr), st, e.agents.join(','));
    }
    return { trace };
  };
  let first: { trace: unknown[]; error?: string } | undefined;
  c.run('reset/step return dicts of the declared types; done agents leave; state() in stateSpace', () => {
    first = run(env);
    return first.error;
  });
  c.run('same seed and actions give the same trajectory in a fresh instance', () => {
    if (!first || first.error) return 'first rollout failed';
    const second = run(make());
    if (second.trace.length !== first.trace.length) return 'trajectory lengths differ';
    for (let i = 0; i < first.trace.length; i++)
      if (!sameValue(first.trace[i], second.trace[i])) return `item ${i} differs`;
    return undefined;
  });
  env.close();
  return { id, passed: c.list.every((x) => x.ok), checks: c.list, steps };
}
