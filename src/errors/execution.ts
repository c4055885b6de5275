import { CwmError, type CwmErrorArgs } from './base.js';

/** The execution model's configuration is invalid (negative fee, bad limit, wrong asset count). */
export class ExecutionConfigError extends CwmError {
  override name = 'ExecutionConfigError';
  /** The configuration field at fault. */
  readonly field: string;

  constructor(field: string, reason: string, args: CwmErrorArgs = {}) {
    super(`execution config field "${field}": ${reason}`, args);
    this.field = field;
  }
}

/** An order is malformed (unknown asset index, non-finite quantity or price). */
export class InvalidOrderError extends CwmError {
  override name = 'InvalidOrderError';
  /** Asset index of the order. */
  readonly asset: number;

  constructor(asset: number, reason: string, args: CwmErrorArgs = {}) {
    super(`order on asset ${asset}: ${reason}`, args);
    this.asset = asset;
  }
}
