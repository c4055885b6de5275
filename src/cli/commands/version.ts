import type { Command } from 'commander';
import { emit, globalOptions } from '../context.js';
import { packageVersion } from '../runInfo.js';

/** `cwm version`: package version, Node version and platform. */
export function registerVersion(program: Command): void {
  program
    .command('version')
    .description('print the cwm version, Node version and platform')
    .action(function (this: Command) {
      const info = {
        cwm: packageVersion(),
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
      };
      emit(globalOptions(this), info, () => `cwm ${info.cwm} (node ${info.node}, ${info.platform})`);
    });
}
