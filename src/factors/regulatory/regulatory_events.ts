import { sumInput } from '../onchain/inputs.js';
import type { FactorComputeInputs, FactorSpec } from '../spec.js';

const W = 30;
const Z = 90;

/** Trailing sum over `w` rows ending at i (NaN when a row is NaN or i < w - 1). */
function trailing(x: Float64Array, i: number, w: number): number {
  if (i < w - 1) return Number.NaN;
  let s = 0;
  for (let j = i - w + 1; j <= i; j++) s += x[j];
  return s;
}

function compute(inp: FactorComputeInputs): Record<string, Float64Array> {
  const { n, columns } = inp;
  const events = new Float64Array(n);
  const tone = new Float64Array(n);
  // An absent official source (all NaN) adds nothing; an absent news source makes the factor NaN.
  for (let i = 0; i < n; i++) {
    const off = columns.official[i];
    const offS = columns.official_s[i];
    events[i] = columns.news_reg[i] + (Number.isNaN(off) ? 0 : off);
    tone[i] = columns.news_reg_s[i] + (Number.isNaN(offS) ? 0 : offS);
  }
  const value = new Float64Array(n);
  const count7 = new Float64Array(n);
  const meanTone = new Float64Array(n);
  const z90 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = trailing(events, i, W);
    value[i] = c;
    count7[i] = trailing(events, i, 7);
    meanTone[i] = c > 0 ? trailing(tone, i, W) / c : Number.NaN;
  }
  for (let i = 0; i < n; i++) {
    if (i < Z - 1) {
      z90[i] = Number.NaN;
      continue;
    }
    let s = 0;
    let ss = 0;
    let ok = true;
    for (let j = i - Z + 1; j <= i; j++) {
      if (Number.isNaN(value[j])) {
        ok = false;
        break;
      }
      s += value[j];
    }
    if (!ok) {
      z90[i] = Number.NaN;
      continue;
    }
    const m = s / Z;
    for (let j = i - Z + 1; j <= i; j++) ss += (value[j] - m) ** 2;
    const sd = Math.sqrt(ss / (Z - 1));
    z90[i] = sd > 1e-12 * Math.max(1, Math.abs(m)) ? (value[i] - m) / sd : Number.NaN;
  }
  return { value, count_7d: count7, tone: meanTone, z90 };
}

/** Regulatory announcements and policy changes. */
export const regulatoryEvents: FactorSpec = {
  id: 'regulatory_events',
  category: 'regulatory',
  name: 'Regulatory announcements and policy changes',
  definition:
    `Regulatory event count over ${W} days = news items labelled "regulatory" by the text classifier + ` +
    'official regulatory announcements (text category "regulatory": SEC/CFTC/ESMA/FCA releases; counted when ' +
    `that source exists); tone = mean sentiment in [-1, 1] of those events over ${W} days (positive = ` +
    'approvals, clarity; negative = bans, enforcement); 7-day count; 90-day z-score (ddof 1) of the ' +
    `${W}-day count.`,
  reference:
    'Auer & Claessens (2018), "Regulating cryptocurrencies: assessing market reactions", BIS Quarterly Review, Sept. 2018.',
  inputs: [
    sumInput('news_reg', 'text', 'label_regulatory', { source: 'news' }),
    sumInput('news_reg_s', 'text', 'sentiment_regulatory', { source: 'news' }),
    sumInput('official', 'text', 'count', { source: 'regulatory', optional: true }),
    sumInput('official_s', 'text', 'sentiment', { source: 'regulatory', optional: true }),
  ],
  frequency: '1d',
  unit: 'events',
  outputs: [
    { name: 'value', unit: 'events', description: `regulatory events over ${W} days` },
    { name: 'count_7d', unit: 'events', description: 'regulatory events over 7 days' },
    { name: 'tone', unit: 'score', description: `mean sentiment of regulatory events over ${W} days` },
    { name: 'z90', unit: 'z', description: `90-day z-score of the ${W}-day count` },
  ],
  compute,
  lookback: W + Z - 2,
};
