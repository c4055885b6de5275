import { CwmError, type CwmErrorArgs } from './base.js';

/**
 * A factor or operator is defined wrongly (negative lag, window < 1, unknown input, duplicate id,
 * output names that do not match the implementation). Names the factor id or the operator and the reason.
 */
export class FactorDefinitionError extends CwmError {
  override name = 'FactorDefinitionError';
  /** Factor id or operator name the problem was found in. */
  readonly where: string;

  constructor(where: string, reason: string, args: CwmErrorArgs = {}) {
    super(`${where}: ${reason}`, args);
    this.where = where;
  }
}

/** `getFactor(id)` or a `--factor` option named a factor that is not registered. */
export class UnknownFactorError extends CwmError {
  override name = 'UnknownFactorError';
  readonly id: string;

  constructor(id: string, known: readonly string[] = []) {
    super(`unknown factor "${id}"`, {
      details: known.length
        ? `known factors: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', ...' : ''}`
        : undefined,
    });
    this.id = id;
  }
}

/**
 * The data given to a factor is unusable: wrong length, non-increasing timestamps, a required input missing
 * entirely. Names the factor, the input and the reason.
 */
export class FactorInputError extends CwmError {
  override name = 'FactorInputError';
  readonly factor: string;
  readonly input: string | undefined;

  constructor(factor: string, input: string | undefined, reason: string, args: CwmErrorArgs = {}) {
    super(`factor "${factor}"${input ? `, input "${input}"` : ''}: ${reason}`, args);
    this.factor = factor;
    this.input = input;
  }
}

/** A factor's value at some time changed when data after that time was added (look-ahead bias). */
export class LookaheadError extends CwmError {
  override name = 'LookaheadError';
  readonly factor: string;
  readonly ts: number;

  constructor(factor: string, column: string, ts: number, full: number, truncated: number) {
    super(
      `factor "${factor}" column "${column}" looks ahead at ts=${ts} (${new Date(ts).toISOString()}): ` +
        `full history gives ${full}, data truncated at that time gives ${truncated}`,
    );
    this.factor = factor;
    this.ts = ts;
  }
}

/** `cwm factors check-lookahead` found factors that break point-in-time or batch = streaming (exit code 1). */
export class FactorCheckFailedError extends CwmError {
  override name = 'FactorCheckFailedError';
  readonly factors: string[];

  constructor(factors: string[]) {
    super(`${factors.length} factor(s) failed the look-ahead check: ${factors.join(', ')}`);
    this.factors = factors;
  }
}
