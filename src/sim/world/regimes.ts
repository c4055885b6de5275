import type { Rng } from '../../math/rng.js';

/** Labels of the hidden market regimes, indexed by regime id. */
export const MARKET_REGIMES = ['calm_bull', 'volatile_bear', 'crash', 'sideways'] as const;
/** A hidden market regime label. */
export type MarketRegimeLabel = (typeof MARKET_REGIMES)[number];

/** How a regime shapes crypto returns and agent behaviour. */
export interface RegimeEffect {
  /** Latent drift of the fundamental value, per year (decimal, log-return). */
  driftPerYear: number;
  /** Multiplier on order-flow volatility (1 = calm). */
  volMult: number;
  /** Multiplier on agent arrival rates. */
  activityMult: number;
  /** Baseline social mood in [-1, 1]. */
  mood: number;
}

/** Default effects per regime (same order as {@link MARKET_REGIMES}). */
export const DEFAULT_REGIME_EFFECTS: readonly RegimeEffect[] = [
  { driftPerYear: 0.6, volMult: 0.8, activityMult: 0.9, mood: 0.4 },
  { driftPerYear: -0.5, volMult: 1.5, activityMult: 1.3, mood: -0.4 },
  { driftPerYear: -6, volMult: 3, activityMult: 2.2, mood: -0.9 },
  { driftPerYear: 0, volMult: 0.7, activityMult: 0.7, mood: 0 },
];

/**
 * Default hourly transition matrix (rows sum to 1). Expected durations: calm bull ~30 days, volatile bear
 * ~20 days, crash ~2 days, sideways ~25 days.
 */
export function defaultRegimeTransitions(): number[][] {
  const stay = [1 - 1 / 720, 1 - 1 / 480, 1 - 1 / 48, 1 - 1 / 600];
  // Exit destinations per regime (probabilities of where to go when leaving).
  const dest = [
    [0, 0.35, 0.1, 0.55],
    [0.3, 0, 0.25, 0.45],
    [0.1, 0.6, 0, 0.3],
    [0.5, 0.4, 0.1, 0],
  ];
  return stay.map((s, i) => dest[i].map((d, j) => (i === j ? s : (1 - s) * d)));
}

/**
 * Hidden Markov chain of market regimes, stepped once per hour (Hamilton, 1989, "A New Approach to the
 * Economic Analysis of Nonstationary Time Series and the Business Cycle"). The current label is ground truth
 * for regime-detection scoring.
 */
export class RegimeChain {
  /** Current regime id (index into {@link MARKET_REGIMES}). */
  state: number;
  private readonly cum: Float64Array[];

  constructor(
    private readonly rng: Rng,
    transitions: number[][] = defaultRegimeTransitions(),
    initial = 0,
  ) {
    this.state = initial;
    this.cum = transitions.map((row) => {
      const c = new Float64Array(row.length);
      let acc = 0;
      for (let j = 0; j < row.length; j++) c[j] = acc += row[j];
      return c;
    });
  }

  /** Advances one hour; returns the new regime id. */
  step(): number {
    const u = this.rng.uniform() * this.cum[this.state][this.cum.length - 1];
    const row = this.cum[this.state];
    let j = 0;
    while (j < row.length - 1 && u >= row[j]) j++;
    this.state = j;
    return j;
  }

  /** Forces the regime (scenario shocks such as a scripted crash). */
  force(state: number): void {
    this.state = state;
  }

  /** Label of the current regime. */
  get label(): MarketRegimeLabel {
    return MARKET_REGIMES[this.state];
  }
}
