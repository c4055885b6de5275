import type { Env } from '../core.js';
import type { Space } from '../spaces/space.js';
import { RunningMeanStd } from './runningMeanStd.js';
import { Wrapper } from './wrapper.js';

/**
 * Scales rewards so the discounted return has roughly unit variance: keeps the running discounted return
 * `G = G * gamma * (1 - terminated) + r`, tracks its variance, and returns `r / sqrt(var(G) + epsilon)`.
 * With `scale` set, multiplies by that constant instead (plain reward scaling).
 *
 * Reference: Engstrom et al. (2020), "Implementation Matters in Deep Policy Gradients"; Gymnasium 1.x,
 * `gymnasium/wrappers/stateful_reward.py` (`NormalizeReward`).
 */
export class NormalizeReward<O, A> extends Wrapper<O, A> {
  readonly observationSpace: Space<O>;
  readonly rms = new RunningMeanStd(1);
  private discounted = 0;
  private readonly g = new Float64Array(1);

  constructor(
    env: Env<O, A>,
    readonly gamma = 0.99,
    readonly epsilon = 1e-8,
    readonly scale?: number,
  ) {
    super(env);
    this.observationSpace = env.observationSpace;
  }

  protected onReset(seed: number | undefined, options: Record<string, unknown>): O {
    return this.resetInner(seed, options);
  }

  protected onStep(action: A): O {
    const obs = this.stepInner(action);
    if (this.scale !== undefined) {
      this.reward *= this.scale;
      return obs;
    }
    this.discounted = this.discounted * this.gamma * (this.terminated ? 0 : 1) + this.reward;
    this.g[0] = this.discounted;
    this.rms.update(this.g);
    this.reward /= Math.sqrt(this.rms.var[0] + this.epsilon);
    return obs;
  }
}
