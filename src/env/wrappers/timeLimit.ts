import { EnvConfigError } from '../../errors/env.js';
import type { Env } from '../core.js';
import type { Space } from '../spaces/space.js';
import { Wrapper } from './wrapper.js';

/**
 * Truncates episodes after `maxEpisodeSteps` steps (sets `truncated`, never `terminated`).
 *
 * Reference: Gymnasium 1.x, `gymnasium/wrappers/common.py` (`TimeLimit`).
 */
export class TimeLimit<O, A> extends Wrapper<O, A> {
  readonly observationSpace: Space<O>;
  private elapsed = 0;

  /** @throws {EnvConfigError} when `maxEpisodeSteps` is not a positive integer */
  constructor(
    env: Env<O, A>,
    readonly maxEpisodeSteps: number,
  ) {
    super(env);
    if (!Number.isInteger(maxEpisodeSteps) || maxEpisodeSteps < 1) {
      throw new EnvConfigError(
        env.metadata.id,
        'maxEpisodeSteps',
        `must be a positive integer, got ${maxEpisodeSteps}`,
      );
    }
    this.observationSpace = env.observationSpace;
  }

  /** Steps taken in the current episode. */
  get elapsedSteps(): number {
    return this.elapsed;
  }

  protected onReset(seed: number | undefined, options: Record<string, unknown>): O {
    this.elapsed = 0;
    return this.resetInner(seed, options);
  }

  protected onStep(action: A): O {
    const obs = this.stepInner(action);
    this.elapsed++;
    if (this.elapsed >= this.maxEpisodeSteps) this.truncated = true;
    return obs;
  }
}
