import type { RecordInputOf, RecordKind } from '../data/schemas/index.js';

/** Source tag on every simulated record. */
export const SIM_SOURCE = 'cwm-sim';

/** Where venues send the records they produce (the foundation's schemas, `src/data/schemas`). */
export interface RecordSink {
  emit<K extends RecordKind>(kind: K, record: RecordInputOf<K>): void;
}

/** A sink that drops everything (for benchmarks and agents that need no output). */
export const NULL_SINK: RecordSink = { emit() {} };

/**
 * Keeps every record in memory, per kind, in emission order. `toJsonLines()` gives a canonical text form
 * (one `kind<TAB>json` line per record, emission order) used to prove byte-identical runs.
 */
export class MemorySink implements RecordSink {
  private readonly byKind = new Map<RecordKind, unknown[]>();
  private readonly order: [RecordKind, unknown][] = [];

  emit<K extends RecordKind>(kind: K, record: RecordInputOf<K>): void {
    let list = this.byKind.get(kind);
    if (!list) {
      list = [];
      this.byKind.set(kind, list);
    }
    list.push(record);
    this.order.push([kind, record]);
  }

  /** Records of one kind, in emission order. */
  get<K extends RecordKind>(kind: K): RecordInputOf<K>[] {
    return (this.byKind.get(kind) ?? []) as RecordInputOf<K>[];
  }

  /** Number of records of every kind. */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of this.byKind) out[k] = v.length;
    return out;
  }

  /** Canonical text of every record in emission order. */
  toJsonLines(): string {
    const parts: string[] = [];
    for (const [k, r] of this.order) parts.push(`${k}\t${JSON.stringify(r)}`);
    return parts.join('\n');
  }
}
