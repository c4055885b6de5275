import { CwmError, type CwmErrorArgs } from './base.js';

/** A simulator input (order, swap, transaction, parameter) is invalid; names the venue, the field and why. */
export class SimInputError extends CwmError {
  override name = 'SimInputError';
  readonly venue: string;
  readonly field: string;

  constructor(venue: string, field: string, reason: string, args: CwmErrorArgs = {}) {
    super(`${venue}: field "${field}": ${reason}`, args);
    this.venue = venue;
    this.field = field;
  }
}

/** An operation is not allowed in the current state (unknown order, insufficient balance, unhealthy account). */
export class SimStateError extends CwmError {
  override name = 'SimStateError';
  readonly venue: string;

  constructor(venue: string, reason: string, args: CwmErrorArgs = {}) {
    super(`${venue}: ${reason}`, args);
    this.venue = venue;
  }
}

/** The discrete-event kernel was misused (event scheduled in the past, unknown agent, non-integer time). */
export class KernelError extends CwmError {
  override name = 'KernelError';
}

/** A conservation or accounting invariant broke: always a bug in the simulator; names the venue and the amount. */
export class InvariantViolationError extends CwmError {
  override name = 'InvariantViolationError';
}

/**
 * A chain transaction reverted (like an EVM revert): its state changes are rolled back, gas is still charged.
 * `reason` is the revert string.
 */
export class TxRevertedError extends CwmError {
  override name = 'TxRevertedError';
  readonly reason: string;

  constructor(reason: string, args: CwmErrorArgs = {}) {
    super(`transaction reverted: ${reason}`, args);
    this.reason = reason;
  }
}
