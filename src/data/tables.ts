import type { RecordKind } from './schemas/index.js';

/**
 * Storage type of a column: `ts` epoch ms (BIGINT), `int` (BIGINT), `double`, `text` (VARCHAR), `bool`,
 * `json` (VARCHAR holding JSON: book levels, tags).
 */
export type ColumnType = 'ts' | 'int' | 'double' | 'text' | 'bool' | 'json';

/** One column of a kind's table: the record field it holds and its SQL name. */
export interface ColumnSpec {
  /** Record field name (camelCase). */
  readonly field: string;
  /** SQL column name (snake_case). */
  readonly column: string;
  readonly type: ColumnType;
  /** Part of the natural key (never null). */
  readonly key: boolean;
  /** NOT NULL in the table. */
  readonly required: boolean;
}

/** The table of one record kind: name, columns, natural key. */
export interface TableSpec {
  readonly kind: RecordKind;
  readonly table: string;
  readonly columns: readonly ColumnSpec[];
  /** Fields of the natural key, e.g. source, venue, symbol, interval, tsEvent for bars. */
  readonly keyFields: readonly string[];
  /** Fields that name one series (dataset) inside the table, for `listDatasets`. */
  readonly seriesFields: readonly string[];
}

function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Builds a table spec. `cols` are `field:type` with `!` for required and `*` for key (key implies required).
 * `tsEvent`, `tsInit` and `source` are added first.
 */
function table(kind: RecordKind, name: string, series: string[], cols: string[]): TableSpec {
  const all = ['source:text*', 'tsEvent:ts*', 'tsInit:ts!', ...cols];
  const columns = all.map((c): ColumnSpec => {
    const [field, rest] = c.split(':');
    const key = rest.endsWith('*');
    const required = key || rest.endsWith('!');
    const type = rest.replace(/[*!]$/, '') as ColumnType;
    return { field, column: snake(field), type, key, required };
  });
  return {
    kind,
    table: name,
    columns,
    keyFields: columns.filter((c) => c.key).map((c) => c.field),
    seriesFields: ['source', ...series],
  };
}

/** Marks tsEvent as not part of the key (kinds keyed by an id instead of time). */
function keyById(spec: TableSpec): TableSpec {
  const columns = spec.columns.map((c) => (c.field === 'tsEvent' ? { ...c, key: false } : c));
  return { ...spec, columns, keyFields: columns.filter((c) => c.key).map((c) => c.field) };
}

/** Table layout of every record kind. Table names are snake_case; the natural key makes ingest idempotent. */
export const TABLES: Readonly<Record<RecordKind, TableSpec>> = {
  bars: table(
    'bars',
    'bars',
    ['venue', 'symbol', 'interval'],
    [
      'venue:text*',
      'symbol:text*',
      'interval:text*',
      'open:double',
      'high:double',
      'low:double',
      'close:double!',
      'volume:double',
      'quoteVolume:double',
      'tradeCount:int',
    ],
  ),
  trades: keyById(
    table(
      'trades',
      'trades',
      ['venue', 'symbol'],
      ['venue:text*', 'symbol:text*', 'tradeId:text*', 'price:double!', 'amount:double!', 'side:text!'],
    ),
  ),
  bookSnapshots: table(
    'bookSnapshots',
    'book_snapshots',
    ['venue', 'symbol'],
    ['venue:text*', 'symbol:text*', 'bids:json!', 'asks:json!'],
  ),
  quotes: table(
    'quotes',
    'quotes',
    ['venue', 'symbol'],
    [
      'venue:text*',
      'symbol:text*',
      'bidPrice:double!',
      'bidSize:double',
      'askPrice:double!',
      'askSize:double',
      'bidDepth:double',
      'askDepth:double',
      'depthLevels:int',
    ],
  ),
  funding: table(
    'funding',
    'funding',
    ['venue', 'symbol'],
    ['venue:text*', 'symbol:text*', 'rate:double!', 'intervalMs:int', 'markPrice:double'],
  ),
  openInterest: table(
    'openInterest',
    'open_interest',
    ['venue', 'symbol'],
    ['venue:text*', 'symbol:text*', 'openInterest:double', 'openInterestUsd:double'],
  ),
  basis: table(
    'basis',
    'basis',
    ['venue', 'symbol'],
    [
      'venue:text*',
      'symbol:text*',
      'basis:double',
      'basisAbs:double',
      'futuresPrice:double',
      'spotPrice:double',
      'annualized:bool!',
      'expiry:ts',
    ],
  ),
  optionsSummary: table(
    'optionsSummary',
    'options_summary',
    ['venue', 'underlying'],
    [
      'venue:text*',
      'underlying:text*',
      'putVolume:double',
      'callVolume:double',
      'putOi:double',
      'callOi:double',
      'impliedVol:double',
    ],
  ),
  optionQuotes: table(
    'optionQuotes',
    'option_quotes',
    ['venue', 'underlying'],
    [
      'venue:text*',
      'instrument:text*',
      'underlying:text!',
      'strike:double!',
      'expiry:ts!',
      'optionType:text!',
      'iv:double',
      'oi:double',
      'volume:double',
      'bid:double',
      'ask:double',
      'mark:double',
      'underlyingPrice:double',
    ],
  ),
  liquidations: keyById(
    table(
      'liquidations',
      'liquidations',
      ['venue', 'symbol'],
      [
        'venue:text*',
        'symbol:text*',
        'liquidationId:text*',
        'side:text!',
        'price:double',
        'amount:double',
        'valueUsd:double',
      ],
    ),
  ),
  onchainMetrics: table(
    'onchainMetrics',
    'onchain_metrics',
    ['chain', 'asset', 'metric'],
    ['chain:text*', 'asset:text*', 'metric:text*', 'value:double!'],
  ),
  blocks: keyById(
    table(
      'blocks',
      'blocks',
      ['chain'],
      [
        'chain:text*',
        'number:int*',
        'hash:text!',
        'parentHash:text',
        'txCount:int',
        'gasUsed:double',
        'gasLimit:double',
        'baseFeePerGas:double',
        'miner:text',
      ],
    ),
  ),
  transactions: keyById(
    table(
      'transactions',
      'transactions',
      ['chain'],
      [
        'chain:text*',
        'hash:text*',
        'logIndex:int*',
        'blockNumber:int',
        'from:text!',
        'to:text',
        'token:text',
        'value:text',
        'amount:double',
        'gas:double',
        'gasPrice:double',
        'fee:double',
      ],
    ),
  ),
  dexSwaps: keyById(
    table(
      'dexSwaps',
      'dex_swaps',
      ['chain', 'venue'],
      [
        'chain:text*',
        'venue:text!',
        'pool:text!',
        'txHash:text*',
        'swapIndex:text*',
        'blockNumber:int',
        'tokenIn:text!',
        'tokenOut:text!',
        'amountIn:text!',
        'amountOut:text!',
        'trader:text',
        'error:text',
        'txPosition:int',
        'to:text',
      ],
    ),
  ),
  poolReserves: table(
    'poolReserves',
    'pool_reserves',
    ['chain', 'venue', 'pool'],
    [
      'chain:text*',
      'venue:text*',
      'pool:text*',
      'token0:text',
      'token1:text',
      'reserve0:double!',
      'reserve1:double!',
      'blockNumber:int',
    ],
  ),
  defiMetrics: table(
    'defiMetrics',
    'defi_metrics',
    ['protocol', 'chain', 'asset', 'metric'],
    ['protocol:text*', 'chain:text*', 'asset:text*', 'metric:text*', 'value:double!'],
  ),
  textEvents: keyById(
    table(
      'textEvents',
      'text_events',
      ['category'],
      [
        'eventId:text*',
        'category:text!',
        'text:text!',
        'title:text',
        'url:text',
        'tags:json!',
        'label:text',
        'score:double',
      ],
    ),
  ),
  indexSeries: table(
    'indexSeries',
    'index_series',
    ['index', 'subject'],
    ['index:text*', 'subject:text*', 'value:double!'],
  ),
  macroSeries: table('macroSeries', 'macro_series', ['series'], ['series:text*', 'value:double!']),
};

/** Quotes an SQL identifier (`"from"`, `"index"` are reserved words). */
export function q(id: string): string {
  return `"${id.replace(/"/g, '""')}"`;
}

/** SQL type of a column in the permanent table. */
export function sqlType(t: ColumnType): string {
  switch (t) {
    case 'ts':
    case 'int':
      return 'BIGINT';
    case 'double':
      return 'DOUBLE';
    case 'bool':
      return 'BOOLEAN';
    default:
      return 'VARCHAR';
  }
}

/** `CREATE TABLE IF NOT EXISTS` statement of a kind's table. */
export function createTableSql(spec: TableSpec): string {
  const cols = spec.columns.map((c) => `${q(c.column)} ${sqlType(c.type)}${c.required ? ' NOT NULL' : ''}`);
  return `CREATE TABLE IF NOT EXISTS ${q(spec.table)} (${cols.join(', ')})`;
}

/**
 * `ALTER TABLE` statements that bring a table written by an older cwm up to `spec`, when the only difference is
 * optional columns appended at the end (added fields are nullable, so old rows read them as absent). Returns
 * `undefined` when the existing columns are not such a prefix (the store must then be rebuilt).
 */
export function migrationSql(spec: TableSpec, existing: readonly string[]): string[] | undefined {
  if (existing.length >= spec.columns.length) return undefined;
  for (let i = 0; i < existing.length; i++) if (spec.columns[i].column !== existing[i]) return undefined;
  const added = spec.columns.slice(existing.length);
  if (added.some((c) => c.required)) return undefined;
  return added.map((c) => `ALTER TABLE ${q(spec.table)} ADD COLUMN ${q(c.column)} ${sqlType(c.type)}`);
}

/** The spec of the kind whose table is named `name` (snake_case) or whose kind is `name`. */
export function tableByName(name: string): TableSpec | undefined {
  for (const spec of Object.values(TABLES)) if (spec.table === name || spec.kind === name) return spec;
  return undefined;
}
