import { NARRATIVE_TOPIC_NAMES, narrativeMentions } from './eventClassifier.js';
import { TEXT_LABELS, type TextScorer } from './types.js';

/**
 * Numeric fields of one scored text event, the bridge between text and the factor engine: the engine turns
 * `text` inputs into grid columns by summing these fields over the events known in each grid row
 * (`align: 'sum'`), and text factors compute ratios of sums (mean tone = sum of `sentiment` / `count`).
 *
 * Fields:
 * - `count` (1), `sentiment` (in [-1, 1]), `abs_sentiment`, `positive` / `negative` (sentiment > 0.05 / < -0.05,
 *   VADER's thresholds);
 * - `reach` (log(1 + audience), 0 when unknown) and `sentiment_x_reach`;
 * - per label L of {@link TEXT_LABELS}: `label_<L>` (0/1) and `sentiment_<L>` (sentiment when labelled, else 0);
 * - `epu` (0/1, Baker-Bloom-Davis criterion);
 * - per narrative topic T: `topic_<T>` (0/1 mention).
 */
export const TEXT_FIELD_NAMES: readonly string[] = [
  'count',
  'sentiment',
  'abs_sentiment',
  'positive',
  'negative',
  'reach',
  'sentiment_x_reach',
  ...TEXT_LABELS.flatMap((l) => [`label_${l}`, `sentiment_${l}`]),
  'epu',
  ...NARRATIVE_TOPIC_NAMES.map((t) => `topic_${t}`),
];

/** The minimal view of a text event the fields need (compatible with the data model's `TextEvent`). */
export interface ScorableText {
  text: string;
  title?: string | undefined;
  tags?: readonly string[] | undefined;
}

/**
 * Audience size of an event from its tags (`reach:<n>` or `followers:<n>`), NaN when absent.
 */
export function audienceFromTags(tags: readonly string[] | undefined): number {
  if (!tags) return Number.NaN;
  for (const t of tags) {
    const m = /^(?:reach|followers):(\d+(?:\.\d+)?)$/i.exec(t);
    if (m) return Number(m[1]);
  }
  return Number.NaN;
}

/**
 * Computes the {@link TEXT_FIELD_NAMES} values of one event with `scorer`, into `out` (length
 * `TEXT_FIELD_NAMES.length`) or a fresh array.
 */
export function textEventFields(event: ScorableText, scorer: TextScorer, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(TEXT_FIELD_NAMES.length);
  const text = event.title ? `${event.title}. ${event.text}` : event.text;
  const s = scorer.score(text);
  const audience = audienceFromTags(event.tags);
  const reach = audience >= 0 ? Math.log1p(audience) : 0;
  let k = 0;
  o[k++] = 1;
  o[k++] = s.sentiment;
  o[k++] = Math.abs(s.sentiment);
  o[k++] = s.sentiment > 0.05 ? 1 : 0;
  o[k++] = s.sentiment < -0.05 ? 1 : 0;
  o[k++] = reach;
  o[k++] = reach * s.sentiment;
  for (const l of TEXT_LABELS) {
    const has = s.labels.includes(l);
    o[k++] = has ? 1 : 0;
    o[k++] = has ? s.sentiment : 0;
  }
  o[k++] = s.policyUncertainty ? 1 : 0;
  const topics = narrativeMentions(text);
  for (let i = 0; i < topics.length; i++) o[k++] = topics[i];
  return o;
}
