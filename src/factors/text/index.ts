export { CRYPTO_LEXICON, NEGATION_CUES } from './cryptoLexicon.js';
export {
  EPU_TERMS,
  LABEL_PATTERNS,
  NARRATIVE_TOPIC_NAMES,
  NARRATIVE_TOPICS,
  classifyText,
  isPolicyUncertain,
  narrativeMentions,
} from './eventClassifier.js';
export { epuIndex } from './epu.js';
export { LexiconSentimentScorer, vaderRawSum } from './lexiconScorer.js';
export type { LexiconMatch } from './lexiconScorer.js';
export { TEXT_FIELD_NAMES, audienceFromTags, textEventFields } from './textFields.js';
export { textInputSeries } from './textInputSeries.js';
export type { TimedText } from './textInputSeries.js';
export type { ScorableText } from './textFields.js';
export { TEXT_LABELS } from './types.js';
export type { TextLabel, TextScore, TextScorer } from './types.js';
