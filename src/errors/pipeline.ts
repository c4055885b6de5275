import { CwmError, UsageError } from './base.js';

/**
 * The main job cannot run with the options given (bad sample size, too few bars for a walk-forward...). A usage
 * error: the CLI exits with code 2.
 */
export class PipelineConfigError extends UsageError {
  override name = 'PipelineConfigError';
  /** The option at fault, e.g. `hours`. */
  readonly option: string;

  constructor(option: string, reason: string) {
    super(`main job option "${option}": ${reason}`);
    this.option = option;
  }
}

/** A run folder cannot be read back (missing or malformed results.json / run.json). */
export class RunFolderError extends CwmError {
  override name = 'RunFolderError';
}
