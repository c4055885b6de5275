import { CwmError, type CwmErrorArgs, UsageError } from './base.js';

/** A simulated-world scenario or parameter is invalid (a usage error, exit code 2); names the field and reason. */
export class ScenarioError extends UsageError {
  override name = 'ScenarioError';
  readonly field: string;

  constructor(field: string, reason: string, args: CwmErrorArgs = {}) {
    super(`scenario field "${field}": ${reason}`, args);
    this.field = field;
  }
}

/** A stylized-fact statistic cannot be computed on the given series (too short, constant). */
export class StylizedFactsError extends CwmError {
  override name = 'StylizedFactsError';
}
