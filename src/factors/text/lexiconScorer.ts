import vader from 'vader-sentiment';
import { CRYPTO_LEXICON, NEGATION_CUES } from './cryptoLexicon.js';
import { classifyText, isPolicyUncertain } from './eventClassifier.js';
import type { TextScore, TextScorer } from './types.js';

/** VADER's normalization constant: compound = s / sqrt(s^2 + ALPHA). */
const ALPHA = 15;
/** VADER's negation scalar. */
const N_SCALAR = -0.74;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Inverse of VADER's normalization: the raw valence sum behind a compound score. */
export function vaderRawSum(compound: number): number {
  const c = Math.max(-0.9999, Math.min(0.9999, compound));
  return c * Math.sqrt(ALPHA / (1 - c * c));
}

/** Output of {@link matchLexicon}. */
export interface LexiconMatch {
  /** Sum of crypto-term valences after negation (VADER scale). */
  valence: number;
  /** Matched terms in order. */
  terms: string[];
  /** Text with matched terms replaced by spaces (what VADER then scores). */
  masked: string;
}

/**
 * Lexicon-based sentiment: VADER (Hutto & Gilbert 2014) extended with a crypto lexicon.
 *
 * Algorithm: crypto terms ({@link CRYPTO_LEXICON}, longest phrase first, case-insensitive, word boundaries)
 * are matched and masked; a term preceded within 3 tokens by a negation cue gets its valence times -0.74
 * (VADER's N_SCALAR). VADER scores the masked text; its compound is inverted to the raw valence sum
 * s_v = c * sqrt(15 / (1 - c^2)), the crypto valences are added, and the total is renormalized:
 * sentiment = s / sqrt(s^2 + 15). Without crypto terms the result is VADER's compound exactly.
 * Labels come from the keyword/regex classifier ({@link classifyText}).
 *
 * Reference: Hutto, C.J. & Gilbert, E. (2014), "VADER: A Parsimonious Rule-based Model for Sentiment
 * Analysis of Social Media Text", ICWSM-14 (normalization, negation scalar).
 */
export class LexiconSentimentScorer implements TextScorer {
  readonly id = 'lexicon-vader-crypto-v1';
  private readonly pattern: RegExp;
  private readonly lexicon: ReadonlyMap<string, number>;

  constructor(lexicon: Readonly<Record<string, number>> = CRYPTO_LEXICON) {
    const terms = Object.keys(lexicon).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.lexicon = new Map(Object.entries(lexicon).map(([k, v]) => [k.toLowerCase(), v]));
    this.pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])(${terms.map(escapeRegex).join('|')})(?![\\p{L}\\p{N}])`,
      'giu',
    );
  }

  /** Finds crypto-lexicon terms, applies negation, masks them. */
  matchLexicon(text: string): LexiconMatch {
    let valence = 0;
    const terms: string[] = [];
    const masked = text.replace(this.pattern, (m: string, _g: string, offset: number) => {
      const term = m.toLowerCase();
      let v = this.lexicon.get(term) ?? 0;
      const before = text
        .slice(Math.max(0, offset - 40), offset)
        .toLowerCase()
        .split(/\s+/)
        .filter((t) => t !== '')
        .slice(-3)
        .map((t) => t.replace(/[^\p{L}\p{N}']/gu, ''));
      if (before.some((t) => NEGATION_CUES.has(t))) v *= N_SCALAR;
      valence += v;
      terms.push(term);
      return ' '.repeat(m.length);
    });
    return { valence, terms, masked };
  }

  /** Sentiment in [-1, 1] of a text (see the class documentation). */
  sentiment(text: string): number {
    const m = this.matchLexicon(text);
    const c = vader.SentimentIntensityAnalyzer.polarity_scores(m.masked).compound;
    if (m.terms.length === 0) return c;
    const s = vaderRawSum(c) + m.valence;
    return s / Math.sqrt(s * s + ALPHA);
  }

  score(text: string): TextScore {
    return {
      sentiment: this.sentiment(text),
      labels: classifyText(text),
      policyUncertainty: isPolicyUncertain(text),
    };
  }
}
