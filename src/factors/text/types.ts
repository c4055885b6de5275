/**
 * The text-scoring interface: every text-based factor sees text only through a {@link TextScorer}, so a trained
 * classifier can replace the lexicon implementation without touching any factor.
 */

/**
 * Event classes recognised in crypto news and posts. The first eight are the core labels; the rest feed the
 * regulatory, institutional and infrastructure event-intensity factors.
 */
export const TEXT_LABELS = [
  'regulatory',
  'etf',
  'hack',
  'upgrade',
  'macro',
  'cbdc',
  'institutional',
  'adoption',
  'banking',
  'legal',
  'compliance',
  'treasury',
  'infra_investment',
  'governance',
  'geopolitical',
  'meme',
] as const;

/** One event class; see {@link TEXT_LABELS}. */
export type TextLabel = (typeof TEXT_LABELS)[number];

/** Result of scoring one text. */
export interface TextScore {
  /** Polarity in [-1, 1] (VADER-style compound): -1 very negative, 0 neutral, 1 very positive. */
  readonly sentiment: number;
  /** Event classes the text belongs to (possibly none), in {@link TEXT_LABELS} order. */
  readonly labels: readonly TextLabel[];
  /**
   * True when the text satisfies the Baker-Bloom-Davis EPU criterion (an economy term, a policy term and an
   * uncertainty term all present).
   */
  readonly policyUncertainty: boolean;
}

/**
 * Scores text. Implementations must be pure and deterministic (same text, same score) so factors stay
 * point-in-time and reproducible.
 */
export interface TextScorer {
  /** Stable id of the implementation and version (`lexicon-vader-crypto-v1`), recorded with factor runs. */
  readonly id: string;
  /** Scores one text (title and body concatenated by the caller when both exist). */
  score(text: string): TextScore;
}
