import { EnvConfigError } from '../../errors/env.js';

/**
 * A reward function of the trading MDP: stateful (running estimates), reset at every episode start.
 * `reward(r)` receives the step's simple return of equity, *net of every cost* (fees, spread, impact,
 * funding, borrow), as a decimal fraction, and returns the reward.
 */
export interface RewardFunction {
  readonly name: RewardName;
  reset(): void;
  /** @param netReturn equity_t / equity_{t-1} - 1 after all costs (decimal, > -1) */
  reward(netReturn: number): number;
}

/** Names of the built-in reward functions. */
export type RewardName =
  | 'logReturn'
  | 'differentialSharpe'
  | 'differentialSortino'
  | 'drawdownPenalized'
  | 'cvarPenalized';

/** Names accepted by `makeReward`. */
export const REWARD_NAMES: readonly RewardName[] = [
  'logReturn',
  'differentialSharpe',
  'differentialSortino',
  'drawdownPenalized',
  'cvarPenalized',
];

/** Parameters of the built-in rewards (each has a default). */
export interface RewardParams {
  /** Adaptation rate of the differential ratios' moving moments (default 0.01, about a 100-step memory). */
  eta?: number;
  /** Penalty weight of drawdown increases / CVaR (default 1 / 0.1). */
  penalty?: number;
  /** CVaR confidence level (default 0.95). */
  alpha?: number;
  /** Step size of the online VaR estimate (default 0.01). */
  varStep?: number;
}

/** Log return net of costs: ln(1 + r). */
export class LogReturnReward implements RewardFunction {
  readonly name = 'logReturn' as const;
  reset(): void {}
  reward(r: number): number {
    return Math.log1p(r);
  }
}

/**
 * Differential Sharpe ratio: the first-order effect of this step's return on an exponentially weighted
 * Sharpe ratio. With A, B the moving first and second moments (rate eta),
 * D_t = (B_{t-1} dA - A_{t-1} dB / 2) / (B_{t-1} - A_{t-1}^2)^{3/2}, dA = R_t - A_{t-1}, dB = R_t^2 - B_{t-1}.
 * Returns 0 while the moving variance is still zero (first step).
 *
 * Reference: Moody and Saffell (2001), "Learning to trade via direct reinforcement", IEEE TNN 12(4), eq. (12).
 */
export class DifferentialSharpeReward implements RewardFunction {
  readonly name = 'differentialSharpe' as const;
  private a = 0;
  private b = 0;
  constructor(readonly eta = 0.01) {}
  reset(): void {
    this.a = 0;
    this.b = 0;
  }
  reward(r: number): number {
    const dA = r - this.a;
    const dB = r * r - this.b;
    const v = this.b - this.a * this.a;
    const d = v > 1e-18 ? (this.b * dA - 0.5 * this.a * dB) / (v * Math.sqrt(v)) : 0;
    this.a += this.eta * dA;
    this.b += this.eta * dB;
    return d;
  }
}

/**
 * Differential downside deviation ratio (a Sortino-style differential reward): penalizes only downside
 * variance. With A the moving mean and DD^2 the moving mean of min(R, 0)^2:
 * D_t = (R_t - A_{t-1}/2) / DD_{t-1} when R_t > 0, else (DD_{t-1}^2 (R_t - A_{t-1}/2) - A_{t-1} R_t^2 / 2) / DD_{t-1}^3.
 * Returns the plain return while DD is still zero.
 *
 * Reference: Moody and Saffell (2001), "Learning to trade via direct reinforcement", eqs. (14)-(16).
 */
export class DifferentialSortinoReward implements RewardFunction {
  readonly name = 'differentialSortino' as const;
  private a = 0;
  private dd2 = 0;
  constructor(readonly eta = 0.01) {}
  reset(): void {
    this.a = 0;
    this.dd2 = 0;
  }
  reward(r: number): number {
    const a = this.a;
    const dd2 = this.dd2;
    let d: number;
    if (dd2 <= 1e-18) d = r;
    else {
      const dd = Math.sqrt(dd2);
      d = r > 0 ? (r - 0.5 * a) / dd : (dd2 * (r - 0.5 * a) - 0.5 * a * r * r) / (dd2 * dd);
    }
    const neg = Math.min(r, 0);
    this.a += this.eta * (r - a);
    this.dd2 += this.eta * (neg * neg - dd2);
    return d;
  }
}

/**
 * Log return minus a penalty on drawdown increases: ln(1 + r) - penalty * max(0, DD_t - DD_{t-1}),
 * DD_t = 1 - equity_t / max_{s<=t} equity_s. The penalty sums to penalty * maxDrawdown over a fall.
 *
 * Reference: drawdown-penalized returns as in Almahdi and Yang (2017), "An adaptive portfolio trading
 * system: a risk-return portfolio optimization using recurrent reinforcement learning with expected
 * maximum drawdown".
 */
export class DrawdownPenalizedReward implements RewardFunction {
  readonly name = 'drawdownPenalized' as const;
  private equity = 1;
  private peak = 1;
  private dd = 0;
  constructor(readonly penalty = 1) {}
  reset(): void {
    this.equity = 1;
    this.peak = 1;
    this.dd = 0;
  }
  reward(r: number): number {
    this.equity *= 1 + r;
    if (this.equity > this.peak) this.peak = this.equity;
    const dd = 1 - this.equity / this.peak;
    const inc = dd > this.dd ? dd - this.dd : 0;
    this.dd = dd;
    return Math.log1p(r) - this.penalty * inc;
  }
}

/**
 * Log return minus a CVaR penalty estimated online with the Rockafellar-Uryasev representation
 * CVaR_alpha(L) = min_v v + E[(L - v)^+] / (1 - alpha), L = -r the loss. The VaR v is tracked by stochastic
 * gradient steps (scaled by the running mean absolute loss); the per-step penalty v + (L - v)^+ / (1 - alpha) is an unbiased sample of CVaR at v.
 * Reward: ln(1 + r) - penalty * max(0, v + (L - v)^+ / (1 - alpha)).
 *
 * Reference: Rockafellar and Uryasev (2000), "Optimization of conditional value-at-risk", J. Risk 2(3).
 */
export class CvarPenalizedReward implements RewardFunction {
  readonly name = 'cvarPenalized' as const;
  private v = 0;
  private scale = 0;
  constructor(
    readonly penalty = 0.1,
    readonly alpha = 0.95,
    readonly varStep = 0.01,
  ) {}
  reset(): void {
    this.v = 0;
    this.scale = 0;
  }
  reward(r: number): number {
    const loss = -r;
    const absLoss = loss < 0 ? -loss : loss;
    this.scale = this.scale === 0 ? absLoss : this.scale + 0.01 * (absLoss - this.scale);
    const excess = loss > this.v ? loss - this.v : 0;
    const sample = this.v + excess / (1 - this.alpha);
    // Subgradient of v + E[(L-v)^+]/(1-alpha) in v is 1 - 1{L > v}/(1-alpha); steps scale with |L|'s running mean.
    this.v -= this.varStep * this.scale * (1 - (loss > this.v ? 1 : 0) / (1 - this.alpha));
    return Math.log1p(r) - this.penalty * Math.max(sample, 0);
  }
}

/**
 * Builds a built-in reward by name.
 * @throws {EnvConfigError} for an unknown name or a bad parameter
 */
export function makeReward(name: RewardName, params: RewardParams = {}, envId = 'env'): RewardFunction {
  const eta = params.eta ?? 0.01;
  if (!(eta > 0 && eta < 1)) throw new EnvConfigError(envId, 'reward.eta', `must be in (0, 1), got ${eta}`);
  switch (name) {
    case 'logReturn':
      return new LogReturnReward();
    case 'differentialSharpe':
      return new DifferentialSharpeReward(eta);
    case 'differentialSortino':
      return new DifferentialSortinoReward(eta);
    case 'drawdownPenalized':
      return new DrawdownPenalizedReward(params.penalty ?? 1);
    case 'cvarPenalized': {
      const alpha = params.alpha ?? 0.95;
      if (!(alpha > 0 && alpha < 1))
        throw new EnvConfigError(envId, 'reward.alpha', `must be in (0, 1), got ${alpha}`);
      return new CvarPenalizedReward(params.penalty ?? 0.1, alpha, params.varStep ?? 0.01);
    }
    default:
      throw new EnvConfigError(
        envId,
        'reward',
        `unknown reward "${String(name)}" (known: ${REWARD_NAMES.join(', ')})`,
      );
  }
}
