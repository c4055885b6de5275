import { z } from 'zod';
import { baseRecord, valueField } from './common.js';

/** A text event: news article, social post or regulatory announcement, with optional tags and label. */
export const textEventSchema = baseRecord.extend({
  /** Unique id within the source; when a source has none, a deterministic hash of time and text. */
  eventId: z.string().min(1),
  category: z.enum(['news', 'social', 'regulatory', 'other']),
  text: z.string().min(1),
  title: z.string().optional(),
  url: z.string().optional(),
  tags: z.array(z.string()).default([]),
  /** A class label given by the source (`positive`, `bearish`, ...). */
  label: z.string().optional(),
  /** A numeric sentiment score given by the source (its own scale, e.g. TextBlob polarity -1..1). */
  score: z.number().optional(),
});
export type TextEvent = z.infer<typeof textEventSchema>;

/**
 * An index series value: Fear & Greed (0..100), search trends, developer activity, ETF flows, dominance...
 * `subject` names what the index is about (`BTC`, `crypto`, `us_equities`), empty when global.
 */
export const indexValueSchema = baseRecord.extend({
  /** Index id, snake_case (`fear_greed`, `search_trends`, `dev_activity`, `etf_net_flow_usd`). */
  index: z.string().min(1),
  subject: z.string().default(''),
  value: valueField,
});
export type IndexValue = z.infer<typeof indexValueSchema>;

/**
 * A macro series value (DXY, equity indices, yields, policy rates, CPI, commodities). Rates and yields are
 * decimal fractions (4.25% = 0.0425); levels in their native unit (index points, USD/bbl).
 */
export const macroValueSchema = baseRecord.extend({
  /** Series id (`DGS10`, `DFF`, `CPIAUCSL`, `SP500`, `DXY`, `WTI`, `GOLD_USD`). */
  series: z.string().min(1),
  value: valueField,
});
export type MacroValue = z.infer<typeof macroValueSchema>;
