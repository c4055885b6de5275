import { InvalidActionError, ResetNeededError } from '../errors/env.js';
import { Rng } from '../math/rng.js';
import { type EnvMetadata, type Info, type ResetArgs, seededRng } from './core.js';
import type { Box } from './spaces/box.js';
import type { Space } from './spaces/space.js';

/** Results keyed by agent id. */
export type AgentDict<T> = Record<string, T>;

/** What a parallel `step` returns: dicts of obs, rewards, terminations, truncations, infos. */
export type ParallelStepReturn<O> = [
  obs: AgentDict<O>,
  rewards: AgentDict<number>,
  terminations: AgentDict<boolean>,
  truncations: AgentDict<boolean>,
  infos: AgentDict<Info>,
];

/**
 * A multi-agent environment where all live agents act at once (PettingZoo Parallel API).
 *
 * - `possibleAgents` lists every agent that can ever appear; `agents` the live ones. An agent that is
 *   terminated or truncated is reported in that step's dicts, then removed from `agents`.
 * - `observationSpace(agent)` / `actionSpace(agent)` give per-agent spaces.
 * - `state()` returns the global state (for centralized critics) in `stateSpace`.
 * - `step` before `reset` throws; actions must be given for exactly the live agents.
 *
 * Subclasses implement `onReset`, `onStep` and `writeState`, writing into the preallocated dicts.
 *
 * Reference: PettingZoo, `pettingzoo/utils/env.py` (`ParallelEnv`); Terry et al. (2021), "PettingZoo".
 */
export abstract class ParallelEnv<O, A> {
  abstract readonly metadata: EnvMetadata;
  abstract readonly possibleAgents: readonly string[];
  abstract readonly stateSpace: Box;
  /** Live agents, in `possibleAgents` order. */
  agents: string[] = [];
  protected rng: Rng = new Rng(0);
  protected readonly obs: AgentDict<O> = {};
  protected readonly rewards: AgentDict<number> = {};
  protected readonly terminations: AgentDict<boolean> = {};
  protected readonly truncations: AgentDict<boolean> = {};
  protected readonly infos: AgentDict<Info> = {};
  private started = false;

  abstract observationSpace(agent: string): Space<O>;
  abstract actionSpace(agent: string): Space<A>;

  /** Starts an episode with every possible agent live. Returns `[obs, infos]` keyed by agent. */
  reset(args: ResetArgs = {}): [AgentDict<O>, AgentDict<Info>] {
    if (args.seed !== undefined) this.rng = seededRng(this.metadata.id, args.seed);
    this.agents = [...this.possibleAgents];
    clear(this.obs, this.rewards, this.terminations, this.truncations, this.infos);
    this.onReset(args.options ?? {});
    this.started = true;
    return [this.obs, this.infos];
  }

  /**
   * Steps all live agents at once.
   * @throws {ResetNeededError} before `reset` or when no agent is live
   * @throws {InvalidActionError} when an action is missing, extra, or outside the agent's space
   */
  step(actions: AgentDict<A>): ParallelStepReturn<O> {
    if (!this.started || this.agents.length === 0) {
      throw new ResetNeededError(
        this.metadata.id,
        this.started ? 'step() with no live agents' : 'step() before reset()',
      );
    }
    for (const a of this.agents) {
      if (!(a in actions)) throw new InvalidActionError(this.metadata.id, `missing action for agent "${a}"`);
      if (!this.actionSpace(a).contains(actions[a])) {
        throw new InvalidActionError(this.metadata.id, `action of agent "${a}" is not in its space`);
      }
    }
    for (const a of Object.keys(actions)) {
      if (!this.agents.includes(a))
        throw new InvalidActionError(this.metadata.id, `agent "${a}" is not live`);
    }
    clear(this.obs, this.rewards, this.terminations, this.truncations, this.infos);
    this.onStep(actions);
    let anyDone = false;
    for (const a of this.agents) if (this.terminations[a] || this.truncations[a]) anyDone = true;
    if (anyDone) this.agents = this.agents.filter((a) => !(this.terminations[a] || this.truncations[a]));
    return [this.obs, this.rewards, this.terminations, this.truncations, this.infos];
  }

  /** The global state vector (a fresh copy in `stateSpace`). */
  state(): Float32Array {
    const out = new Float32Array(this.stateSpace.size);
    this.writeState(out);
    return out;
  }

  /** Frees resources. */
  close(): void {
    this.started = false;
    this.agents = [];
  }

  /** Fills `obs` and `infos` for every live agent. `this.rng` is already re-seeded. */
  protected abstract onReset(options: Record<string, unknown>): void;
  /** Fills every dict for every agent live at the start of the step. */
  protected abstract onStep(actions: AgentDict<A>): void;
  /** Writes the global state into `out` (length `stateSpace.size`). */
  protected abstract writeState(out: Float32Array): void;
}

function clear(...dicts: Record<string, unknown>[]): void {
  for (const d of dicts) for (const k of Object.keys(d)) delete d[k];
}
