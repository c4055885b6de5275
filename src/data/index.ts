// Public API of the data domain: record schemas and types, identifiers, the DuckDB store, ingest, datasets.
export {
  ingestSharedDataset,
  SHARED_DATASETS,
  SHARED_REFERENCE_FILES,
  type SharedDataset,
  sharedDatasetMapping,
} from './datasets.js';
export {
  createFrame,
  type Frame,
  frameLength,
  getColumn,
  sliceFrame,
  truncateFrame,
  upperBound,
} from './frame.js';
export {
  defaultTsInit,
  intervalToMs,
  msToInterval,
  normalizeSymbol,
  type DeribitOptionName,
  parseDeribitOptionName,
  parseSymbol,
  type SymbolParts,
  toSymbol,
  type UnifiedSymbol,
} from './identifiers.js';
export { type CsvBatch, type CsvOptions, readCsv } from './ingest/csvReader.js';
export {
  type IngestIssue,
  type IngestMode,
  type IngestOptions,
  type IngestReport,
  ingestFile,
} from './ingest/ingestFile.js';
export {
  type ColumnMapping,
  type ColumnMappingInput,
  type FieldSource,
  mappingSchema,
} from './ingest/mapping.js';
export { parseTime, type TimeFormat, wallTimeToUtc } from './ingest/parseTime.js';
export {
  PRESET_NAMES,
  PRESETS,
  type PresetName,
  type PresetOptions,
  presetMapping,
} from './ingest/presets.js';
export { type MetricInfo, readMetricDictionary } from './metricDictionary.js';
export {
  generateSample,
  ingestSample,
  SAMPLE_ASSETS,
  SAMPLE_SOURCE,
  type SampleData,
  type SampleOptions,
} from './sample.js';
export {
  type Bar,
  type Basis,
  type Block,
  type BookSnapshot,
  barSchema,
  basisSchema,
  blockSchema,
  bookSnapshotSchema,
  type DefiMetric,
  type DexSwap,
  defiMetricSchema,
  dexSwapSchema,
  type Funding,
  fundingSchema,
  type IndexValue,
  indexValueSchema,
  isRecordKind,
  type Liquidation,
  liquidationSchema,
  type MacroValue,
  macroValueSchema,
  type OnchainMetric,
  type OpenInterest,
  type OptionQuote,
  type OptionsSummary,
  onchainMetricSchema,
  openInterestSchema,
  optionQuoteSchema,
  optionsSummarySchema,
  type PoolReserve,
  poolReserveSchema,
  type Quote,
  quoteSchema,
  RECORD_KINDS,
  type RecordInputOf,
  type RecordKind,
  type RecordOf,
  recordSchemas,
  SERIES_KINDS,
  type SeriesKind,
  type TextEvent,
  type Trade,
  type Transaction,
  textEventSchema,
  tradeSchema,
  transactionSchema,
} from './schemas/index.js';
export { SHARED_DATA_DIR, sharedDataAvailable, sharedDataPath } from './sharedData.js';
export { type BarQuery, type DatasetSummary, type RecordFilter, Store } from './store.js';
export { type InsertResult, StoreWriter, type WriterOptions } from './storeWriter.js';
export { type ColumnSpec, type ColumnType, TABLES, type TableSpec } from './tables.js';
export { type RecordIssue, validateRecord } from './validate.js';
