import { Env, type EnvMetadata } from '../core.js';
import { Box } from '../spaces/box.js';
import { Discrete } from '../spaces/discrete.js';

const GRAVITY = 9.8;
const MASS_CART = 1.0;
const MASS_POLE = 0.1;
const TOTAL_MASS = MASS_CART + MASS_POLE;
/** Half the pole's length (m). */
const LENGTH = 0.5;
const POLE_MASS_LENGTH = MASS_POLE * LENGTH;
const FORCE_MAG = 10.0;
/** Seconds between state updates. */
const TAU = 0.02;
/** Pole angle at which the episode fails: 12 degrees, in radians. */
const THETA_THRESHOLD = (12 * 2 * Math.PI) / 360;
const X_THRESHOLD = 2.4;
const F32_MAX = 3.4028234663852886e38;

/**
 * Cart-pole balancing (Barto, Sutton and Anderson, 1983) with Gymnasium `CartPole-v1`'s dynamics:
 * explicit Euler integration, tau = 0.02 s, force +-10 N, failure beyond 12 degrees or |x| > 2.4.
 *
 * State (float64 internally, float32 obs): [x (m), x_dot (m/s), theta (rad), theta_dot (rad/s)].
 * Actions: 0 push left, 1 push right. Reward +1 for every step, including the terminating one.
 * Reset draws each state element uniformly in [-0.05, 0.05]; `options.state` sets it exactly.
 * The registered id wraps it in `TimeLimit(500)`.
 *
 * Reference: Barto, Sutton, Anderson (1983), "Neuronlike adaptive elements that can solve difficult
 * learning control problems"; Florian (2007), "Correct equations for the dynamics of the cart-pole system";
 * Gymnasium 1.x `CartPole-v1` documentation.
 */
export class CartPoleEnv extends Env<Float32Array, number> {
  readonly metadata: EnvMetadata = { id: 'CartPole-v1', renderModes: [] };
  readonly observationSpace = new Box(
    [-X_THRESHOLD * 2, -F32_MAX, -THETA_THRESHOLD * 2, -F32_MAX],
    [X_THRESHOLD * 2, F32_MAX, THETA_THRESHOLD * 2, F32_MAX],
    [4],
  );
  readonly actionSpace = new Discrete(2);
  /** Current physical state (float64). */
  readonly state = new Float64Array(4);
  private readonly obs = new Float32Array(4);

  protected onReset(_seed: number | undefined, options: Record<string, unknown>): Float32Array {
    const given = options.state as ArrayLike<number> | undefined;
    for (let i = 0; i < 4; i++) this.state[i] = given ? given[i] : -0.05 + 0.1 * this.rng.uniform();
    this.info = {};
    return this.observe();
  }

  protected onStep(action: number): Float32Array {
    const s = this.state;
    const x = s[0];
    const xDot = s[1];
    const theta = s[2];
    const thetaDot = s[3];
    const force = action === 1 ? FORCE_MAG : -FORCE_MAG;
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    const temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
    const thetaAcc =
      (GRAVITY * sin - cos * temp) / (LENGTH * (4.0 / 3.0 - (MASS_POLE * cos * cos) / TOTAL_MASS));
    const xAcc = temp - (POLE_MASS_LENGTH * thetaAcc * cos) / TOTAL_MASS;
    s[0] = x + TAU * xDot;
    s[1] = xDot + TAU * xAcc;
    s[2] = theta + TAU * thetaDot;
    s[3] = thetaDot + TAU * thetaAcc;
    this.terminated =
      s[0] < -X_THRESHOLD || s[0] > X_THRESHOLD || s[2] < -THETA_THRESHOLD || s[2] > THETA_THRESHOLD;
    this.reward = 1;
    return this.observe();
  }

  private observe(): Float32Array {
    for (let i = 0; i < 4; i++) this.obs[i] = this.state[i];
    return this.obs;
  }
}
