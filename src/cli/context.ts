import { resolve } from 'node:path';
import type { Command } from 'commander';

/** Global options every `cwm` command accepts. */
export interface GlobalOptions {
  /** DuckDB file; default `$CWM_DB` or `./cwm-data/cwm.duckdb`. */
  db?: string;
  /** Machine-readable output on stdout. */
  json?: boolean;
  /** Config file (YAML or JSON). */
  config?: string;
  /** Hide progress bars. */
  quiet?: boolean;
}

/** Default store path when neither `--db` nor `CWM_DB` is given. */
export const DEFAULT_DB_PATH = './cwm-data/cwm.duckdb';

/** The store path chosen by `--db`, then `CWM_DB`, then the default; absolute. */
export function resolveDbPath(opts: GlobalOptions, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(opts.db ?? env.CWM_DB ?? DEFAULT_DB_PATH);
}

/** Global options of the command being run (merged from the root program). */
export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

/**
 * Prints a command's result: JSON on stdout with `--json`, else the text rendering.
 */
export function emit(opts: GlobalOptions, data: unknown, text: () => string): void {
  if (opts.json) process.stdout.write(`${JSON.stringify(data, jsonReplacer)}\n`);
  else process.stdout.write(`${text()}\n`);
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Float64Array || value instanceof Float32Array) return Array.from(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** Structured log line on stderr: `level msg key=value ...`, or JSON when `CWM_LOG=json`. */
export function log(
  level: 'info' | 'warn' | 'error',
  msg: string,
  fields: Record<string, unknown> = {},
): void {
  if (process.env.CWM_LOG === 'json') {
    process.stderr.write(`${JSON.stringify({ level, msg, ...fields, time: new Date().toISOString() })}\n`);
    return;
  }
  const kv = Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`)
    .join(' ');
  process.stderr.write(`${level} ${msg}${kv ? ` ${kv}` : ''}\n`);
}
