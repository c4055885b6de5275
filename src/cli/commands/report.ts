import { resolve } from 'node:path';
import type { Command } from 'commander';
import { writeReport } from '../../report/runFolder.js';
import { emit, globalOptions, log } from '../context.js';

/** `cwm report <runDir>`: re-renders report.html from a run folder's results.json and run.json. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('re-render the self-contained HTML report of a run folder (results.json + run.json)')
    .argument('<runDir>', 'run folder written by `cwm start`')
    .addHelpText('after', '\nExample:\n  cwm report runs/start-seed42')
    .action(function (this: Command, runDir: string) {
      const g = globalOptions(this);
      const dir = resolve(runDir);
      const path = writeReport(dir);
      log('info', 'report written', { path });
      emit(g, { runDir: dir, report: path }, () => `report: ${path}`);
    });
}
