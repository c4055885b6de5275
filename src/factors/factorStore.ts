import type { Store } from '../data/store.js';
import { StoreError } from '../errors/data.js';
import type { FactorTable } from './table.js';

/** Name of the store table holding factor values of a grid step: `factor_values_1h`, `factor_values_1d`. */
export function factorTableName(freq: string): string {
  if (!/^[0-9]+[mhd]$/.test(freq)) throw new StoreError(`invalid factor table frequency "${freq}"`);
  return `factor_values_${freq}`;
}

let stageCounter = 0;

const quoteId = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Writes a factor table into the store as a wide table (`symbol`, `ts` in UTC ms, one DOUBLE column per
 * factor column; NULL where unavailable). Idempotent and atomic: rows of the same symbols and time range are
 * replaced in one transaction; new factor columns are added to an existing table.
 *
 * @returns the number of rows written.
 * @throws {StoreError} when DuckDB rejects the write (the table is then unchanged).
 */
export async function writeFactorTable(store: Store, table: FactorTable, freq: string): Promise<number> {
  const con = store.connection;
  const name = factorTableName(freq);
  const cols = table.columns;
  const stage = `factor_stage_${process.pid}_${++stageCounter}`;
  await con.run(
    `CREATE TABLE IF NOT EXISTS ${quoteId(name)} (symbol VARCHAR NOT NULL, ts BIGINT NOT NULL, PRIMARY KEY (symbol, ts))`,
  );
  const existing = new Set(
    (
      await con.runAndReadAll(
        `SELECT column_name FROM information_schema.columns WHERE table_name = '${name}'`,
      )
    )
      .getRows()
      .map((r) => String(r[0])),
  );
  await con.run(
    `CREATE TEMP TABLE ${quoteId(stage)} (symbol VARCHAR, ts BIGINT${cols.map((c) => `, ${quoteId(c)} DOUBLE`).join('')})`,
  );
  let rows = 0;
  try {
    const app = await con.createAppender(stage, null, 'temp');
    for (const symbol of table.symbols) {
      const values = table.values.get(symbol) ?? {};
      const arrays = cols.map((c) => values[c]);
      for (let i = 0; i < table.ts.length; i++) {
        app.appendVarchar(symbol);
        app.appendBigInt(BigInt(table.ts[i]));
        for (const a of arrays) {
          const v = a ? a[i] : Number.NaN;
          if (Number.isFinite(v)) app.appendDouble(v);
          else app.appendNull();
        }
        app.endRow();
        rows++;
      }
    }
    app.closeSync();
    await con.run('BEGIN TRANSACTION');
    try {
      for (const c of cols)
        if (!existing.has(c)) await con.run(`ALTER TABLE ${quoteId(name)} ADD COLUMN ${quoteId(c)} DOUBLE`);
      const symList = table.symbols.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ');
      if (table.ts.length > 0) {
        await con.run(
          `DELETE FROM ${quoteId(name)} WHERE symbol IN (${symList}) AND ts BETWEEN ${table.ts[0]} AND ${table.ts[table.ts.length - 1]}`,
        );
      }
      const list = ['symbol', 'ts', ...cols].map(quoteId).join(', ');
      await con.run(`INSERT INTO ${quoteId(name)} (${list}) SELECT ${list} FROM ${quoteId(stage)}`);
      await con.run('COMMIT');
    } catch (err) {
      await con.run('ROLLBACK');
      throw err;
    }
  } catch (err) {
    throw new StoreError(`writing factor table ${name} failed`, {
      cause: err,
      details: err instanceof Error ? err.message : String(err),
    });
  } finally {
    await con.run(`DROP TABLE IF EXISTS ${quoteId(stage)}`);
  }
  return rows;
}
