import { EnvConfigError, ResetNeededError } from '../errors/env.js';
import { cloneValue } from './checkEnv.js';
import type { Env, Info } from './core.js';
import { Box } from './spaces/box.js';
import { Dict } from './spaces/dict.js';
import { Discrete } from './spaces/discrete.js';
import { MultiDiscrete } from './spaces/multiDiscrete.js';
import type { Space } from './spaces/space.js';

/**
 * When a sub-environment that finished is reset (Gymnasium 1.x `AutoresetMode`):
 * - `'next-step'`: the step that ends an episode returns its final obs; the *next* `step` call resets that
 *   sub-env (its action is ignored) and returns the reset obs with reward 0 and both flags false.
 * - `'same-step'`: the sub-env is reset inside the step that ended it; the returned obs is the reset obs,
 *   and the final obs/info go to `finalObservations`/`finalInfos` with `finalMask` set.
 * - `'disabled'`: nothing is reset automatically; call `reset({ options: { resetMask } })`. Stepping a
 *   finished sub-env throws.
 */
export type AutoresetMode = 'next-step' | 'same-step' | 'disabled';

/** Batched observations: one contiguous Float32Array for Box, one per key for Dict of Boxes. */
export type BatchedObs = Float32Array | Record<string, Float32Array>;

/** Per-step extras of a vector step. */
export interface VectorInfo {
  /** Each sub-env's info object of this step (owned by the sub-env). */
  envInfos: Info[];
  /** 1 where a sub-env finished and was reset in this step (`same-step` mode). */
  finalMask: Uint8Array;
  /** Final observations of finished sub-envs (`same-step` mode), batched like the observations. */
  finalObservations: BatchedObs | undefined;
  /**
   * Final observations of finished sub-envs in `same-step` + `list` mode: a copy taken at the end of the
   * episode (the sub-env's own buffer is overwritten by its reset). Valid where `finalMask` is 1.
   */
  finalObservationList: unknown[];
  /** Final info of finished sub-envs (`same-step` mode); entries are valid where `finalMask` is 1. */
  finalInfos: Info[];
}

/** Options of a `VectorEnv`. */
export interface VectorEnvOptions {
  /** Default `'next-step'` (Gymnasium 1.x default). */
  autoresetMode?: AutoresetMode;
  /**
   * `'batched'` (default) copies every observation into contiguous batched arrays. `'list'` returns each
   * sub-env's own observation object (zero copy; for large windowed observations).
   */
  observationMode?: 'batched' | 'list';
}

/** Batched actions: Int32Array [N] for Discrete, Int32Array [N*k] for MultiDiscrete, Float32Array [N*d] for Box. */
export type BatchedAction = Int32Array | Float32Array;

/**
 * N copies of an environment stepped together with batched typed arrays (Gymnasium 1.x `SyncVectorEnv`).
 * Rewards are a `Float64Array`, terminations/truncations `Uint8Array`s, all preallocated and reused.
 * `reset({ seed })` seeds copy i with `seed + i`.
 *
 * Reference: Gymnasium 1.x, `gymnasium/vector/sync_vector_env.py` and `vector_env.py` (`AutoresetMode`).
 *
 * @example
 * const vec = new VectorEnv(() => makeEnv('CartPole-v1'), 8);
 * const [obs] = vec.reset({ seed: 1 });
 * const actions = new Int32Array(8).fill(1);
 * const [obs2, rewards, terminations, truncations] = vec.step(actions);
 */
export class VectorEnv<O, A> {
  readonly envs: Env<O, A>[];
  readonly singleObservationSpace: Space<O>;
  readonly singleActionSpace: Space<A>;
  readonly autoresetMode: AutoresetMode;
  readonly observationMode: 'batched' | 'list';
  readonly rewards: Float64Array;
  readonly terminations: Uint8Array;
  readonly truncations: Uint8Array;
  /** Batched observations (`batched` mode). */
  readonly observations: BatchedObs | undefined;
  /** Each sub-env's current observation (`list` mode; also filled in `batched` mode). */
  readonly observationList: O[];
  readonly info: VectorInfo;
  private readonly done: Uint8Array;
  private readonly actionViews: Array<Int32Array | Float32Array> = [];
  private readonly actionWidth: number;
  private readonly actionKind: 'discrete' | 'multi' | 'box';
  private readonly obsKeys: string[] | undefined;
  private readonly obsSizes: number[];
  private started = false;
  private readonly out: [BatchedObs | O[], Float64Array, Uint8Array, Uint8Array, VectorInfo];

  /**
   * @param makeEnv factory called `numEnvs` times
   * @throws {EnvConfigError} on a bad count or spaces that cannot be batched
   */
  constructor(makeEnv: (index: number) => Env<O, A>, numEnvs: number, options: VectorEnvOptions = {}) {
    if (!Number.isInteger(numEnvs) || numEnvs < 1) {
      throw new EnvConfigError('VectorEnv', 'numEnvs', `must be a positive integer, got ${numEnvs}`);
    }
    this.envs = [];
    for (let i = 0; i < numEnvs; i++) this.envs.push(makeEnv(i));
    const first = this.envs[0];
    this.singleObservationSpace = first.observationSpace;
    this.singleActionSpace = first.actionSpace;
    this.autoresetMode = options.autoresetMode ?? 'next-step';
    this.observationMode = options.observationMode ?? 'batched';
    this.rewards = new Float64Array(numEnvs);
    this.terminations = new Uint8Array(numEnvs);
    this.truncations = new Uint8Array(numEnvs);
    this.done = new Uint8Array(numEnvs);
    this.observationList = new Array<O>(numEnvs);

    const os = this.singleObservationSpace;
    if (os instanceof Box) {
      this.obsKeys = undefined;
      this.obsSizes = [os.size];
    } else if (os instanceof Dict) {
      this.obsKeys = [...os.keys];
      this.obsSizes = this.obsKeys.map((k) => {
        const sub = os.spaces[k];
        if (!(sub instanceof Box)) {
          throw new EnvConfigError(first.metadata.id, 'observationSpace', `Dict key "${k}" is not a Box`);
        }
        return sub.size;
      });
    } else if (this.observationMode === 'batched') {
      throw new EnvConfigError(
        first.metadata.id,
        'observationSpace',
        'batched mode needs a Box or Dict of Boxes',
      );
    } else {
      this.obsKeys = undefined;
      this.obsSizes = [0];
    }
    const makeBatch = (): BatchedObs => {
      if (this.obsKeys === undefined) return new Float32Array(numEnvs * this.obsSizes[0]);
      const rec: Record<string, Float32Array> = {};
      this.obsKeys.forEach((k, j) => {
        rec[k] = new Float32Array(numEnvs * this.obsSizes[j]);
      });
      return rec;
    };
    this.observations = this.observationMode === 'batched' ? makeBatch() : undefined;
    this.info = {
      envInfos: new Array<Info>(numEnvs).fill({}),
      finalMask: new Uint8Array(numEnvs),
      finalObservations:
        this.autoresetMode === 'same-step' && this.observationMode === 'batched' ? makeBatch() : undefined,
      finalInfos: new Array<Info>(numEnvs).fill({}),
      finalObservationList: new Array<unknown>(numEnvs).fill(undefined),
    };

    const as = this.singleActionSpace;
    if (as instanceof Discrete) {
      this.actionKind = 'discrete';
      this.actionWidth = 1;
    } else if (as instanceof MultiDiscrete) {
      this.actionKind = 'multi';
      this.actionWidth = as.nvec.length;
      const buf = new Int32Array(numEnvs * this.actionWidth);
      for (let i = 0; i < numEnvs; i++)
        this.actionViews.push(buf.subarray(i * this.actionWidth, (i + 1) * this.actionWidth));
    } else if (as instanceof Box) {
      this.actionKind = 'box';
      this.actionWidth = as.size;
      const buf = new Float32Array(numEnvs * this.actionWidth);
      for (let i = 0; i < numEnvs; i++)
        this.actionViews.push(buf.subarray(i * this.actionWidth, (i + 1) * this.actionWidth));
    } else {
      throw new EnvConfigError(
        first.metadata.id,
        'actionSpace',
        'VectorEnv supports Discrete, MultiDiscrete and Box actions',
      );
    }
    this.out = [this.observationList, this.rewards, this.terminations, this.truncations, this.info];
  }

  /** Number of sub-environments. */
  get numEnvs(): number {
    return this.envs.length;
  }

  /**
   * Resets all sub-envs, or only those with `options.resetMask[i]` set. Copy i gets seed `seed + i`.
   * @returns `[observations, info]`
   */
  reset(args: { seed?: number; options?: Record<string, unknown> } = {}): [BatchedObs | O[], VectorInfo] {
    const mask = args.options?.resetMask as ArrayLike<number | boolean> | undefined;
    const envOptions = { ...(args.options ?? {}) };
    delete envOptions.resetMask;
    for (let i = 0; i < this.envs.length; i++) {
      if (mask && !mask[i]) continue;
      const [obs, info] = this.envs[i].reset({
        seed: args.seed === undefined ? undefined : args.seed + i,
        options: envOptions,
      });
      this.write(i, obs, this.observations);
      this.info.envInfos[i] = info;
      this.done[i] = 0;
    }
    this.info.finalMask.fill(0);
    this.started = true;
    return [this.observations ?? this.observationList, this.info];
  }

  /**
   * Steps every sub-env with its slice of `actions`.
   * @returns `[observations, rewards, terminations, truncations, info]`, all reused between calls
   * @throws {ResetNeededError} before `reset`, or in `disabled` mode when a finished sub-env is stepped
   */
  step(actions: BatchedAction): [BatchedObs | O[], Float64Array, Uint8Array, Uint8Array, VectorInfo] {
    if (!this.started) throw new ResetNeededError('VectorEnv', 'step() before reset()');
    const n = this.envs.length;
    if (actions.length !== n * this.actionWidth) {
      throw new EnvConfigError(
        'VectorEnv',
        'actions',
        `expected ${n * this.actionWidth} values, got ${actions.length}`,
      );
    }
    const finalMask = this.info.finalMask;
    if (this.autoresetMode === 'same-step') finalMask.fill(0);
    for (let i = 0; i < n; i++) {
      const env = this.envs[i];
      if (this.done[i]) {
        if (this.autoresetMode === 'next-step') {
          const [obs, info] = env.reset();
          this.write(i, obs, this.observations);
          this.info.envInfos[i] = info;
          this.rewards[i] = 0;
          this.terminations[i] = 0;
          this.truncations[i] = 0;
          this.done[i] = 0;
          continue;
        }
        throw new ResetNeededError(env.metadata.id, `sub-env ${i} finished (autoreset disabled)`);
      }
      const stepObs = env.advance(this.actionFor(i, actions));
      const term = env.lastTerminated;
      const trunc = env.lastTruncated;
      this.rewards[i] = env.lastReward;
      this.terminations[i] = term ? 1 : 0;
      this.truncations[i] = trunc ? 1 : 0;
      this.info.envInfos[i] = env.lastInfo;
      const ended = term || trunc;
      if (ended && this.autoresetMode === 'same-step') {
        if (this.info.finalObservations) this.write(i, stepObs, this.info.finalObservations);
        else this.info.finalObservationList[i] = cloneValue(stepObs);
        this.info.finalInfos[i] = { ...env.lastInfo };
        finalMask[i] = 1;
        const [obs, info] = env.reset();
        this.write(i, obs, this.observations);
        this.info.envInfos[i] = info;
      } else {
        this.write(i, stepObs, this.observations);
        if (ended) this.done[i] = 1;
      }
    }
    this.out[0] = this.observations ?? this.observationList;
    return this.out;
  }

  /** Closes every sub-env. */
  close(): void {
    for (const e of this.envs) e.close();
    this.started = false;
  }

  private actionFor(i: number, actions: BatchedAction): A {
    if (this.actionKind === 'discrete') return actions[i] as A;
    const view = this.actionViews[i];
    const w = this.actionWidth;
    const base = i * w;
    for (let j = 0; j < w; j++) view[j] = actions[base + j];
    return view as A;
  }

  private write(i: number, obs: O, target: BatchedObs | undefined): void {
    if (target === this.observations) this.observationList[i] = obs;
    if (target === undefined) return;
    if (target instanceof Float32Array) {
      target.set(obs as Float32Array, i * this.obsSizes[0]);
      return;
    }
    const keys = this.obsKeys as string[];
    const rec = obs as Record<string, Float32Array>;
    for (let j = 0; j < keys.length; j++) target[keys[j]].set(rec[keys[j]], i * this.obsSizes[j]);
  }
}
