import type { Env } from '../core.js';
import type { Space } from '../spaces/space.js';
import { Wrapper } from './wrapper.js';

/** Statistics of one finished episode (Gymnasium's `info["episode"]`: r, l). */
export interface EpisodeStatistics {
  /** Sum of rewards. */
  r: number;
  /** Number of steps. */
  l: number;
}

/**
 * Tracks the return and length of each episode. When an episode ends, `info.episode` is set to
 * `{ r, l }` for that step, and the last `bufferLength` episodes are kept in `returnQueue`/`lengthQueue`.
 *
 * Reference: Gymnasium 1.x, `gymnasium/wrappers/common.py` (`RecordEpisodeStatistics`).
 */
export class RecordEpisodeStatistics<O, A> extends Wrapper<O, A> {
  readonly observationSpace: Space<O>;
  /** Returns of the most recent finished episodes, oldest first. */
  readonly returnQueue: number[] = [];
  /** Lengths of the most recent finished episodes, oldest first. */
  readonly lengthQueue: number[] = [];
  /** Finished episodes so far. */
  episodeCount = 0;
  private episodeReturn = 0;
  private episodeLength = 0;

  constructor(
    env: Env<O, A>,
    readonly bufferLength = 100,
  ) {
    super(env);
    this.observationSpace = env.observationSpace;
  }

  protected onReset(seed: number | undefined, options: Record<string, unknown>): O {
    this.episodeReturn = 0;
    this.episodeLength = 0;
    const obs = this.resetInner(seed, options);
    delete this.info.episode;
    return obs;
  }

  protected onStep(action: A): O {
    const obs = this.stepInner(action);
    this.episodeReturn += this.reward;
    this.episodeLength++;
    if (this.terminated || this.truncated) {
      const ep: EpisodeStatistics = { r: this.episodeReturn, l: this.episodeLength };
      this.info.episode = ep;
      this.returnQueue.push(ep.r);
      this.lengthQueue.push(ep.l);
      if (this.returnQueue.length > this.bufferLength) {
        this.returnQueue.shift();
        this.lengthQueue.shift();
      }
      this.episodeCount++;
    } else if (this.info.episode !== undefined) {
      delete this.info.episode;
    }
    return obs;
  }
}
