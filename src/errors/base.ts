/** Arguments shared by every cwm error. */
export interface CwmErrorArgs {
  /** Longer explanation printed under the short message. */
  details?: string | undefined;
  /** Extra lines of context (what was being done, where). */
  metaMessages?: string[] | undefined;
  /** The error that caused this one. */
  cause?: unknown;
}

/**
 * Base class of every error cwm throws on purpose.
 *
 * `shortMessage` says what went wrong in one line; `message` adds the details and context lines.
 * `walk()` follows the `cause` chain (like viem's BaseError).
 */
export class CwmError extends Error {
  override name = 'CwmError';
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly metaMessages: string[];

  constructor(shortMessage: string, args: CwmErrorArgs = {}) {
    const lines = [shortMessage];
    if (args.metaMessages?.length) lines.push('', ...args.metaMessages);
    if (args.details) lines.push('', `Details: ${args.details}`);
    super(lines.join('\n'), args.cause === undefined ? undefined : { cause: args.cause });
    this.shortMessage = shortMessage;
    this.details = args.details;
    this.metaMessages = args.metaMessages ?? [];
  }

  /** Walks the cause chain; returns the deepest error, or the first one `fn` accepts. */
  walk(fn?: (err: unknown) => boolean): unknown {
    let err: unknown = this;
    while (err instanceof Error) {
      if (fn?.(err)) return err;
      const next = (err as { cause?: unknown }).cause;
      if (next === undefined) break;
      err = next;
    }
    return fn ? undefined : err;
  }
}

/** Bad command-line usage or an invalid configuration value (CLI exit code 2). */
export class UsageError extends CwmError {
  override name = 'UsageError';
}
