import type { z } from 'zod';
import { indexValueSchema, macroValueSchema, textEventSchema } from './alternative.js';
import {
  barSchema,
  basisSchema,
  bookSnapshotSchema,
  fundingSchema,
  liquidationSchema,
  openInterestSchema,
  optionQuoteSchema,
  optionsSummarySchema,
  quoteSchema,
  tradeSchema,
} from './market.js';
import {
  blockSchema,
  defiMetricSchema,
  dexSwapSchema,
  onchainMetricSchema,
  poolReserveSchema,
  transactionSchema,
} from './onchain.js';

/**
 * Every record kind cwm stores, each with its zod schema. Keys are stable: the store's tables, the CLI's
 * `--kind` and the dataset table use them.
 */
export const recordSchemas = {
  bars: barSchema,
  trades: tradeSchema,
  bookSnapshots: bookSnapshotSchema,
  quotes: quoteSchema,
  funding: fundingSchema,
  openInterest: openInterestSchema,
  basis: basisSchema,
  optionsSummary: optionsSummarySchema,
  optionQuotes: optionQuoteSchema,
  liquidations: liquidationSchema,
  onchainMetrics: onchainMetricSchema,
  blocks: blockSchema,
  transactions: transactionSchema,
  dexSwaps: dexSwapSchema,
  poolReserves: poolReserveSchema,
  defiMetrics: defiMetricSchema,
  textEvents: textEventSchema,
  indexSeries: indexValueSchema,
  macroSeries: macroValueSchema,
} as const;

/** A record kind: `bars`, `trades`, `funding`, `macroSeries`, ... */
export type RecordKind = keyof typeof recordSchemas;

/** The record type of a kind, as parsed (defaults applied). */
export type RecordOf<K extends RecordKind> = z.output<(typeof recordSchemas)[K]>;

/** The record type of a kind as accepted on input (fields with defaults may be omitted). */
export type RecordInputOf<K extends RecordKind> = z.input<(typeof recordSchemas)[K]>;

/** All record kinds, in a stable order. */
export const RECORD_KINDS = Object.keys(recordSchemas) as RecordKind[];

/** True when `s` names a record kind. */
export function isRecordKind(s: string): s is RecordKind {
  return Object.hasOwn(recordSchemas, s);
}

/**
 * Kinds whose rows are one numeric value per key and time (read with `store.readSeries`), with the field
 * holding the value and the fields naming the series.
 */
export const SERIES_KINDS = {
  onchainMetrics: { value: 'value', keys: ['chain', 'asset', 'metric'] },
  defiMetrics: { value: 'value', keys: ['protocol', 'chain', 'asset', 'metric'] },
  indexSeries: { value: 'value', keys: ['index', 'subject'] },
  macroSeries: { value: 'value', keys: ['series'] },
} as const satisfies Partial<Record<RecordKind, { value: string; keys: readonly string[] }>>;

/** A kind read as a single numeric series. */
export type SeriesKind = keyof typeof SERIES_KINDS;

export type { IndexValue, MacroValue, TextEvent } from './alternative.js';
export { indexValueSchema, macroValueSchema, textEventSchema } from './alternative.js';
export type {
  Bar,
  Basis,
  BookSnapshot,
  Funding,
  Liquidation,
  OpenInterest,
  OptionQuote,
  OptionsSummary,
  Quote,
  Trade,
} from './market.js';
export {
  barSchema,
  basisSchema,
  bookSnapshotSchema,
  fundingSchema,
  liquidationSchema,
  openInterestSchema,
  optionQuoteSchema,
  optionsSummarySchema,
  quoteSchema,
  tradeSchema,
} from './market.js';
export type { Block, DefiMetric, DexSwap, OnchainMetric, PoolReserve, Transaction } from './onchain.js';
export {
  blockSchema,
  defiMetricSchema,
  dexSwapSchema,
  onchainMetricSchema,
  poolReserveSchema,
  transactionSchema,
} from './onchain.js';
