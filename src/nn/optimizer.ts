import * as tf from '@tensorflow/tfjs';
import { NnConfigError } from '../errors/nn.js';
import { type LrSchedule, scheduleFactor, validateSchedule } from './schedules.js';

/** Arguments shared by cwm optimizers. */
export interface OptimizerArgs {
  /** Base learning rate. */
  lr: number;
  /** Learning-rate schedule over steps. Default constant. */
  schedule?: LrSchedule;
  /** Clip gradients to this global L2 norm before the update (Pascanu et al., 2013). Default none. */
  clipNorm?: number;
}

/**
 * Base of cwm's optimizers: learning-rate schedule, gradient clipping by global norm, and state slots per
 * variable. `minimize(loss, vars)` runs one step and returns the loss value.
 */
export abstract class Optimizer {
  readonly lr: number;
  readonly schedule: LrSchedule;
  readonly clipNorm: number | undefined;
  /** Optimizer steps taken so far. */
  iterations = 0;
  private slots = new Map<number, tf.Variable[]>();

  constructor(name: string, args: OptimizerArgs) {
    if (!(args.lr > 0) || !Number.isFinite(args.lr))
      throw new NnConfigError(name, 'lr', `must be > 0, got ${args.lr}`);
    if (args.clipNorm !== undefined && !(args.clipNorm > 0))
      throw new NnConfigError(name, 'clipNorm', `must be > 0, got ${args.clipNorm}`);
    this.lr = args.lr;
    this.schedule = validateSchedule(args.schedule ?? { kind: 'constant' });
    this.clipNorm = args.clipNorm;
  }

  /** Learning rate of the next step. */
  currentLr(): number {
    return this.lr * scheduleFactor(this.schedule, this.iterations);
  }

  /** Zero-initialised state tensors of `v` (created on first use). */
  protected slotsOf(v: tf.Variable, count: number): tf.Variable[] {
    let s = this.slots.get(v.id);
    if (!s) {
      s = [];
      for (let i = 0; i < count; i++) s.push(tf.variable(tf.zerosLike(v), false));
      this.slots.set(v.id, s);
    }
    return s;
  }

  /** Updates one variable with its (already clipped) gradient; runs inside `tidy`. */
  protected abstract update(v: tf.Variable, g: tf.Tensor, lr: number, t: number): void;

  /** Applies `grads[i]` to `vars[i]` (clipping first), then advances the step counter. */
  applyGradients(vars: tf.Variable[], grads: tf.Tensor[]): void {
    const lr = this.currentLr();
    this.iterations++;
    const t = this.iterations;
    tf.tidy(() => {
      let gs = grads;
      if (this.clipNorm !== undefined) gs = clipByGlobalNorm(grads, this.clipNorm);
      for (let i = 0; i < vars.length; i++) this.update(vars[i], gs[i], lr, t);
    });
  }

  /**
   * One step: gradients of `loss` w.r.t. `vars`, then the update.
   * @returns the loss value before the update.
   */
  minimize(loss: () => tf.Scalar, vars: tf.Variable[]): number {
    const { value, grads } = tf.variableGrads(loss, vars);
    const gs = vars.map((v) => grads[v.name]);
    this.applyGradients(vars, gs);
    const out = value.dataSync()[0];
    value.dispose();
    for (const g of gs) g.dispose();
    return out;
  }

  /** Frees the state tensors. */
  dispose(): void {
    for (const s of this.slots.values()) for (const v of s) v.dispose();
    this.slots.clear();
  }
}

/**
 * Scales every gradient by `min(1, clipNorm / globalNorm)` where globalNorm is the L2 norm of all gradients
 * together (Pascanu, Mikolov and Bengio, 2013). Runs in the graph; no host sync.
 */
export function clipByGlobalNorm(grads: tf.Tensor[], clipNorm: number): tf.Tensor[] {
  return tf.tidy(() => {
    const sq = tf.addN(grads.map((g) => tf.sum(tf.square(g))));
    const scale = tf.div(clipNorm, tf.maximum(tf.sqrt(sq), clipNorm));
    return grads.map((g) => tf.mul(g, scale));
  });
}

/** L2 norm of all gradients together (host value). */
export function globalNorm(grads: tf.Tensor[]): number {
  return tf.tidy(() => tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g))))).dataSync()[0]);
}

/** Arguments of `Adam` / `AdamW`. */
export interface AdamArgs extends OptimizerArgs {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Decoupled weight decay per unit learning rate (AdamW). Default 0. */
  weightDecay?: number;
}

/**
 * Adam (Kingma and Ba, 2015) with bias correction; with `weightDecay` > 0 it is AdamW (Loshchilov and
 * Hutter, 2019): `theta -= lr * (mHat / (sqrt(vHat) + eps) + weightDecay * theta)`.
 */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;

  constructor(args: AdamArgs, name = 'Adam') {
    super(name, args);
    this.beta1 = args.beta1 ?? 0.9;
    this.beta2 = args.beta2 ?? 0.999;
    this.epsilon = args.epsilon ?? 1e-8;
    this.weightDecay = args.weightDecay ?? 0;
    for (const [k, v] of [
      ['beta1', this.beta1],
      ['beta2', this.beta2],
    ] as const)
      if (!(v >= 0 && v < 1)) throw new NnConfigError(name, k, `must be in [0, 1), got ${v}`);
    if (!(this.weightDecay >= 0))
      throw new NnConfigError(name, 'weightDecay', `must be >= 0, got ${this.weightDecay}`);
  }

  protected update(v: tf.Variable, g: tf.Tensor, lr: number, t: number): void {
    const [m, s] = this.slotsOf(v, 2);
    const m1 = tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1));
    const s1 = tf.add(tf.mul(s, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
    m.assign(m1);
    s.assign(s1);
    const stepSize = lr / (1 - this.beta1 ** t);
    const denom = tf.add(tf.sqrt(tf.div(s1, 1 - this.beta2 ** t)), this.epsilon);
    let next = tf.sub(v, tf.mul(tf.div(m1, denom), stepSize));
    if (this.weightDecay > 0) next = tf.sub(next, tf.mul(v, lr * this.weightDecay));
    v.assign(next);
  }
}

/** AdamW (Loshchilov and Hutter, 2019, "Decoupled weight decay regularization"); default decay 0.01. */
export class AdamW extends Adam {
  constructor(args: AdamArgs) {
    super({ ...args, weightDecay: args.weightDecay ?? 0.01 }, 'AdamW');
  }
}

/** Arguments of `Sgd`. */
export interface SgdArgs extends OptimizerArgs {
  /** Momentum coefficient in [0, 1). Default 0.9. */
  momentum?: number;
  /** Nesterov momentum. Default false. */
  nesterov?: boolean;
}

/**
 * SGD with heavy-ball momentum (Polyak, 1964) or Nesterov momentum (Sutskever et al., 2013):
 * `u = mu * u + g; theta -= lr * (nesterov ? g + mu * u : u)`.
 */
export class Sgd extends Optimizer {
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(args: SgdArgs) {
    super('Sgd', args);
    this.momentum = args.momentum ?? 0.9;
    this.nesterov = args.nesterov ?? false;
    if (!(this.momentum >= 0 && this.momentum < 1))
      throw new NnConfigError('Sgd', 'momentum', `must be in [0, 1), got ${this.momentum}`);
  }

  protected update(v: tf.Variable, g: tf.Tensor, lr: number): void {
    if (this.momentum === 0) {
      v.assign(tf.sub(v, tf.mul(g, lr)));
      return;
    }
    const [u] = this.slotsOf(v, 1);
    const u1 = tf.add(tf.mul(u, this.momentum), g);
    u.assign(u1);
    const dir = this.nesterov ? tf.add(g, tf.mul(u1, this.momentum)) : u1;
    v.assign(tf.sub(v, tf.mul(dir, lr)));
  }
}
