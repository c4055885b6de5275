import type { RecordKind } from '../../data/schemas/index.js';

/**
 * Where the simulated world sends its records: one call per record, in the data schemas'
 * (`src/data/schemas/`) input shape. The world never holds a whole run in memory; sinks stream.
 */
export interface RecordSink {
  push(kind: RecordKind, record: Record<string, unknown>): void;
}

/** A sink that only counts records per kind (benchmarks, coverage checks). */
export class CountingSink implements RecordSink {
  readonly counts: Partial<Record<RecordKind, number>> = {};
  push(kind: RecordKind): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }
}

/** A sink that keeps every record in memory, by kind (tests and small in-process runs). */
export class MemorySink implements RecordSink {
  readonly records: Partial<Record<RecordKind, Record<string, unknown>[]>> = {};
  push(kind: RecordKind, record: Record<string, unknown>): void {
    let list = this.records[kind];
    if (!list) {
      list = [];
      this.records[kind] = list;
    }
    list.push(record);
  }
}
