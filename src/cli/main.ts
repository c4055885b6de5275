import { Command, CommanderError } from 'commander';
import { CwmError, UsageError } from '../errors/base.js';
import { InputFileError, SchemaViolationError } from '../errors/data.js';
import { log } from './context.js';
import { commands } from './commands/index.js';

/** Builds the `cwm` program with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command('cwm')
    .description('Crypto/DeFi world model: data, factors, simulator, environments, agents, risk')
    .option('--db <path>', 'DuckDB store path (default $CWM_DB or ./cwm-data/cwm.duckdb)')
    .option('--json', 'machine-readable JSON output on stdout')
    .option('--config <file>', 'config file (YAML or JSON)')
    .option('--quiet', 'no progress bars')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

/**
 * Runs the CLI with `argv` (without node and script). Returns the exit code:
 * 0 success, 1 failure, 2 bad usage or bad input.
 */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) {
        return 0;
      }
      return 2;
    }
    if (err instanceof UsageError || err instanceof SchemaViolationError || err instanceof InputFileError) {
      log('error', err.message);
      return 2;
    }
    if (err instanceof CwmError) {
      log('error', err.message);
      return 1;
    }
    log('error', err instanceof Error ? (err.stack ?? err.message) : String(err));
    return 1;
  }
}
