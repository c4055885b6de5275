import { EnvConfigError, InvalidActionError, ResetNeededError } from '../errors/env.js';
import { Rng } from '../math/rng.js';
import { Box } from './spaces/box.js';
import type { Space } from './spaces/space.js';

/** Auxiliary diagnostic information returned by `reset` and `step` (never needed for learning). */
export type Info = Record<string, unknown>;

/** What `step` returns: `[obs, reward, terminated, truncated, info]` (Gymnasium 1.x order). */
export type StepReturn<O> = [obs: O, reward: number, terminated: boolean, truncated: boolean, info: Info];

/** Arguments of `reset`. */
export interface ResetArgs {
  /** Re-seeds the environment's RNG (non-negative integer). Without it the RNG continues its stream. */
  seed?: number | undefined;
  /** Environment-specific reset options (for example `{ start: 120 }` for a replay start index). */
  options?: Record<string, unknown> | undefined;
}

/** Static facts about an environment. */
export interface EnvMetadata {
  /** Registry id, used in error messages. */
  id: string;
  /** Rendering modes (cwm envs render nothing; kept for Gymnasium parity). */
  renderModes: readonly string[];
}

/**
 * A single-agent environment with the Gymnasium 1.x contract.
 *
 * - `reset({ seed, options })` returns `[obs, info]`; `step(action)` returns
 *   `[obs, reward, terminated, truncated, info]`; `close()` frees resources.
 * - `terminated` means the task ended (liquidation, pole fell); `truncated` means a limit was hit
 *   (time limit, end of the data window). Bootstrapping depends on the difference.
 * - Calling `step` before `reset`, or after an episode ended without a new `reset`, throws
 *   `ResetNeededError` (Gymnasium's `OrderEnforcing`, made strict).
 * - Speed contract: the returned tuple, the observation buffer and the info object are owned by the env
 *   and overwritten by the next call. Copy them if you keep them (`checkEnv` does).
 *
 * Subclasses implement `onReset` and `onStep` and write `reward`, `terminated`, `truncated`.
 *
 * Reference: Gymnasium 1.x, `gymnasium/core.py` (`Env`), `gymnasium/wrappers/common.py` (`OrderEnforcing`).
 */
export abstract class Env<O, A> {
  abstract readonly observationSpace: Space<O>;
  abstract readonly actionSpace: Space<A>;
  abstract readonly metadata: EnvMetadata;
  /** The env's RNG; re-created by `reset({ seed })`. Default seed 0 (deterministic). */
  protected rng: Rng = new Rng(0);
  /** Reward of the current step (set by `onStep`). */
  protected reward = 0;
  /** Set by `onStep` when the task ended. */
  protected terminated = false;
  /** Set by `onStep` when a limit was hit. */
  protected truncated = false;
  /** The info object returned by `reset`/`step`; subclasses write keys into it. */
  protected info: Info = {};
  /**
   * How actions are validated before `onStep`: `'contains'` (full space membership) or `'shape'`
   * (type and shape only, for envs that clip continuous actions into range as Gymnasium's do), or
   * `'none'` (wrappers, whose inner env checks).
   */
  protected actionCheck: 'contains' | 'shape' | 'none' = 'contains';
  private needsReset = true;
  private everReset = false;
  private readonly out: StepReturn<O> = [undefined as O, 0, false, false, this.info];

  /**
   * Starts an episode and returns `[obs, info]`.
   * @throws {EnvConfigError} on a seed that is not a non-negative integer or on bad env-specific options
   */
  reset(args: ResetArgs = {}): [O, Info] {
    if (args.seed !== undefined) this.rng = seededRng(this.metadata.id, args.seed);
    const obs = this.onReset(args.seed, args.options ?? {});
    this.needsReset = false;
    this.everReset = true;
    return [obs, this.info];
  }

  /**
   * Advances one step.
   * @throws {ResetNeededError} before the first `reset` or after the episode ended
   * @throws {InvalidActionError} when `action` is not in `actionSpace`
   */
  step(action: A): StepReturn<O> {
    const obs = this.advance(action);
    const out = this.out;
    out[0] = obs;
    out[1] = this.reward;
    out[2] = this.terminated;
    out[3] = this.truncated;
    out[4] = this.info;
    return out;
  }

  /**
   * `step` without the result tuple (whose boxed reward is the only per-step allocation): returns the obs;
   * read `lastReward`, `lastTerminated`, `lastTruncated` and `lastInfo` afterwards. Used by `VectorEnv` and
   * wrappers. Same checks and errors as `step`.
   */
  advance(action: A): O {
    if (this.needsReset) {
      throw new ResetNeededError(
        this.metadata.id,
        this.everReset ? 'step() after the episode ended' : 'step() before reset()',
      );
    }
    this.checkAction(action);
    this.reward = 0;
    this.terminated = false;
    this.truncated = false;
    const obs = this.onStep(action);
    if (this.terminated || this.truncated) this.needsReset = true;
    return obs;
  }

  /** Reward of the last step. */
  get lastReward(): number {
    return this.reward;
  }

  /** Whether the last step terminated the episode. */
  get lastTerminated(): boolean {
    return this.terminated;
  }

  /** Whether the last step truncated the episode. */
  get lastTruncated(): boolean {
    return this.truncated;
  }

  /** Info of the last `reset` or step. */
  get lastInfo(): Info {
    return this.info;
  }

  /** Frees resources; further calls to `step` throw. */
  close(): void {
    this.needsReset = true;
    this.everReset = false;
  }

  /** Starts an episode; `this.rng` is already re-seeded when `seed` was given. Returns the first obs. */
  protected abstract onReset(seed: number | undefined, options: Record<string, unknown>): O;

  /** Applies `action`, sets `reward`/`terminated`/`truncated`/`info`, and returns the next obs. */
  protected abstract onStep(action: A): O;

  private checkAction(action: A): void {
    const space = this.actionSpace;
    if (this.actionCheck === 'none') return;
    if (this.actionCheck === 'shape' && space instanceof Box) {
      if (!space.hasShape(action)) {
        throw new InvalidActionError(this.metadata.id, `expected a Float32Array of length ${space.size}`);
      }
      for (let i = 0; i < space.size; i++) {
        if (Number.isNaN(action[i])) throw new InvalidActionError(this.metadata.id, `element ${i} is NaN`);
      }
      return;
    }
    if (!space.contains(action)) {
      throw new InvalidActionError(
        this.metadata.id,
        `${describeValue(action)} is not in ${JSON.stringify(space.describe())}`,
      );
    }
  }
}

function describeValue(x: unknown): string {
  if (ArrayBuffer.isView(x)) return `${x.constructor.name}[${Array.from(x as Float32Array).join(', ')}]`;
  return JSON.stringify(x) ?? String(x);
}

/**
 * The episode stream of a `reset({ seed })`: `new Rng(seed)`.
 * @throws {EnvConfigError} naming env `envId` when the seed is not a non-negative integer
 */
export function seededRng(envId: string, seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0) {
    throw new EnvConfigError(envId, 'seed', `must be a non-negative integer, got ${seed}`);
  }
  return new Rng(seed);
}
