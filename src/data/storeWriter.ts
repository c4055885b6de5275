import {
  BOOLEAN,
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  type DuckDBVector,
  DOUBLE,
  INTEGER,
  VARCHAR,
} from '@duckdb/node-api';
import { StoreError } from '../errors/data.js';
import { defaultTsInit } from './identifiers.js';
import type { RecordKind } from './schemas/index.js';
import { type ColumnSpec, q, type TableSpec } from './tables.js';

/** DuckDB's standard vector size: rows per appended data chunk. */
const CHUNK_ROWS = 2048;

/** What a commit did: rows received, rows new to the store, rows already there (same natural key). */
export interface InsertResult {
  kind: RecordKind;
  received: number;
  inserted: number;
  existing: number;
}

/** Options of a writer. */
export interface WriterOptions {
  /** Publication lag added to `tsEvent` when a record has no `tsInit` (ms; bars also add their interval). */
  lagMs?: number;
  /** Caller guarantees no two appended records share a natural key (skips the in-batch de-duplication). */
  assumeUnique?: boolean;
}

let stageCounter = 0;

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * Streams validated records into a temporary staging table through DuckDB's appender (data chunks of 2048
 * rows), then `commit()` moves the new rows into the kind's table with one `INSERT ... WHERE NOT EXISTS`
 * (anti-join on the natural key) inside a transaction: idempotent (rows already stored are skipped) and
 * atomic (a failure anywhere leaves the table as it was). `abort()` drops the staging table.
 *
 * The text columns naming a series (source, venue, symbol, interval, metric...) are few-valued: they are staged
 * as integer codes of a per-writer dictionary and decoded in the final INSERT, which avoids encoding the same
 * strings millions of times.
 *
 * Records must already be valid (see `validateRecord`); the writer only fills defaults (`tsInit`).
 */
export class StoreWriter {
  private readonly stage: string;
  private appender: DuckDBAppender | undefined;
  private readonly chunk: DuckDBDataChunk;
  private vectors: DuckDBVector[];
  private readonly cols: readonly ColumnSpec[];
  /** Per column: a dictionary (value -> code) for coded series columns, else undefined. */
  private readonly dicts: (Map<string, number> | undefined)[];
  /** Column index of tsInit, tsEvent and interval (for the default tsInit). */
  private readonly iTsInit: number;
  private readonly iTsEvent: number;
  private readonly iInterval: number;
  private rowInChunk = 0;
  private count = 0;
  private done = false;

  private constructor(
    private readonly con: DuckDBConnection,
    private readonly spec: TableSpec,
    private readonly opts: WriterOptions,
    stage: string,
    appender: DuckDBAppender,
    types: DuckDBType[],
    coded: boolean[],
  ) {
    this.stage = stage;
    this.appender = appender;
    this.cols = spec.columns;
    this.dicts = coded.map((c) => (c ? new Map<string, number>() : undefined));
    this.chunk = DuckDBDataChunk.create(types, CHUNK_ROWS);
    this.chunk.rowCount = CHUNK_ROWS;
    this.vectors = this.cols.map((_, i) => this.chunk.getColumnVector(i));
    this.iTsInit = this.cols.findIndex((c) => c.field === 'tsInit');
    this.iTsEvent = this.cols.findIndex((c) => c.field === 'tsEvent');
    this.iInterval = this.cols.findIndex((c) => c.field === 'interval');
  }

  /** Opens a writer on `con` for the kind described by `spec`. */
  static async open(con: DuckDBConnection, spec: TableSpec, opts: WriterOptions = {}): Promise<StoreWriter> {
    stageCounter += 1;
    const stage = `cwm_stage_${spec.table}_${stageCounter}`;
    const coded = spec.columns.map((c) => c.type === 'text' && spec.seriesFields.includes(c.field));
    const types = spec.columns.map((c, i): DuckDBType => {
      if (coded[i]) return INTEGER;
      if (c.type === 'text' || c.type === 'json') return VARCHAR;
      if (c.type === 'bool') return BOOLEAN;
      return DOUBLE;
    });
    const cols = spec.columns.map((c, i) => `${q(c.column)} ${types[i].toString()}`);
    await con.run(`CREATE OR REPLACE TEMP TABLE ${q(stage)} (${cols.join(', ')})`);
    const appender = await con.createAppender(stage, null, 'temp');
    return new StoreWriter(con, spec, opts, stage, appender, types, coded);
  }

  /** Rows appended so far. */
  get size(): number {
    return this.count;
  }

  /** The table's columns, in the order {@link appendRow} expects. */
  get columns(): readonly ColumnSpec[] {
    return this.cols;
  }

  private setCell(c: number, r: number, v: unknown): void {
    if (v === undefined || v === null) {
      this.vectors[c].setItem(r, null);
      return;
    }
    const dict = this.dicts[c];
    if (dict) {
      const s = v as string;
      let code = dict.get(s);
      if (code === undefined) {
        code = dict.size;
        dict.set(s, code);
      }
      this.vectors[c].setItem(r, code as never);
    } else if (this.cols[c].type === 'json') this.vectors[c].setItem(r, JSON.stringify(v) as never);
    else this.vectors[c].setItem(r, v as never);
  }

  private endRow(): void {
    this.rowInChunk += 1;
    this.count += 1;
    if (this.rowInChunk === CHUNK_ROWS) this.flushChunk();
  }

  private checkOpen(): void {
    if (this.done) throw new StoreError(`writer for ${this.spec.kind} is already committed or aborted`);
  }

  /** Appends one validated record (fields by name; absent optional fields become NULL). */
  append(record: Readonly<Record<string, unknown>>): void {
    this.checkOpen();
    const r = this.rowInChunk;
    const cols = this.cols;
    for (let c = 0; c < cols.length; c++) {
      let v = record[cols[c].field];
      if (v === undefined && c === this.iTsInit) {
        v = defaultTsInit(
          this.spec.kind,
          record.tsEvent as number,
          record.interval as string | undefined,
          this.opts.lagMs ?? 0,
        );
      }
      this.setCell(c, r, v);
    }
    this.endRow();
  }

  /**
   * Appends one validated row given as values aligned with {@link columns} (the ingest hot path: no record
   * object). A missing tsInit (undefined) gets the default rule.
   */
  appendRow(values: ArrayLike<unknown>): void {
    this.checkOpen();
    const r = this.rowInChunk;
    for (let c = 0; c < values.length; c++) {
      let v = values[c];
      if (v === undefined && c === this.iTsInit) {
        v = defaultTsInit(
          this.spec.kind,
          values[this.iTsEvent] as number,
          this.iInterval >= 0 ? (values[this.iInterval] as string) : undefined,
          this.opts.lagMs ?? 0,
        );
      }
      this.setCell(c, r, v);
    }
    this.endRow();
  }

  private flushChunk(): void {
    if (this.rowInChunk === 0 || !this.appender) return;
    this.chunk.rowCount = this.rowInChunk;
    for (const v of this.vectors) v.flush();
    this.appender.appendDataChunk(this.chunk);
    this.chunk.rowCount = CHUNK_ROWS;
    this.vectors = this.cols.map((_, i) => this.chunk.getColumnVector(i));
    this.rowInChunk = 0;
  }

  /** SQL decoding staged column `c` (dictionary codes back to text, integers back to BIGINT). */
  private decoded(c: number): string {
    const col = this.cols[c];
    const ref = `s.${q(col.column)}`;
    const dict = this.dicts[c];
    if (dict) {
      if (dict.size === 0) return 'CAST(NULL AS VARCHAR)';
      const whens = [...dict].map(([v, code]) => `WHEN ${code} THEN ${sqlString(v)}`).join(' ');
      return `CASE ${ref} ${whens} END`;
    }
    if (col.type === 'ts' || col.type === 'int') return `CAST(${ref} AS BIGINT)`;
    return ref;
  }

  /**
   * Moves the staged rows into the table in one transaction, skipping rows whose natural key is already
   * stored (and, unless `assumeUnique`, all but the first of duplicates within this batch).
   *
   * @throws {StoreError} when DuckDB rejects the insert; the table is then unchanged.
   */
  async commit(): Promise<InsertResult> {
    this.checkOpen();
    this.flushChunk();
    this.closeAppender();
    this.done = true;
    const t = q(this.spec.table);
    const names = this.cols.map((c) => q(c.column)).join(', ');
    const inner = this.cols.map((c, i) => `${this.decoded(i)} AS ${q(c.column)}`).join(', ');
    const keyCols = this.cols.filter((c) => c.key);
    const match = keyCols.map((c) => `t.${q(c.column)} = d.${q(c.column)}`).join(' AND ');
    const dedupe = this.opts.assumeUnique
      ? ''
      : ` QUALIFY row_number() OVER (PARTITION BY ${keyCols.map((c) => `d.${q(c.column)}`).join(', ')}) = 1`;
    const sql = `INSERT INTO ${t} (${names}) SELECT ${names} FROM (SELECT ${inner} FROM ${q(this.stage)} s) d WHERE NOT EXISTS (SELECT 1 FROM ${t} t WHERE ${match})${dedupe}`;
    try {
      await this.con.run('BEGIN TRANSACTION');
      const res = await this.con.run(sql);
      await this.con.run('COMMIT');
      const inserted = res.rowsChanged;
      return { kind: this.spec.kind, received: this.count, inserted, existing: this.count - inserted };
    } catch (err) {
      await this.con.run('ROLLBACK').catch(() => undefined);
      throw new StoreError(`could not insert ${this.count} ${this.spec.kind} rows; the store is unchanged`, {
        cause: err,
        details: err instanceof Error ? err.message : String(err),
      });
    } finally {
      await this.dropStage();
    }
  }

  /** Discards everything appended; the store is unchanged. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.closeAppender();
    await this.dropStage();
  }

  private closeAppender(): void {
    if (!this.appender) return;
    try {
      this.appender.closeSync();
    } finally {
      this.appender = undefined;
    }
  }

  private async dropStage(): Promise<void> {
    await this.con.run(`DROP TABLE IF EXISTS temp.${q(this.stage)}`).catch(() => undefined);
  }
}
