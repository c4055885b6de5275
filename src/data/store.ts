import { mkdirSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { SchemaViolationError, StoreError } from '../errors/data.js';
import { createFrame, type Frame } from './frame.js';
import { type RecordKind, type RecordOf, SERIES_KINDS, type SeriesKind } from './schemas/index.js';
import { type InsertResult, StoreWriter, type WriterOptions } from './storeWriter.js';
import {
  type ColumnSpec,
  createTableSql,
  migrationSql,
  q,
  TABLES,
  type TableSpec,
  tableByName,
} from './tables.js';
import { validateRecord } from './validate.js';

/**
 * Row filter: equality on record fields (`symbol`, `venue`, `metric`...) plus a time range on `tsEvent`,
 * `from` inclusive and `to` exclusive (UTC epoch ms).
 */
export interface RecordFilter {
  from?: number;
  to?: number;
  [field: string]: string | number | boolean | undefined;
}

/** Which bars to read: one symbol and interval; venue/source when several are stored. */
export interface BarQuery {
  symbol: string;
  interval: string;
  venue?: string;
  source?: string;
  /** Inclusive start, UTC epoch ms (bar open time). */
  from?: number;
  /** Exclusive end, UTC epoch ms. */
  to?: number;
}

/** One stored dataset: a kind, the fields naming the series, its row count and time range. */
export interface DatasetSummary {
  kind: RecordKind;
  table: string;
  /** Values of the series fields (source, venue, symbol, interval... depending on the kind). */
  key: Record<string, string>;
  rows: number;
  /** First and last `tsEvent`, UTC epoch ms. */
  from: number;
  to: number;
  /** The same as ISO-8601 UTC strings. */
  fromIso: string;
  toIso: string;
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function sqlLiteral(v: string | number | boolean): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new StoreError(`filter value ${v} is not finite`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return sqlString(v);
}

function selectExpr(c: ColumnSpec): string {
  return c.type === 'ts' || c.type === 'int'
    ? `CAST(${q(c.column)} AS DOUBLE) AS ${q(c.column)}`
    : q(c.column);
}

/**
 * cwm's embedded DuckDB store: one table per record kind (see `TABLES`), keyed by natural keys so ingest is
 * idempotent, written through the appender and read by columns into {@link Frame}s.
 *
 * @example
 * const store = await Store.open(':memory:');
 * await store.insert('bars', bars);
 * const frame = await store.readBars({ symbol: 'BTC/USDT', interval: '1d' });
 * store.close();
 */
export class Store {
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    /** The DuckDB connection (for advanced SQL; prefer the typed methods). */
    readonly connection: DuckDBConnection,
    /** The database path (`:memory:` for an in-memory store). */
    readonly path: string,
  ) {}

  /**
   * Opens (creating if needed) the store at `path`; `:memory:` for a throw-away store. Creates missing tables.
   *
   * @throws {StoreError} when DuckDB cannot open the file (locked by another process, not a database).
   */
  static async open(path: string): Promise<Store> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (err) {
      throw new StoreError(`cannot open the DuckDB store at ${path}`, {
        cause: err,
        details: err instanceof Error ? err.message : String(err),
      });
    }
    const con = await instance.connect();
    for (const spec of Object.values(TABLES)) await con.run(createTableSql(spec));
    // A store written by an older cwm may have tables with other columns: say so instead of failing later.
    const r = await con.runAndReadAll(
      "SELECT table_name, list(column_name ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'main' GROUP BY table_name",
    );
    const actual = new Map(r.getRowsJS().map((row) => [String(row[0]), (row[1] as unknown[]).map(String)]));
    for (const spec of Object.values(TABLES)) {
      const want = spec.columns.map((c) => c.column);
      const have = actual.get(spec.table) ?? [];
      if (want.join(',') === have.join(',')) continue;
      const migration = migrationSql(spec, have);
      if (migration) {
        for (const sql of migration) await con.run(sql);
      } else {
        con.closeSync();
        instance.closeSync();
        throw new StoreError(
          `table ${spec.table} in ${path} has columns (${have.join(', ')}) but this cwm expects (${want.join(', ')})`,
          {
            details:
              'The store was written by another cwm version. Export what you need (cwm data export) and remove the file, or use another --db.',
          },
        );
      }
    }
    return new Store(instance, con, path);
  }

  /**
   * A second connection to the same database, for a streaming read that must stay open while the main
   * connection writes (e.g. Parquet ingest). The caller closes it with `closeSync()`.
   */
  async openConnection(): Promise<DuckDBConnection> {
    if (this.closed) throw new StoreError(`store ${this.path} is closed`);
    return this.instance.connect();
  }

  private get con(): DuckDBConnection {
    if (this.closed) throw new StoreError(`store ${this.path} is closed`);
    return this.connection;
  }

  /**
   * Validates and inserts records of one kind, atomically and idempotently: rows whose natural key is already
   * stored are skipped; if any record is invalid nothing is written.
   *
   * @param records records of `kind`; `tsInit` may be omitted (filled by {@link defaultTsInit}).
   * @throws {SchemaViolationError} naming the record (1-based `line`) and field of the first invalid record.
   * @throws {StoreError} when DuckDB rejects the write (the store is then unchanged).
   */
  async insert<K extends RecordKind>(
    kind: K,
    records: readonly Record<string, unknown>[],
    opts: WriterOptions & { file?: string } = {},
  ): Promise<InsertResult> {
    const parsed: Record<string, unknown>[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      const res = validateRecord(kind, records[i]);
      if (!res.ok) {
        throw new SchemaViolationError(
          { file: opts.file ?? `${kind} record`, line: i + 1, field: res.issue.field },
          res.issue.reason,
        );
      }
      parsed[i] = res.record as Record<string, unknown>;
    }
    const w = await this.openWriter(kind, opts);
    try {
      for (const r of parsed) w.append(r);
    } catch (err) {
      await w.abort();
      throw err;
    }
    return w.commit();
  }

  /** Opens a staging writer for already-validated records of `kind` (the streaming ingest path). */
  async openWriter(kind: RecordKind, opts: WriterOptions = {}): Promise<StoreWriter> {
    return StoreWriter.open(this.con, TABLES[kind], opts);
  }

  /** Number of rows stored for `kind`. */
  async count(kind: RecordKind): Promise<number> {
    const r = await this.con.runAndReadAll(`SELECT count(*)::DOUBLE FROM ${q(TABLES[kind].table)}`);
    return r.getRows()[0][0] as number;
  }

  private whereClause(spec: TableSpec, filter: RecordFilter): string {
    const parts: string[] = [];
    for (const [field, v] of Object.entries(filter)) {
      if (v === undefined || field === 'from' || field === 'to') continue;
      const col = spec.columns.find((c) => c.field === field);
      if (!col) {
        throw new StoreError(
          `${spec.kind} has no field "${field}" to filter on (fields: ${spec.columns.map((c) => c.field).join(', ')})`,
        );
      }
      parts.push(`${q(col.column)} = ${sqlLiteral(v)}`);
    }
    if (filter.from !== undefined) parts.push(`ts_event >= ${sqlLiteral(filter.from)}`);
    if (filter.to !== undefined) parts.push(`ts_event < ${sqlLiteral(filter.to)}`);
    return parts.length ? ` WHERE ${parts.join(' AND ')}` : '';
  }

  /**
   * Counts the rows matching `filter` and throws unless they form a single series (one value per time):
   * one aggregate pass (count and min/max of each series field); the distinct series are listed only on error.
   */
  private async countSingleSeries(spec: TableSpec, filter: RecordFilter, where: string): Promise<number> {
    const fields = spec.seriesFields;
    const cols = fields.map((f) => q(spec.columns.find((c) => c.field === f)?.column ?? f));
    const agg = cols.map((c) => `min(${c}) IS NOT DISTINCT FROM max(${c})`).join(' AND ');
    const r = await this.con.runAndReadAll(
      `SELECT count(*)::DOUBLE, ${agg || 'TRUE'} FROM ${q(spec.table)}${where}`,
    );
    const [n, single] = r.getRows()[0] as [number, boolean];
    if (single || n === 0) return n;
    const d = await this.con.runAndReadAll(
      `SELECT DISTINCT ${cols.join(', ')} FROM ${q(spec.table)}${where} LIMIT 6`,
    );
    const options = d
      .getRowsJS()
      .map((row) => fields.map((f, i) => `${f}=${String(row[i])}`).join(' '))
      .join('; ');
    throw new StoreError(
      `${spec.kind} filter ${JSON.stringify(filter)} matches several series; add a field to pick one (${options})`,
    );
  }

  /**
   * Reads the numeric columns of a kind into a {@link Frame} ordered by `tsEvent`, by columns (no row objects).
   * Every numeric field becomes a `Float64Array` column (NULL -> NaN, booleans 0/1), `tsInit` included.
   * The filter must select a single series.
   *
   * @throws {StoreError} when the filter matches several series or names an unknown field.
   */
  async readFrame(kind: RecordKind, filter: RecordFilter = {}, fields?: readonly string[]): Promise<Frame> {
    const spec = TABLES[kind];
    const numeric = spec.columns.filter(
      (c) =>
        c.field !== 'tsEvent' &&
        (c.type === 'double' || c.type === 'ts' || c.type === 'int' || c.type === 'bool'),
    );
    const chosen = fields ? numeric.filter((c) => fields.includes(c.field)) : numeric;
    const exprs = ['CAST(ts_event AS DOUBLE)', ...chosen.map((c) => `CAST(${q(c.column)} AS DOUBLE)`)];
    const where = this.whereClause(spec, filter);
    const n = await this.countSingleSeries(spec, filter, where);
    const ts = new Float64Array(n);
    const cols = chosen.map(() => new Float64Array(n));
    const result = await this.con.stream(
      `SELECT ${exprs.join(', ')} FROM ${q(spec.table)}${where} ORDER BY ts_event`,
    );
    let off = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const m = chunk.rowCount;
      for (let c = 0; c <= chosen.length; c++) {
        const vec = chunk.getColumnVector(c);
        const dst = c === 0 ? ts : cols[c - 1];
        // Fast path: a DOUBLE vector without NULLs is copied as one Float64Array block. It relies on the
        // vector's (non-public) `items`/`validity` fields, checked here; anything else reads item by item.
        const raw = vec as unknown as { items?: unknown; validity?: { data?: unknown; offset?: unknown } };
        if (raw.items instanceof Float64Array && raw.items.length === m && raw.validity) {
          const mask = raw.validity.data;
          if (mask === null) {
            dst.set(raw.items, off);
            continue;
          }
          if (mask instanceof BigUint64Array && raw.validity.offset === 0) {
            // NULL -> NaN from the validity bitmask, one 64-bit word (two 32-bit halves) at a time
            dst.set(raw.items, off);
            for (let w = 0; w * 64 < m; w++) {
              const word = mask[w];
              if (word === 0xffffffffffffffffn) continue;
              const lo = Number(word & 0xffffffffn);
              const hi = Number(word >> 32n);
              const end = Math.min(64, m - w * 64);
              for (let b = 0; b < end; b++) {
                const bit = b < 32 ? (lo >>> b) & 1 : (hi >>> (b - 32)) & 1;
                if (bit === 0) dst[off + w * 64 + b] = Number.NaN;
              }
            }
            continue;
          }
        }
        for (let i = 0; i < m; i++) {
          const v = vec.getItem(i) as number | null;
          dst[off + i] = v === null ? Number.NaN : v;
        }
      }
      off += m;
    }
    const columns: Record<string, Float64Array> = {};
    chosen.forEach((c, i) => {
      columns[c.field] = cols[i];
    });
    return createFrame(off === n ? ts : ts.subarray(0, off), columns);
  }

  /**
   * Reads OHLCV bars of one symbol and interval as a {@link Frame}: `ts` = bar open time (UTC ms); columns
   * `open`, `high`, `low`, `close`, `volume`, `quoteVolume`, `tradeCount`, `tsInit` (NaN where unavailable).
   *
   * @throws {StoreError} when several venues/sources hold this symbol and none is chosen.
   * @example const btc = await store.readBars({ symbol: 'BTC/USDT', interval: '1d', venue: 'binance' });
   */
  async readBars(query: BarQuery): Promise<Frame> {
    const { symbol, interval, venue, source, from, to } = query;
    return this.readFrame('bars', { symbol, interval, venue, source, from, to });
  }

  /**
   * Reads a series kind (on-chain, DeFi, index, macro) as a {@link Frame} with columns `value` and `tsInit`.
   *
   * @example const dgs10 = await store.readSeries('macroSeries', { series: 'DGS10' });
   */
  async readSeries(kind: SeriesKind, filter: RecordFilter): Promise<Frame> {
    return this.readFrame(kind, filter, [SERIES_KINDS[kind].value, 'tsInit']);
  }

  /**
   * Reads whole records of any kind (text events, book snapshots, transactions...), ordered by `tsEvent`.
   * Absent optional fields are left out; JSON fields (book levels, tags) are parsed.
   */
  async readRecords<K extends RecordKind>(
    kind: K,
    filter: RecordFilter = {},
    limit?: number,
  ): Promise<RecordOf<K>[]> {
    const spec = TABLES[kind];
    const lim = limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(limit))}` : '';
    const r = await this.con.runAndReadAll(
      `SELECT ${spec.columns.map(selectExpr).join(', ')} FROM ${q(spec.table)}${this.whereClause(spec, filter)} ORDER BY ts_event${lim}`,
    );
    const rows = r.getRowsJS();
    return rows.map((row) => {
      const rec: Record<string, unknown> = {};
      spec.columns.forEach((c, i) => {
        const v = row[i];
        if (v === null || v === undefined) return;
        rec[c.field] = c.type === 'json' ? JSON.parse(v as string) : v;
      });
      return rec as RecordOf<K>;
    });
  }

  /** Every stored dataset (series) of every kind with row counts and time ranges. */
  async listDatasets(): Promise<DatasetSummary[]> {
    const out: DatasetSummary[] = [];
    for (const spec of Object.values(TABLES)) {
      const keyCols = spec.seriesFields.map((f) => q(spec.columns.find((c) => c.field === f)?.column ?? f));
      const r = await this.con.runAndReadAll(
        `SELECT ${keyCols.join(', ')}, count(*)::DOUBLE, min(ts_event)::DOUBLE, max(ts_event)::DOUBLE FROM ${q(spec.table)} GROUP BY ALL ORDER BY ALL`,
      );
      for (const row of r.getRowsJS()) {
        const key: Record<string, string> = {};
        spec.seriesFields.forEach((f, i) => {
          key[f] = String(row[i]);
        });
        const k = spec.seriesFields.length;
        const from = row[k + 1] as number;
        const to = row[k + 2] as number;
        out.push({
          kind: spec.kind,
          table: spec.table,
          key,
          rows: row[k] as number,
          from,
          to,
          fromIso: new Date(from).toISOString(),
          toIso: new Date(to).toISOString(),
        });
      }
    }
    return out;
  }

  /**
   * Exports a table (by table name or kind) or a read-only query (`SELECT`/`WITH`/`FROM`...) to Parquet or CSV,
   * chosen by the extension of `path` (`.parquet`, `.csv`). Returns the number of rows written.
   *
   * @throws {StoreError} for an unknown extension or a failing query.
   */
  async exportQuery(tableOrSql: string, path: string): Promise<{ rows: number; path: string }> {
    const ext = extname(path).toLowerCase();
    const format = ext === '.parquet' ? 'PARQUET' : ext === '.csv' ? 'CSV, HEADER' : undefined;
    if (!format) throw new StoreError(`cannot export to "${path}": use a .parquet or .csv file name`);
    const spec = tableByName(tableOrSql.trim());
    const query = spec ? `SELECT * FROM ${q(spec.table)} ORDER BY ALL` : tableOrSql;
    mkdirSync(dirname(path), { recursive: true });
    try {
      const res = await this.con.run(`COPY (${query}) TO ${sqlString(path)} (FORMAT ${format})`);
      return { rows: res.rowsChanged, path };
    } catch (err) {
      throw new StoreError(`export of ${spec ? `table ${spec.table}` : 'query'} to ${path} failed`, {
        cause: err,
        details: err instanceof Error ? err.message : String(err),
      });
    }
  }

  /**
   * Imports a Parquet file of `kind` (columns named like the table's, snake_case, or like the record fields),
   * validating every row; atomic and idempotent like {@link insert}.
   *
   * @throws {SchemaViolationError} naming the file, row and field of the first invalid row.
   */
  async importParquet(kind: RecordKind, path: string): Promise<InsertResult> {
    const spec = TABLES[kind];
    let rows: Record<string, unknown>[];
    try {
      const r = await this.con.runAndReadAll(`SELECT * FROM read_parquet(${sqlString(path)})`);
      rows = r.getRowObjectsJS() as Record<string, unknown>[];
    } catch (err) {
      throw new StoreError(`cannot read Parquet file ${path}`, {
        cause: err,
        details: err instanceof Error ? err.message : String(err),
      });
    }
    const records = rows.map((row) => {
      const rec: Record<string, unknown> = {};
      for (const c of spec.columns) {
        let v = row[c.column] ?? row[c.field];
        if (v === null || v === undefined) continue;
        if (typeof v === 'bigint') v = Number(v);
        if (c.type === 'json' && typeof v === 'string') v = JSON.parse(v);
        rec[c.field] = v;
      }
      return rec;
    });
    return this.insert(kind, records, { file: path });
  }

  /** Runs SQL on the store and returns rows as plain JS objects (BIGINT as number). Prefer the typed readers. */
  async query(sql: string): Promise<Record<string, unknown>[]> {
    const r = await this.con.runAndReadAll(sql);
    return (r.getRowObjectsJS() as Record<string, unknown>[]).map((row) => {
      for (const [k, v] of Object.entries(row)) if (typeof v === 'bigint') row[k] = Number(v);
      return row;
    });
  }

  /** Closes the connection and the database (flushes a file store). Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

export type { InsertResult, WriterOptions } from './storeWriter.js';
export { StoreWriter } from './storeWriter.js';
