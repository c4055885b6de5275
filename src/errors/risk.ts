import { CwmError, type CwmErrorArgs } from './base.js';

/** A statistical or risk model got input it cannot use (too few observations, non-finite values, bad level). */
export class ModelInputError extends CwmError {
  override name = 'ModelInputError';
  /** The model or function that refused the input, e.g. `fitGarch`. */
  readonly model: string;

  constructor(model: string, reason: string, args: CwmErrorArgs = {}) {
    super(`${model}: ${reason}`, args);
    this.model = model;
  }
}

/** A risk computation or report cannot be produced (unknown method, missing series, bad portfolio file). */
export class RiskError extends CwmError {
  override name = 'RiskError';
}
