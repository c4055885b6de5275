import {
  BOOLEAN,
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  type DuckDBVector,
  DOUBLE,
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

function stageType(c: ColumnSpec): DuckDBType {
  if (c.type === 'text' || c.type === 'json') return VARCHAR;
  if (c.type === 'bool') return BOOLEAN;
  return DOUBLE;
}

/**
 * Streams validated records into a temporary staging table through DuckDB's appender (data chunks of 2048
 * rows), then `commit()` moves the new rows into the kind's table with one `INSERT ... WHERE NOT EXISTS`
 * (anti-join on the natural key) inside a transaction: idempotent (rows already stored are skipped) and
 * atomic (a failure anywhere leaves the table as it was). `abort()` drops the staging table.
 *
 * Records must already be valid (see `validateRecord`); the writer only fills defaults (`tsInit`).
 */
export class StoreWriter {
  private readonly stage: string;
  private appender: DuckDBAppender | undefined;
  private readonly chunk: DuckDBDataChunk;
  private vectors: DuckDBVector[];
  private readonly cols: readonly ColumnSpec[];
  private rowInChunk = 0;
  private count = 0;
  private done = false;

  private constructor(
    private readonly con: DuckDBConnection,
    private readonly spec: TableSpec,
    private readonly opts: WriterOptions,
    stage: string,
    appender: DuckDBAppender,
  ) {
    this.stage = stage;
    this.appender = appender;
    this.cols = spec.columns;
    this.chunk = DuckDBDataChunk.create(spec.columns.map(stageType), CHUNK_ROWS);
    this.chunk.rowCount = CHUNK_ROWS;
    this.vectors = this.cols.map((_, i) => this.chunk.getColumnVector(i));
  }

  /** Opens a writer on `con` for the kind described by `spec`. */
  static async open(con: DuckDBConnection, spec: TableSpec, opts: WriterOptions = {}): Promise<StoreWriter> {
    stageCounter += 1;
    const stage = `cwm_stage_${spec.table}_${stageCounter}`;
    const cols = spec.columns.map((c) => `${q(c.column)} ${stageType(c).toString()}`);
    await con.run(`CREATE OR REPLACE TEMP TABLE ${q(stage)} (${cols.join(', ')})`);
    const appender = await con.createAppender(stage, null, 'temp');
    return new StoreWriter(con, spec, opts, stage, appender);
  }

  /** Rows appended so far. */
  get size(): number {
    return this.count;
  }

  /** Appends one validated record (fields by name; absent optional fields become NULL). */
  append(record: Readonly<Record<string, unknown>>): void {
    if (this.done) throw new StoreError(`writer for ${this.spec.kind} is already committed or aborted`);
    const r = this.rowInChunk;
    const cols = this.cols;
    for (let c = 0; c < cols.length; c++) {
      const spec = cols[c];
      let v = record[spec.field];
      if (v === undefined && spec.field === 'tsInit') {
        v = defaultTsInit(
          this.spec.kind,
          record.tsEvent as number,
          record.interval as string | undefined,
          this.opts.lagMs ?? 0,
        );
      }
      if (v === undefined || v === null) this.vectors[c].setItem(r, null);
      else if (spec.type === 'json') this.vectors[c].setItem(r, JSON.stringify(v));
      else this.vectors[c].setItem(r, v as never);
    }
    this.rowInChunk = r + 1;
    this.count += 1;
    if (this.rowInChunk === CHUNK_ROWS) this.flushChunk();
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

  /**
   * Moves the staged rows into the table in one transaction, skipping rows whose natural key is already
   * stored (and, unless `assumeUnique`, all but the first of duplicates within this batch).
   *
   * @throws {StoreError} when DuckDB rejects the insert; the table is then unchanged.
   */
  async commit(): Promise<InsertResult> {
    this.flushChunk();
    this.closeAppender();
    this.done = true;
    const t = q(this.spec.table);
    const names = this.cols.map((c) => q(c.column)).join(', ');
    const select = this.cols
      .map((c) =>
        c.type === 'ts' || c.type === 'int' ? `CAST(s.${q(c.column)} AS BIGINT)` : `s.${q(c.column)}`,
      )
      .join(', ');
    const keyCols = this.cols.filter((c) => c.key);
    const match = keyCols
      .map((c) =>
        c.type === 'ts' || c.type === 'int'
          ? `t.${q(c.column)} = CAST(s.${q(c.column)} AS BIGINT)`
          : `t.${q(c.column)} = s.${q(c.column)}`,
      )
      .join(' AND ');
    const dedupe = this.opts.assumeUnique
      ? ''
      : ` QUALIFY row_number() OVER (PARTITION BY ${keyCols.map((c) => `s.${q(c.column)}`).join(', ')}) = 1`;
    const sql = `INSERT INTO ${t} (${names}) SELECT ${select} FROM ${q(this.stage)} s WHERE NOT EXISTS (SELECT 1 FROM ${t} t WHERE ${match})${dedupe}`;
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
