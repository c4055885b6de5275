import { FactorDefinitionError } from '../../errors/factors.js';
import { fitGarch, garchBackcast, garchFilter } from '../../math/garch.js';
import { filterHmm, fitGaussianHmm, type GaussianHmm, gaussianEmissions } from '../../math/hmm.js';
import { nelderMead } from '../../math/optimize.js';
import { checkWindow, type EvalEnv, Expr, type StreamContext, type StreamNode } from '../expr.js';

/**
 * Operators backed by fitted models (GARCH(1,1), Gaussian HMM), point-in-time: the model is refitted
 * as soon as `minObs` finite observations exist and then every `refitEvery` rows, on the last `window`
 * finite observations known at that row (never on later data), and filtered forward between refits. The refit schedule counts rows from the start of the
 * series, so batch and streaming run the very same code (a per-row tracker) and agree bit for bit, and a
 * truncated series gives the prefix of the full result.
 */

/** Per-row GARCH(1,1) volatility tracker (one-step-ahead conditional standard deviation). */
export class GarchVolTracker {
  private readonly buf: Float64Array;
  private count = 0;
  private finite = 0;
  private row = 0;
  private fitted = false;
  private mu = 0;
  private omega = 0;
  private alpha = 0;
  private beta = 0;
  private s2 = Number.NaN;

  /** Current GARCH parameters in scaled units (undefined before the first fit). */
  get params(): { mu: number; omega: number; alpha: number; beta: number } | undefined {
    return this.fitted ? { mu: this.mu, omega: this.omega, alpha: this.alpha, beta: this.beta } : undefined;
  }

  /**
   * @param window observations per fit (rows with finite returns)
   * @param refitEvery rows between refits
   * @param minObs finite observations needed before the first fit (>= 30)
   * @param scale returns are multiplied by this before fitting (100: percent, for conditioning)
   */
  constructor(
    readonly window: number,
    readonly refitEvery: number,
    readonly minObs: number,
    readonly scale = 100,
  ) {
    checkWindow('GarchVol', window, 30);
    checkWindow('GarchVol', refitEvery, 1);
    checkWindow('GarchVol', minObs, 30);
    this.buf = new Float64Array(window);
  }

  /** Feeds return r_t (NaN = missing); returns sigma_{t+1} in return units (NaN before the first fit). */
  update(r: number): number {
    const row = this.row++;
    const x = r * this.scale;
    const ok = Number.isFinite(x);
    if (ok) {
      this.buf[this.count % this.window] = x;
      this.count++;
      this.finite = Math.min(this.finite + 1, this.window);
      if (this.fitted) {
        const e = x - this.mu;
        this.s2 = this.omega + this.alpha * e * e + this.beta * this.s2;
      }
    }
    const first = !this.fitted && ok && this.count === this.minObs;
    if (first || ((row + 1) % this.refitEvery === 0 && this.count >= this.minObs)) this.refit();
    if (!this.fitted || !ok) return Number.NaN;
    return Math.sqrt(this.s2) / this.scale;
  }

  private refit(): void {
    const m = this.finite;
    const obs = new Float64Array(m);
    const first = this.count - m;
    for (let j = 0; j < m; j++) obs[j] = this.buf[(first + j) % this.window];
    let mu: number;
    let omega: number;
    let alpha: number;
    let beta: number;
    let s2Last: number;
    const sigma2 = new Float64Array(m);
    if (!this.fitted) {
      let fit: ReturnType<typeof fitGarch>;
      try {
        fit = fitGarch(obs);
      } catch {
        return; // constant window: no model yet
      }
      ({ mu, omega, alpha, beta } = fit.params);
      s2Last = fit.sigma2[m - 1];
    } else {
      // warm start from the previous parameters (the same likelihood as fitGarch: constant mean,
      // normal errors, arch backcast of the residuals of the sample mean)
      let mean = 0;
      for (let j = 0; j < m; j++) mean += obs[j] / m;
      const resid = new Float64Array(m);
      let v = 0;
      for (let j = 0; j < m; j++) {
        resid[j] = obs[j] - mean;
        v += (resid[j] * resid[j]) / m;
      }
      const backcast = garchBackcast(resid);
      const negLl = (p: Float64Array): number => {
        if (!(p[1] > 0) || p[2] < 0 || p[3] < 0 || p[2] + p[3] >= 0.99999) return Number.POSITIVE_INFINITY;
        for (let j = 0; j < m; j++) resid[j] = obs[j] - p[0];
        return -garchFilter(resid, p[1], p[2], p[3], backcast, sigma2);
      };
      const sd = Math.sqrt(v);
      const res = nelderMead(negLl, [this.mu, this.omega, this.alpha, this.beta], {
        lower: [mean - 10 * sd, v * 1e-8, 0, 0],
        upper: [mean + 10 * sd, 10 * v, 1, 1],
        step: [0.05 * sd, 0.2 * this.omega, 0.01, 0.01],
        maxEvals: 120,
        fTol: 1e-9,
        restarts: 0,
      });
      [mu, omega, alpha, beta] = res.x;
      for (let j = 0; j < m; j++) resid[j] = obs[j] - mu;
      garchFilter(resid, omega, alpha, beta, backcast, sigma2);
      s2Last = sigma2[m - 1];
    }
    const eLast = obs[m - 1] - mu;
    this.mu = mu;
    this.omega = omega;
    this.alpha = alpha;
    this.beta = beta;
    this.s2 = omega + alpha * eLast * eLast + beta * s2Last;
    this.fitted = true;
  }
}

/** A model that turns a stream of values into one output per value, refitting itself as it goes. */
interface OnlineTracker {
  update(x: number): number;
}

/**
 * An expression driven by an online model over one child series: batch and streaming run the same tracker,
 * so they agree by construction. Subclasses only say which tracker to build.
 */
abstract class TrackerExpr extends Expr {
  readonly children: readonly Expr[];
  constructor(
    x: Expr,
    readonly window: number,
    readonly refitEvery: number,
    readonly minObs: number,
  ) {
    super();
    this.children = [x];
    this.makeTracker(); // validates the parameters when the expression is built
  }
  protected abstract makeTracker(): OnlineTracker;
  protected override args(): number[] {
    return [this.window, this.refitEvery, this.minObs];
  }
  lookback(): number {
    return this.children[0].lookback() + this.minObs;
  }
  protected compute(env: EvalEnv): Float64Array {
    const x = this.children[0].evaluate(env);
    const t = this.makeTracker();
    const out = new Float64Array(env.n);
    for (let i = 0; i < env.n; i++) out[i] = t.update(x[i]);
    return out;
  }
  stream(ctx: StreamContext): StreamNode {
    const child = this.children[0].stream(ctx);
    const t = this.makeTracker();
    return { step: (row) => t.update(child.step(row)) };
  }
}

/**
 * `GarchVol(r, window, refitEvery, minObs)`: one-step-ahead GARCH(1,1) conditional volatility of the
 * returns `r`, in return units per row, by maximum likelihood (`fitGarch` from `src/math/garch.ts`, then
 * warm-started refits). Reference: Bollerslev (1986).
 */
export class GarchVolExpr extends TrackerExpr {
  readonly op = 'GarchVol';
  protected makeTracker(): GarchVolTracker {
    return new GarchVolTracker(this.window, this.refitEvery, this.minObs);
  }
}

/**
 * Per-row 2-state Gaussian HMM regime tracker on features (r_t, |r_t|): filtered probability
 * P(turbulent state | r_1..r_t), the turbulent state being the one with the larger mean |r|.
 */
export class HmmRegimeTracker {
  private readonly buf: Float64Array;
  private count = 0;
  private finite = 0;
  private row = 0;
  private model: GaussianHmm | undefined;
  private readonly p = new Float64Array(2);
  private readonly obs = new Float64Array(2);

  constructor(
    readonly window: number,
    readonly refitEvery: number,
    readonly minObs: number,
  ) {
    checkWindow('HmmRegime', window, 20);
    checkWindow('HmmRegime', refitEvery, 1);
    checkWindow('HmmRegime', minObs, 20);
    this.buf = new Float64Array(window);
  }

  /** Feeds return r_t (NaN = missing); returns P(turbulent) at t (NaN before the first fit). */
  update(r: number): number {
    const row = this.row++;
    const ok = Number.isFinite(r);
    if (ok) {
      this.buf[this.count % this.window] = r;
      this.count++;
      this.finite = Math.min(this.finite + 1, this.window);
      if (this.model) this.step(r);
    }
    const first = !this.model && ok && this.count === this.minObs;
    if (first || ((row + 1) % this.refitEvery === 0 && this.count >= this.minObs)) this.refit();
    if (!this.model || !ok) return Number.NaN;
    return this.p[1];
  }

  private step(r: number): void {
    const model = this.model as GaussianHmm;
    this.obs[0] = r;
    this.obs[1] = Math.abs(r);
    const { b } = gaussianEmissions(model, this.obs);
    const a0 = (this.p[0] * model.trans[0] + this.p[1] * model.trans[2]) * b[0];
    const a1 = (this.p[0] * model.trans[1] + this.p[1] * model.trans[3]) * b[1];
    const s = a0 + a1;
    this.p[0] = s > 0 ? a0 / s : 0.5;
    this.p[1] = s > 0 ? a1 / s : 0.5;
  }

  private refit(): void {
    const m = this.finite;
    const x = new Float64Array(2 * m);
    const first = this.count - m;
    for (let j = 0; j < m; j++) {
      const r = this.buf[(first + j) % this.window];
      x[2 * j] = r;
      x[2 * j + 1] = Math.abs(r);
    }
    try {
      const { model } = fitGaussianHmm(x, 2, 2, { sortFeature: 1, maxIter: 40, tol: 1e-6 });
      const filtered = filterHmm(model, x);
      this.model = model;
      this.p[0] = filtered[2 * (m - 1)];
      this.p[1] = filtered[2 * (m - 1) + 1];
    } catch (err) {
      if (!(err instanceof Error)) throw err;
      // a degenerate window keeps the previous model
    }
  }
}

/**
 * `HmmRegime(r, window, refitEvery, minObs)`: filtered probability of the turbulent regime of a 2-state
 * Gaussian HMM on (r, |r|), refitted by Baum-Welch (`fitGaussianHmm` from `src/math/hmm.ts`).
 * Reference: Hamilton (1989); Rabiner (1989) for forward filtering.
 */
export class HmmRegimeExpr extends TrackerExpr {
  readonly op = 'HmmRegime';
  constructor(x: Expr, window: number, refitEvery: number, minObs: number) {
    if (minObs > window) throw new FactorDefinitionError('HmmRegime', 'minObs must be <= window');
    super(x, window, refitEvery, minObs);
  }
  protected makeTracker(): HmmRegimeTracker {
    return new HmmRegimeTracker(this.window, this.refitEvery, this.minObs);
  }
}
