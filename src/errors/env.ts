import { CwmError, type CwmErrorArgs } from './base.js';

/** Base class of every error the environments throw. */
export class EnvError extends CwmError {
  override name = 'EnvError';
}

/** `step` was called before `reset`, or after the episode ended without a new `reset`. */
export class ResetNeededError extends EnvError {
  override name = 'ResetNeededError';
  constructor(envId: string, what: string, args: CwmErrorArgs = {}) {
    super(`${envId}: ${what}; call reset() first`, args);
  }
}

/** An action is not an element of the action space (wrong type, shape, range, or NaN). */
export class InvalidActionError extends EnvError {
  override name = 'InvalidActionError';
  constructor(envId: string, reason: string, args: CwmErrorArgs = {}) {
    super(`${envId}: invalid action: ${reason}`, args);
  }
}

/** A space was built with inconsistent arguments (negative sizes, low > high, shape mismatch). */
export class SpaceError extends EnvError {
  override name = 'SpaceError';
}

/** An environment's configuration is invalid (names the field and the value). */
export class EnvConfigError extends EnvError {
  override name = 'EnvConfigError';
  readonly field: string;
  constructor(envId: string, field: string, reason: string, args: CwmErrorArgs = {}) {
    super(`${envId}: option "${field}": ${reason}`, args);
    this.field = field;
  }
}

/** The data given to an environment cannot support an episode (too short, missing columns, misaligned). */
export class EnvDataError extends EnvError {
  override name = 'EnvDataError';
}

/** `makeEnv` was asked for an id that is not registered. */
export class UnknownEnvError extends EnvError {
  override name = 'UnknownEnvError';
  constructor(id: string, known: readonly string[]) {
    super(`unknown environment "${id}" (known: ${known.join(', ')})`);
  }
}
