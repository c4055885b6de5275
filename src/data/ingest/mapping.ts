import { z } from 'zod';
import { RECORD_KINDS } from '../schemas/index.js';

/** How a cell becomes a record field value. */
export const PARSE_OPS = [
  'number',
  'int',
  'string',
  'time',
  'uint',
  'bool',
  'hexAddress',
  'pyDictKey',
  'deribitUnderlying',
  'deribitExpiry',
  'deribitStrike',
  'deribitType',
] as const;

/**
 * Where one record field comes from: a column name (string shorthand), or an object with
 * - `column`: column name (CSV header, JSON key or dotted path like `stats.volume`) or index (JSON arrays);
 *   several names may be given, the first present is used;
 * - `const`: a fixed value;
 * - `parse`: how to read the cell (default: by the field's type: numbers for numeric fields, text otherwise);
 * - `scale`: multiply numbers (units: `0.01` turns percent into a decimal fraction, `1e6` millions into units);
 * - `map`: replace whole values (e.g. `{"UniswapV2Pair": "uniswap_v2"}`);
 * - `mul`: product of several numeric columns (e.g. gas used x gas price = fee);
 * - `key`: the key to extract for `pyDictKey`; `format`/`timezone` for `time`.
 */
export const fieldSourceSchema = z.union([
  z.string(),
  z.object({
    column: z.union([z.string(), z.number().int().nonnegative(), z.array(z.string()).min(1)]).optional(),
    const: z.union([z.string(), z.number(), z.boolean()]).optional(),
    parse: z.enum(PARSE_OPS).optional(),
    scale: z.number().optional(),
    map: z.record(z.string(), z.string()).optional(),
    mul: z.array(z.string()).min(2).optional(),
    key: z.string().optional(),
    format: z.enum(['epoch_ms', 'epoch_s', 'iso', 'mdy', 'auto']).optional(),
    timezone: z.string().optional(),
    /** When the column is absent from the file, leave the field out instead of failing. */
    optional: z.boolean().optional(),
  }),
]);
export type FieldSource = z.infer<typeof fieldSourceSchema>;

/**
 * A declarative column mapping from a file layout to one record kind (also the format of `--map file.json`).
 *
 * Long layout: one record per row, `fields` maps record fields to columns. Wide layout (`wide`): one time
 * column and many value columns (coinmetrics-style metric tables, one column per chain/token/symbol); each
 * non-blank cell becomes one record whose value goes to `wide.value` and whose key fields come from the
 * column name through `wide.key` templates (`{column}`, `{column:id}`, or named groups of `wide.pattern`).
 * Blank cells are *unavailable* and produce no record (counted as `blankCells`), never zero.
 */
export const mappingSchema = z.object({
  kind: z.enum(RECORD_KINDS as [string, ...string[]]),
  /** File format; by default from the extension (`.csv`, `.csv.gz`, `.json`, `.jsonl`, `.parquet`). */
  format: z.enum(['csv', 'json', 'jsonl', 'parquet']).optional(),
  delimiter: z.string().length(1).optional(),
  /** CSV has a header row (default). Without one, columns are named by position: "0", "1", ... */
  hasHeader: z.boolean().default(true),
  /** JSON layout: `objects` (array of objects), `arrays` (array of arrays), `keyed` (object of objects). */
  json: z
    .object({
      /** Dotted path to the array inside the document (`rows`). */
      path: z.string().optional(),
      shape: z.enum(['objects', 'arrays', 'keyed']).default('objects'),
      /** Name under which a keyed object's key is visible as a column. */
      keyColumn: z.string().default('_key'),
    })
    .optional(),
  /** The event-time column. */
  time: z.object({
    column: z.union([z.string(), z.number().int().nonnegative(), z.array(z.string()).min(1)]),
    format: z.enum(['epoch_ms', 'epoch_s', 'iso', 'mdy', 'auto']).default('auto'),
    /** Zone of times without an explicit offset: `UTC` (default), `+08:00`, or an IANA name. */
    timezone: z.string().default('UTC'),
  }),
  fields: z.record(z.string(), fieldSourceSchema).default({}),
  /** Fixed field values for every record (source, venue, symbol, interval, chain, series...). */
  constants: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  wide: z
    .object({
      value: z.string().default('value'),
      scale: z.number().optional(),
      /** Value columns; default every column except the time column, `exclude` and columns used by `fields`. */
      columns: z.array(z.string()).optional(),
      exclude: z.array(z.string()).default([]),
      pattern: z.string().optional(),
      key: z.record(z.string(), z.string()),
      /** Key values for specific columns, overriding the templates (e.g. a `total` column). */
      overrides: z.record(z.string(), z.record(z.string(), z.string())).default({}),
    })
    .optional(),
  /** Keep only rows whose `column` equals `equals` (others are counted as `filtered`, with the reason). */
  filter: z.object({ column: z.string(), equals: z.string() }).optional(),
  /** Row order of each series in the file: `asc` (default), `desc` (newest first) or `any`. */
  order: z.enum(['asc', 'desc', 'any']).default('asc'),
  /** Publication lag (ms) added to tsEvent for the default tsInit (bars also add their interval). */
  lagMs: z.number().int().nonnegative().default(0),
  /**
   * Fields whose blank cell means "unavailable" for the whole row: such rows produce no record and are counted
   * as `blankCells` (reported), instead of failing as a missing value (e.g. FRED-style gaps in a long layout).
   */
  blankAsUnavailable: z.array(z.string()).default([]),
  /**
   * Numeric fields (or, in a wide layout, the `wide.value` field) whose value 0 is the source's placeholder for
   * a missing day in a level series where zero is impossible (reserves, MVRV, prices): such a value is
   * *unavailable*, produces no record and is counted as `zeroAsMissing` in the report, never stored as a real
   * zero. Do not use it where zero is legitimate (flows, funding, counts).
   */
  zeroAsMissing: z.array(z.string()).default([]),
  /**
   * Check that bar high/low contain open and close (default true). Aggregated indices (CryptoCompare CCCAGG)
   * legitimately break it, since their open is the previous close; high >= low is always checked.
   */
  ohlcContainment: z.boolean().default(true),
  /** Field filled with a deterministic hash of the row when the source has no id (e.g. `hash`, `eventId`). */
  idFromContent: z.string().optional(),
});

/** A column mapping as written (defaults optional). */
export type ColumnMappingInput = z.input<typeof mappingSchema>;
/** A column mapping with defaults applied. */
export type ColumnMapping = z.output<typeof mappingSchema>;
