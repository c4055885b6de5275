import { Env, type EnvMetadata } from '../core.js';
import { Box } from '../spaces/box.js';

const MAX_SPEED = 8;
const MAX_TORQUE = 2.0;
/** Seconds per step. */
const DT = 0.05;
const MASS = 1.0;
const LENGTH = 1.0;

/**
 * Inverted pendulum swing-up with Gymnasium `Pendulum-v1`'s dynamics (semi-implicit Euler, dt = 0.05 s).
 *
 * State: theta (rad, 0 = upright), theta_dot (rad/s, clipped to +-8). Observation (float32):
 * [cos theta, sin theta, theta_dot]. Action: torque in N m, clipped to [-2, 2].
 * Reward: -(normalize(theta)^2 + 0.1 theta_dot^2 + 0.001 u^2), normalize into [-pi, pi).
 * Reset draws theta in [-pi, pi], theta_dot in [-1, 1]; `options.state` sets [theta, theta_dot] exactly.
 * The registered id wraps it in `TimeLimit(200)`.
 *
 * Reference: Gymnasium 1.x `Pendulum-v1` documentation (equations of motion and cost).
 */
export class PendulumEnv extends Env<Float32Array, Float32Array> {
  readonly metadata: EnvMetadata = { id: 'Pendulum-v1', renderModes: [] };
  readonly observationSpace = new Box([-1, -1, -MAX_SPEED], [1, 1, MAX_SPEED], [3]);
  readonly actionSpace = new Box(-MAX_TORQUE, MAX_TORQUE, [1]);
  /** Current [theta, theta_dot] (float64). */
  readonly state = new Float64Array(2);
  private readonly obs = new Float32Array(3);
  protected override actionCheck: 'contains' | 'shape' | 'none' = 'shape';

  /** @param g gravity in m/s^2 (Gymnasium default 10) */
  constructor(readonly g = 10.0) {
    super();
  }

  protected onReset(_seed: number | undefined, options: Record<string, unknown>): Float32Array {
    const given = options.state as ArrayLike<number> | undefined;
    if (given) {
      this.state[0] = given[0];
      this.state[1] = given[1];
    } else {
      this.state[0] = -Math.PI + 2 * Math.PI * this.rng.uniform();
      this.state[1] = -1 + 2 * this.rng.uniform();
    }
    this.info = {};
    return this.observe();
  }

  protected onStep(action: Float32Array): Float32Array {
    const th = this.state[0];
    const thDot = this.state[1];
    const u = Math.fround(Math.min(MAX_TORQUE, Math.max(-MAX_TORQUE, action[0])));
    const an = angleNormalize(th);
    const cost = an * an + 0.1 * thDot * thDot + Math.fround(0.001 * Math.fround(u * u));
    let newThDot =
      thDot + (((3 * this.g) / (2 * LENGTH)) * Math.sin(th) + (3.0 / (MASS * LENGTH * LENGTH)) * u) * DT;
    newThDot = Math.min(MAX_SPEED, Math.max(-MAX_SPEED, newThDot));
    this.state[0] = th + newThDot * DT;
    this.state[1] = newThDot;
    this.reward = -cost;
    return this.observe();
  }

  private observe(): Float32Array {
    this.obs[0] = Math.cos(this.state[0]);
    this.obs[1] = Math.sin(this.state[0]);
    this.obs[2] = this.state[1];
    return this.obs;
  }
}

/** Maps an angle into [-pi, pi) (Python's floored modulo). */
export function angleNormalize(x: number): number {
  const twoPi = 2 * Math.PI;
  const m = (x + Math.PI) % twoPi;
  return (m < 0 ? m + twoPi : m) - Math.PI;
}
