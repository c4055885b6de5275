import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shared real-data folder (`../shared/data` beside the checkout), or `$CWM_SHARED_DATA` when set.
 */
export const SHARED_DATA_DIR = resolve(
  process.env.CWM_SHARED_DATA ?? fileURLToPath(new URL('../../../shared/data', import.meta.url)),
);

let warned = false;

/**
 * True when the shared data folder exists. When it does not, prints once, visibly, that tests reading it
 * are skipped (a user's clone has no `../shared/data`; CI has it).
 */
export function sharedDataAvailable(): boolean {
  const ok = existsSync(join(SHARED_DATA_DIR, 'MANIFEST.md'));
  if (!ok && !warned) {
    warned = true;
    console.warn(`[cwm] SKIPPING tests that read real data: ${SHARED_DATA_DIR} is absent.`);
  }
  return ok;
}

/** Absolute path of a file inside the shared data folder. */
export function sharedDataPath(...parts: string[]): string {
  return join(SHARED_DATA_DIR, ...parts);
}
