/** Type declarations for the untyped `vader-sentiment` package (JavaScript port of VADER, Apache-2.0). */
declare module 'vader-sentiment' {
  /** VADER polarity scores: proportions of negative/neutral/positive text and the normalized compound. */
  export interface VaderScores {
    neg: number;
    neu: number;
    pos: number;
    /** Normalized sum of valences, sum / sqrt(sum^2 + 15), rounded to 4 decimals, in [-1, 1]. */
    compound: number;
  }
  const vader: {
    SentimentIntensityAnalyzer: { polarity_scores(text: string): VaderScores };
  };
  // biome-ignore lint/style/noDefaultExport: declares the CommonJS package, whose module.exports is the default import
  export default vader;
}
