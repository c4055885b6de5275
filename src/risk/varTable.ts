import { ModelInputError } from '../errors/risk.js';
import { Rng } from '../math/rng.js';
import {
  cornishFisherVarEs,
  FhsSampler,
  fhsVarEs,
  type GarchState,
  gaussianVarEs,
  garchState,
  historicalVarEs,
  monteCarloVarEs,
  overlappingReturns,
  type ReturnSampler,
  returnMoments,
  studentTDof,
  studentTVarEs,
  type VarEs,
} from './valueAtRisk.js';

/** VaR methods of the table. */
export const VAR_METHODS = [
  'historical',
  'gaussian',
  'student-t',
  'cornish-fisher',
  'fhs',
  'monte-carlo',
] as const;
export type VarMethod = (typeof VAR_METHODS)[number];

/** Standard horizons: 1 hour, 1 day, 10 days (ms). */
export const STANDARD_HORIZONS: Readonly<Record<string, number>> = {
  '1h': 3_600_000,
  '1d': 86_400_000,
  '10d': 864_000_000,
};

/** One cell of the table. */
export interface VarRow extends VarEs {
  method: VarMethod;
  /** Confidence level (0.95 means alpha = 0.05). */
  level: number;
  horizon: string;
  /** How the horizon was reached: native bars, overlapping windows, sqrt-of-time, simulation. */
  scaling: 'native' | 'overlapping' | 'moments' | 'simulated' | 'sqrt-time';
}

/** Options of {@link varTable}. */
export interface VarTableOptions {
  /** Bar length of `returns` (ms), default 1 day. */
  barMs?: number;
  /** Confidence levels (default 0.95, 0.99, 0.999). */
  levels?: number[];
  /** Horizons by label (default 1h, 1d, 10d). */
  horizons?: Record<string, number>;
  /** Methods (default all). */
  methods?: readonly VarMethod[];
  /** Monte Carlo sampler (default: GARCH(1,1) with normal innovations fitted to the returns). */
  sampler?: ReturnSampler;
  /** Seed for FHS multi-bar and Monte Carlo draws (default 42). */
  seed?: number;
  /** Draws per simulated cell (default 20,000). */
  draws?: number;
}

/** GARCH(1,1) sampler with Gaussian innovations (parametric Monte Carlo). */
export class GarchNormalSampler implements ReturnSampler {
  constructor(private readonly st: GarchState) {}

  sample(rng: Rng, horizonSteps: number): number {
    const { omega, alpha, beta, mu } = this.st.fit.params;
    let s2 = this.st.nextSigma2;
    let g = 1;
    for (let h = 0; h < horizonSteps; h++) {
      const e = Math.sqrt(s2) * rng.normal();
      g *= 1 + (mu + e) / this.st.scale;
      s2 = omega + alpha * e * e + beta * s2;
    }
    return g - 1;
  }
}

/**
 * VaR and ES for every method x level x horizon. Horizons that are whole multiples of the bar use
 * overlapping compounded returns (historical), iid moment scaling (mu h, sigma sqrt(h), skew / sqrt(h),
 * excess kurtosis / h; Gaussian, Student-t, Cornish-Fisher) or simulation (FHS, Monte Carlo); horizons
 * shorter than a bar scale the one-bar figures by sqrt(h) (square-root-of-time, stated in `scaling`).
 *
 * @param returns simple returns per bar (decimal).
 * @throws {ModelInputError} on fewer than 100 returns or a horizon that is neither below one bar nor a
 *   whole number of bars.
 */
export function varTable(returns: ArrayLike<number>, opts: VarTableOptions = {}): VarRow[] {
  const barMs = opts.barMs ?? 86_400_000;
  const levels = opts.levels ?? [0.95, 0.99, 0.999];
  const horizons = opts.horizons ?? STANDARD_HORIZONS;
  const methods = opts.methods ?? VAR_METHODS;
  const draws = opts.draws ?? 20_000;
  const mom = returnMoments(returns);
  if (mom.n < 100) throw new ModelInputError('varTable', `needs at least 100 returns, got ${mom.n}`);
  const needGarch = methods.includes('fhs') || (methods.includes('monte-carlo') && !opts.sampler);
  const gs = needGarch ? garchState(returns) : undefined;
  const sampler = opts.sampler ?? (gs ? new GarchNormalSampler(gs) : undefined);
  const rows: VarRow[] = [];
  const root = new Rng(opts.seed ?? 42);
  for (const [label, ms] of Object.entries(horizons)) {
    const hRaw = ms / barMs;
    const sub = hRaw < 1;
    const h = sub ? 1 : Math.round(hRaw);
    if (!sub && Math.abs(hRaw - h) > 1e-9) {
      throw new ModelInputError(
        'varTable',
        `horizon ${label} (${ms} ms) is not a whole number of ${barMs} ms bars`,
      );
    }
    const k = sub ? Math.sqrt(hRaw) : 1;
    const over = h > 1 ? overlappingReturns(returns, h) : undefined;
    for (const level of levels) {
      const a = 1 - level;
      for (const method of methods) {
        let r: VarEs;
        let scaling: VarRow['scaling'] = sub ? 'sqrt-time' : h === 1 ? 'native' : 'moments';
        const mu = mom.mean * h;
        const sd = mom.std * Math.sqrt(h);
        switch (method) {
          case 'historical':
            r = historicalVarEs(over ?? returns, a);
            if (h > 1) scaling = 'overlapping';
            break;
          case 'gaussian':
            r = gaussianVarEs(mu, sd, a);
            break;
          case 'student-t':
            r = studentTVarEs(mu, sd, studentTDof(mom.exKurt / h), a);
            break;
          case 'cornish-fisher':
            r = cornishFisherVarEs(mu, sd, mom.skew / Math.sqrt(h), mom.exKurt / h, a);
            break;
          case 'fhs':
            if (h === 1) r = fhsVarEs(gs as GarchState, a);
            else {
              r = monteCarloVarEs(
                new FhsSampler(gs as GarchState),
                root.fork(`fhs-${label}-${level}`),
                a,
                h,
                draws,
              );
              scaling = 'simulated';
            }
            break;
          default:
            r = monteCarloVarEs(sampler as ReturnSampler, root.fork(`mc-${label}-${level}`), a, h, draws);
            if (!sub) scaling = 'simulated';
        }
        rows.push({ method, level, horizon: label, var: r.var * k, es: r.es * k, scaling });
      }
    }
  }
  return rows;
}
