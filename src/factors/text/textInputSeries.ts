import type { InputSeries } from '../engine.js';
import { type ScorableText, TEXT_FIELD_NAMES, textEventFields } from './textFields.js';
import type { TextScorer } from './types.js';

/** A text event as stored (`TextEvent` of the data model, reduced to what scoring needs). */
export interface TimedText extends ScorableText {
  /** When it happened, UTC ms. */
  tsEvent: number;
  /** When cwm could know it, UTC ms (defaults to `tsEvent`). */
  tsInit?: number | undefined;
  /** `news`, `social`, `regulatory`, `other`. */
  category: string;
}

/**
 * Turns text events into the raw input series of `text` factor inputs: one {@link InputSeries} per field of
 * {@link TEXT_FIELD_NAMES}, one row per event of `category`, stamped at the time cwm could know it
 * (`tsInit`, else `tsEvent`) and sorted by it. The engine then sums them per grid row (`align: 'sum'`).
 * Scores with `scorer`, so a trained classifier replaces the lexicon without changing any factor.
 */
export function textInputSeries(
  events: readonly TimedText[],
  scorer: TextScorer,
  category: string,
): Record<string, InputSeries> {
  const chosen = events
    .filter((e) => e.category === category)
    .map((e) => ({ at: e.tsInit ?? e.tsEvent, e }))
    .sort((a, b) => a.at - b.at);
  const n = chosen.length;
  const k = TEXT_FIELD_NAMES.length;
  const cols = TEXT_FIELD_NAMES.map(() => new Float64Array(n));
  const ts = new Float64Array(n);
  const row = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    ts[i] = chosen[i].at;
    textEventFields(chosen[i].e, scorer, row);
    for (let j = 0; j < k; j++) cols[j][i] = row[j];
  }
  const out: Record<string, InputSeries> = {};
  TEXT_FIELD_NAMES.forEach((name, j) => {
    out[name] = { ts, values: cols[j] };
  });
  return out;
}
