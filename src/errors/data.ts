import { CwmError, type CwmErrorArgs } from './base.js';

/** Where in an input a problem was found. Lines are 1-based and count the header line. */
export interface InputLocation {
  file?: string | undefined;
  line?: number | undefined;
  field?: string | undefined;
}

function where(loc: InputLocation): string {
  const parts: string[] = [];
  if (loc.file) parts.push(loc.file);
  if (loc.line !== undefined) parts.push(`line ${loc.line}`);
  if (loc.field) parts.push(`field "${loc.field}"`);
  return parts.join(', ');
}

/** A record breaks its schema: names file, line, field and the reason. */
export class SchemaViolationError extends CwmError {
  override name = 'SchemaViolationError';
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;
  readonly reason: string;

  constructor(loc: InputLocation, reason: string, args: CwmErrorArgs = {}) {
    const at = where(loc);
    super(at ? `${at}: ${reason}` : reason, args);
    this.file = loc.file;
    this.line = loc.line;
    this.field = loc.field;
    this.reason = reason;
  }
}

/** An input file cannot be read or parsed as a whole (empty, truncated, wrong format). */
export class InputFileError extends CwmError {
  override name = 'InputFileError';
  readonly file: string;

  constructor(file: string, reason: string, args: CwmErrorArgs = {}) {
    super(`${file}: ${reason}`, args);
    this.file = file;
  }
}

/** The store refused an operation (missing table, failed transaction). */
export class StoreError extends CwmError {
  override name = 'StoreError';
}
