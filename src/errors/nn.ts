import { CwmError, type CwmErrorArgs } from './base.js';

/** A neural-network block got an invalid argument; names the block and the argument. */
export class NnConfigError extends CwmError {
  override name = 'NnConfigError';
  readonly block: string;
  readonly arg: string;

  constructor(block: string, arg: string, reason: string, args: CwmErrorArgs = {}) {
    super(`${block}: invalid "${arg}": ${reason}`, args);
    this.block = block;
    this.arg = arg;
  }
}

/** A tensor reached a block with the wrong shape; names the block, the input and both shapes. */
export class NnShapeError extends CwmError {
  override name = 'NnShapeError';
  readonly block: string;

  constructor(
    block: string,
    input: string,
    expected: string,
    got: readonly (number | null)[],
    args: CwmErrorArgs = {},
  ) {
    super(`${block}: input "${input}" must have shape ${expected}, got [${got.join(', ')}]`, args);
    this.block = block;
  }
}

/** The requested TensorFlow.js backend cannot be loaded or initialised. */
export class BackendError extends CwmError {
  override name = 'BackendError';
  readonly backend: string;

  constructor(backend: string, reason: string, args: CwmErrorArgs = {}) {
    super(`backend "${backend}": ${reason}`, args);
    this.backend = backend;
  }
}

/** A checkpoint file is missing, malformed, or does not match the model (names the file and tensor). */
export class CheckpointError extends CwmError {
  override name = 'CheckpointError';
  readonly file: string;

  constructor(file: string, reason: string, args: CwmErrorArgs = {}) {
    super(`${file}: ${reason}`, args);
    this.file = file;
  }
}

/** Training data is inconsistent (lengths, shapes, non-finite values); names the dataset and field. */
export class TrainingDataError extends CwmError {
  override name = 'TrainingDataError';
}
