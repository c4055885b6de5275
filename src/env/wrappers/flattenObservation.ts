import { EnvConfigError } from '../../errors/env.js';
import type { Env } from '../core.js';
import { Box } from '../spaces/box.js';
import { Dict } from '../spaces/dict.js';
import { Wrapper } from './wrapper.js';

/**
 * Flattens a Dict-of-Boxes observation into one Box (keys in sorted order, each row-major), so Box-only
 * tools (`NormalizeObservation`, `FrameStack`, MLP policies) apply. Copies into one reused buffer per step.
 *
 * Reference: Gymnasium 1.x, `gymnasium/wrappers/transform_observation.py` (`FlattenObservation`).
 */
export class FlattenObservation<O extends object, A> extends Wrapper<O, A, Float32Array> {
  readonly observationSpace: Box;
  private readonly keys: readonly string[];
  private readonly offsets: number[] = [];
  private readonly buf: Float32Array;

  /** @throws {EnvConfigError} when the observation space is not a Dict of Boxes */
  constructor(env: Env<O, A>) {
    super(env);
    const space = env.observationSpace;
    if (!(space instanceof Dict)) {
      throw new EnvConfigError(
        env.metadata.id,
        'observationSpace',
        'FlattenObservation needs a Dict of Boxes',
      );
    }
    this.keys = space.keys;
    const low: number[] = [];
    const high: number[] = [];
    for (const k of this.keys) {
      const sub = space.spaces[k];
      if (!(sub instanceof Box)) {
        throw new EnvConfigError(env.metadata.id, 'observationSpace', `Dict key "${k}" is not a Box`);
      }
      this.offsets.push(low.length);
      for (let i = 0; i < sub.size; i++) {
        low.push(sub.low[i]);
        high.push(sub.high[i]);
      }
    }
    this.observationSpace = new Box(low, high, [low.length]);
    this.buf = new Float32Array(low.length);
  }

  protected onReset(seed: number | undefined, options: Record<string, unknown>): Float32Array {
    return this.flatten(this.resetInner(seed, options));
  }

  protected onStep(action: A): Float32Array {
    return this.flatten(this.stepInner(action));
  }

  private flatten(obs: O): Float32Array {
    const rec = obs as unknown as Record<string, Float32Array>;
    for (let j = 0; j < this.keys.length; j++) this.buf.set(rec[this.keys[j]], this.offsets[j]);
    return this.buf;
  }
}
