import { CwmError, type CwmErrorArgs } from './base.js';

/** A backtest configuration is invalid (unknown strategy, bad window sizes, mismatched assets). */
export class BacktestConfigError extends CwmError {
  override name = 'BacktestConfigError';
  /** The configuration field at fault, e.g. `walkForward.testBars`. */
  readonly field: string | undefined;

  constructor(reason: string, field?: string, args: CwmErrorArgs = {}) {
    super(field ? `backtest config field "${field}": ${reason}` : `backtest config: ${reason}`, args);
    this.field = field;
  }
}

/** A strategy broke its contract during a run (wrong weight count, non-finite target, look-ahead). */
export class StrategyError extends CwmError {
  override name = 'StrategyError';
  /** Strategy name. */
  readonly strategy: string;
  /** Bar timestamp (UTC epoch ms) where it happened, when known. */
  readonly ts: number | undefined;

  constructor(strategy: string, reason: string, ts?: number, args: CwmErrorArgs = {}) {
    super(
      `strategy "${strategy}"${ts !== undefined ? ` at ${new Date(ts).toISOString()}` : ''}: ${reason}`,
      args,
    );
    this.strategy = strategy;
    this.ts = ts;
  }
}
