import { RECORD_KINDS, type RecordKind } from '../../data/schemas/index.js';
import type { Store } from '../../data/store.js';
import type { InsertResult, StoreWriter } from '../../data/storeWriter.js';
import { validateRecord } from '../../data/validate.js';
import { SchemaViolationError } from '../../errors/data.js';
import type { RecordSink } from '../population/recordSink.js';

/**
 * Streams simulated records into the DuckDB {@link Store} through one staging writer per kind (DuckDB
 * appender), committed together at the end: idempotent and atomic per kind. The first `checkFirst` records
 * of every kind are validated against the data schemas (the simulator's output is held to the same schema
 * as real data); a violation stops the run with a {@link SchemaViolationError}.
 */
export class StoreSink implements RecordSink {
  private readonly writers = new Map<RecordKind, StoreWriter>();
  private readonly checked = new Map<RecordKind, number>();

  private constructor(private readonly checkFirst: number) {}

  /** Opens a writer for every record kind. */
  static async open(store: Store, checkFirst = 200): Promise<StoreSink> {
    const s = new StoreSink(checkFirst);
    for (const kind of RECORD_KINDS)
      s.writers.set(kind, await store.openWriter(kind, { assumeUnique: true }));
    return s;
  }

  push(kind: RecordKind, record: Record<string, unknown>): void {
    const n = this.checked.get(kind) ?? 0;
    if (n < this.checkFirst) {
      this.checked.set(kind, n + 1);
      const res = validateRecord(kind, record);
      if (!res.ok) {
        throw new SchemaViolationError(
          { file: `simulated ${kind}`, line: n + 1, field: res.issue.field },
          res.issue.reason,
        );
      }
      (this.writers.get(kind) as StoreWriter).append(res.record as Record<string, unknown>);
      return;
    }
    (this.writers.get(kind) as StoreWriter).append(record);
  }

  /** Commits every writer; returns what each inserted. */
  async commit(): Promise<InsertResult[]> {
    const out: InsertResult[] = [];
    for (const w of this.writers.values()) out.push(await w.commit());
    return out;
  }

  /** Drops every staging table (nothing is written). */
  async abort(): Promise<void> {
    for (const w of this.writers.values()) await w.abort();
  }
}
