import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunFolderError } from '../errors/pipeline.js';
import type { MainJobResults } from '../pipeline/mainJob.js';
import { type RunProvenance, renderReport } from './renderReport.js';

/** File name of the report inside a run folder. */
export const REPORT_FILE = 'report.html';

/**
 * Reads a main-job run folder: `results.json` (required) and `run.json` (provenance, optional).
 *
 * @throws {RunFolderError} naming the file when results.json is missing, not JSON or not main-job results.
 */
export function readRunFolder(dir: string): { results: MainJobResults; run: RunProvenance | null } {
  const resultsPath = join(dir, 'results.json');
  if (!existsSync(resultsPath))
    throw new RunFolderError(`${resultsPath} not found`, {
      details: 'Pass the run folder written by `cwm start` (it holds results.json and run.json).',
    });
  const parse = (path: string): unknown => {
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new RunFolderError(`${path} is not valid JSON`, {
        cause: err,
        details: err instanceof Error ? err.message : String(err),
      });
    }
  };
  const raw = parse(resultsPath) as { schema?: unknown } | null;
  if (raw?.schema !== 'cwm.mainJob/2' && raw?.schema !== 'cwm.mainJob/1')
    throw new RunFolderError(`${resultsPath} is not a main-job result (schema cwm.mainJob/2)`, {
      details: `found schema ${JSON.stringify(raw?.schema ?? null)}`,
    });
  // schema 1 (before the simulated world was the default) ran on the sample and had no `source`
  const results = (
    raw.schema === 'cwm.mainJob/1' ? { ...raw, schema: 'cwm.mainJob/2', source: { kind: 'sample' } } : raw
  ) as MainJobResults;
  // JSON has no NaN: unavailable numbers come back as null; charts and tables treat both as missing.
  const runPath = join(dir, 'run.json');
  const run = existsSync(runPath) ? (parse(runPath) as RunProvenance) : null;
  return { results, run };
}

/** Renders the report of a run folder into `<dir>/report.html` and returns its path. */
export function writeReport(dir: string): string {
  const { results, run } = readRunFolder(dir);
  const path = join(dir, REPORT_FILE);
  writeFileSync(path, renderReport(results, run));
  return path;
}
