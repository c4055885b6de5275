import { EnvConfigError } from '../../errors/env.js';
import type { Env } from '../core.js';
import { Box } from '../spaces/box.js';
import { RunningMeanStd } from './runningMeanStd.js';
import { Wrapper } from './wrapper.js';

/**
 * Normalizes Box observations to roughly zero mean and unit variance with running statistics:
 * `(obs - mean) / sqrt(var + epsilon)`, statistics updated with every observation unless `frozen`.
 * Statistics use only observations already seen (no look-ahead).
 *
 * Reference: Gymnasium 1.x, `gymnasium/wrappers/stateful_observation.py` (`NormalizeObservation`).
 */
export class NormalizeObservation<A> extends Wrapper<Float32Array, A> {
  readonly observationSpace: Box;
  readonly rms: RunningMeanStd;
  /** When true, statistics stop updating (for evaluation). */
  frozen = false;
  private readonly buf: Float32Array;

  /** @throws {EnvConfigError} when the observation space is not a Box */
  constructor(
    env: Env<Float32Array, A>,
    readonly epsilon = 1e-8,
  ) {
    super(env);
    const space = env.observationSpace;
    if (!(space instanceof Box)) {
      throw new EnvConfigError(env.metadata.id, 'observationSpace', 'NormalizeObservation needs a Box space');
    }
    this.observationSpace = new Box(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, space.shape);
    this.rms = new RunningMeanStd(space.size);
    this.buf = new Float32Array(space.size);
  }

  protected onReset(seed: number | undefined, options: Record<string, unknown>): Float32Array {
    return this.normalize(this.resetInner(seed, options));
  }

  protected onStep(action: A): Float32Array {
    return this.normalize(this.stepInner(action));
  }

  private normalize(obs: Float32Array): Float32Array {
    if (!this.frozen) this.rms.update(obs);
    const { mean, var: v } = this.rms;
    for (let i = 0; i < obs.length; i++) this.buf[i] = (obs[i] - mean[i]) / Math.sqrt(v[i] + this.epsilon);
    return this.buf;
  }
}
