import { EnvConfigError } from '../../errors/env.js';
import type { Env } from '../core.js';
import { Box } from '../spaces/box.js';
import { Wrapper } from './wrapper.js';

/**
 * Stacks the last `stackSize` Box observations into one of shape `[stackSize, ...shape]`, oldest first.
 * After `reset` the stack is padded with copies of the reset observation (Gymnasium's `padding_type="reset"`).
 *
 * Zero-copy output: frames are written twice into a buffer of `2 * stackSize` frames, so the newest
 * `stackSize` frames are always one contiguous view; a step copies one frame twice, never the whole stack.
 *
 * Reference: Gymnasium 1.x, `gymnasium/wrappers/stateful_observation.py` (`FrameStackObservation`);
 * Mnih et al. (2015) for frame stacking.
 */
export class FrameStack<A> extends Wrapper<Float32Array, A> {
  readonly observationSpace: Box;
  private readonly frame: number;
  private readonly buf: Float32Array;
  private readonly views: Float32Array[] = [];
  private head = 0;

  /** @throws {EnvConfigError} when the observation space is not a Box or stackSize < 1 */
  constructor(
    env: Env<Float32Array, A>,
    readonly stackSize: number,
  ) {
    super(env);
    const space = env.observationSpace;
    if (!(space instanceof Box)) {
      throw new EnvConfigError(env.metadata.id, 'observationSpace', 'FrameStack needs a Box space');
    }
    if (!Number.isInteger(stackSize) || stackSize < 1) {
      throw new EnvConfigError(env.metadata.id, 'stackSize', `must be a positive integer, got ${stackSize}`);
    }
    this.frame = space.size;
    const low = new Float32Array(stackSize * space.size);
    const high = new Float32Array(stackSize * space.size);
    for (let k = 0; k < stackSize; k++) {
      low.set(space.low, k * space.size);
      high.set(space.high, k * space.size);
    }
    this.observationSpace = new Box(low, high, [stackSize, ...space.shape]);
    this.buf = new Float32Array(2 * stackSize * space.size);
    for (let h = 0; h < stackSize; h++) {
      this.views.push(this.buf.subarray((h + 1) * this.frame, (h + 1 + stackSize) * this.frame));
    }
  }

  protected onReset(seed: number | undefined, options: Record<string, unknown>): Float32Array {
    const obs = this.resetInner(seed, options);
    for (let k = 0; k < 2 * this.stackSize; k++) this.buf.set(obs, k * this.frame);
    this.head = this.stackSize - 1;
    return this.views[this.head];
  }

  protected onStep(action: A): Float32Array {
    const obs = this.stepInner(action);
    // Newest frame goes to slot head+1 (mod stack) and its mirror; the view starting after it is the window.
    this.head = (this.head + 1) % this.stackSize;
    const slot = this.head;
    this.buf.set(obs, slot * this.frame);
    this.buf.set(obs, (slot + this.stackSize) * this.frame);
    return this.views[slot];
  }
}
