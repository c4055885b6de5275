import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../errors/base.js';
import { RECORD_KINDS } from '../data/schemas/index.js';

/** One file to ingest, as in `cwm ingest` (a preset with options, or a mapping file). */
const ingestEntrySchema = z.object({
  file: z.string().min(1),
  kind: z.enum(RECORD_KINDS as [string, ...string[]]),
  preset: z.string().optional(),
  /** Path of a JSON column-mapping file (see `ColumnMapping`). */
  map: z.string().optional(),
  /** Constant fields: symbol, venue, interval, source, chain, series... */
  set: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  mode: z.enum(['strict', 'lenient']).default('strict'),
});

/**
 * The cwm configuration file (YAML or JSON). Every section is optional; unknown top-level sections are kept
 * (other modules add theirs) but the known ones are checked strictly.
 *
 * @example
 * seed: 7
 * db: ./cwm-data/cwm.duckdb
 * sample: { hours: 720, start: 2024-01-01 }
 * out: runs/my-run
 */
export const cwmConfigSchema = z
  .object({
    /** Master seed of every random stream. */
    seed: z.int().nonnegative().default(42),
    /** DuckDB store path (overridden by --db, then CWM_DB). */
    db: z.string().optional(),
    /** Output folder of a run (overridden by --out). */
    out: z.string().optional(),
    /** TensorFlow.js backend name (see `cwm doctor`). */
    backend: z.string().optional(),
    /** The built-in sample `cwm start` generates. */
    sample: z
      .strictObject({
        /** Hours of bars per asset. */
        hours: z
          .int()
          .positive()
          .max(24 * 3650)
          .default(24 * 90),
        /** First bar (ISO date, UTC). */
        start: z.iso.date().default('2024-01-01'),
        /** Whether `cwm start` generates it (default true). */
        enabled: z.boolean().default(true),
      })
      .default({ hours: 24 * 90, start: '2024-01-01', enabled: true }),
    /** Extra files `cwm start` ingests after the sample. */
    ingest: z.array(ingestEntrySchema).default([]),
  })
  .loose();

/** A resolved configuration (defaults applied). */
export type CwmConfig = z.output<typeof cwmConfigSchema>;

/**
 * Loads and validates a YAML or JSON config file; with no path, the defaults.
 *
 * @throws {UsageError} when the file is missing, not YAML/JSON, or breaks the schema (the message names the key).
 */
export function loadConfig(path?: string): CwmConfig {
  if (!path) return cwmConfigSchema.parse({});
  if (!existsSync(path)) throw new UsageError(`config file not found: ${path}`);
  const text = readFileSync(path, 'utf8');
  let raw: unknown;
  try {
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new UsageError(`config file ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}`, {
      cause,
    });
  }
  const res = cwmConfigSchema.safeParse(raw ?? {});
  if (!res.success) {
    const lines = res.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new UsageError(`config file ${path} is invalid`, { metaMessages: lines });
  }
  return res.data;
}
