import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { InputFileError } from '../../errors/data.js';

/**
 * A batch of rows: `rows[i]` holds the fields of the record starting on 1-based physical line `lines[i]`
 * (the header is line 1), and how many bytes of the (compressed) file were read so far.
 */
export interface CsvBatch {
  lines: number[];
  rows: string[][];
  bytesRead: number;
}

/** Options of {@link readCsv}. */
export interface CsvOptions {
  /** Field separator, one character (default `,`). */
  delimiter?: string;
  /** Rows per yielded batch (default 8192). */
  batchRows?: number;
}

/**
 * Splits one line with quotes (RFC 4180: `"a,b"`, `""` escapes a quote). Returns undefined when a quoted field
 * is still open at the end of the line (the record continues on the next line).
 */
function splitQuoted(text: string, delim: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text[i] === '"') {
      let val = '';
      i += 1;
      for (;;) {
        const j = text.indexOf('"', i);
        if (j < 0) return undefined;
        val += text.slice(i, j);
        if (text[j + 1] === '"') {
          val += '"';
          i = j + 2;
        } else {
          i = j + 1;
          break;
        }
      }
      // text after the closing quote up to the delimiter is kept (lenient like most readers)
      const k = text.indexOf(delim, i);
      if (k < 0) {
        out.push(val + text.slice(i));
        return out;
      }
      out.push(val + text.slice(i, k));
      i = k + 1;
    } else {
      const k = text.indexOf(delim, i);
      if (k < 0) {
        out.push(text.slice(i));
        return out;
      }
      out.push(text.slice(i, k));
      i = k + 1;
    }
    if (i > n) return out;
    if (i === n) {
      out.push('');
      return out;
    }
  }
}

/**
 * Streams a CSV file (optionally `.gz`) as batches of rows without ever holding the whole file: the file is
 * read in 1 MiB chunks and split into records as they arrive. Handles a UTF-8 BOM, CRLF line ends, quoted
 * fields with embedded delimiters, quotes and newlines, and a missing final newline. Blank lines are skipped.
 *
 * @throws {InputFileError} when the file cannot be read, the gzip stream is corrupt or truncated, or the file
 *   ends inside a quoted field (truncated file).
 */
export async function* readCsv(path: string, opts: CsvOptions = {}): AsyncGenerator<CsvBatch> {
  const delim = opts.delimiter ?? ',';
  const batchRows = opts.batchRows ?? 8192;
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  file.on('error', (err) => stream.destroy(err));
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  let pending: string | undefined; // an open quoted record spanning lines
  let pendingLine = 0;
  let rows: string[][] = [];
  let lines: number[] = [];
  let first = true;

  const take = (text: string): void => {
    line += 1;
    const t = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (pending !== undefined) {
      const joined = `${pending}\n${t}`;
      const fields = splitQuoted(joined, delim);
      if (fields) {
        rows.push(fields);
        lines.push(pendingLine);
        pending = undefined;
      } else pending = joined;
      return;
    }
    if (t.length === 0) return;
    if (t.indexOf('"') < 0) {
      rows.push(t.split(delim));
      lines.push(line);
      return;
    }
    const fields = splitQuoted(t, delim);
    if (fields) {
      rows.push(fields);
      lines.push(line);
    } else {
      pending = t;
      pendingLine = line;
    }
  };

  try {
    for await (const chunk of stream) {
      let text = rest + decoder.write(chunk as Buffer);
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl < 0) break;
        take(text.slice(start, nl));
        start = nl + 1;
      }
      rest = text.slice(start);
      if (rows.length >= batchRows) {
        yield { lines, rows, bytesRead: file.bytesRead };
        rows = [];
        lines = [];
      }
    }
  } catch (err) {
    throw new InputFileError(path, `cannot read: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  rest += decoder.end();
  if (first && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
  if (rest.length) take(rest);
  if (pending !== undefined) {
    throw new InputFileError(
      path,
      `truncated file: a quoted field opened on line ${pendingLine} is never closed (file ends inside it)`,
    );
  }
  if (rows.length) yield { lines, rows, bytesRead: file.bytesRead };
}
