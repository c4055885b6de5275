import { InputFileError } from '../../errors/data.js';
import type { RecordKind } from '../schemas/index.js';
import { parseDeribitOptionName } from '../identifiers.js';
import { TABLES } from '../tables.js';
import type { ColumnMapping, FieldSource } from './mapping.js';
import { isValidTimezone, parseTime, type TimeFormat } from './parseTime.js';

/** Why a row cannot become a record: the field (or column) and the reason. */
export interface RowIssue {
  field: string;
  reason: string;
}

/** Turns one row (cells aligned with the header) into zero or more raw records. */
export type RowMapper = (
  cells: readonly unknown[],
  emit: (record: Record<string, unknown>) => void,
) => RowIssue | 'filtered' | undefined;

/** A compiled mapping: the row mapper plus counters it keeps. */
export interface CompiledMapping {
  map: RowMapper;
  /** Number of header fields a row must have (CSV), or undefined when rows are not positional. */
  width: number | undefined;
  /** Blank cells of wide tables (unavailable values, no record). */
  blankCells(): number;
  /** Zeros dropped as missing (`zeroAsMissing`) so far. */
  zeroCells(): number;
}

const NUMERIC_TYPES = new Set(['double', 'int', 'ts']);

/** Reads a cell as a finite number: `undefined` for blank, else the number, else a reason string. */
export function cellNumber(v: unknown): number | undefined | string {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN is not allowed';
    if (!Number.isFinite(v)) return `${v} is not allowed (must be finite)`;
    return v;
  }
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return `expected a number, got ${v}`;
  const s = String(v).trim();
  if (s === '') return undefined;
  const n = Number(s);
  if (Number.isNaN(n)) return /^[+-]?nan$/i.test(s) ? 'NaN is not allowed' : `expected a number, got "${s}"`;
  if (!Number.isFinite(n)) return `${s} is not allowed (must be finite)`;
  if (s.length > 1 && (s[1] === 'x' || s[1] === 'X' || s[1] === 'b' || s[1] === 'o')) {
    return `expected a decimal number, got "${s}"`;
  }
  return n;
}

function cellString(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = typeof v === 'string' ? v : String(v);
  return s === '' ? undefined : s;
}

/** FNV-1a over a string, two independent 32-bit lanes, as 16 hex digits (deterministic content ids). */
export function contentHash(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

function pyDictValue(s: string, key: string): unknown {
  const m = new RegExp(`['"]${key}['"]\\s*:\\s*('([^']*)'|"([^"]*)"|[-+0-9.eE]+|True|False|None)`).exec(s);
  if (!m) return undefined;
  if (m[2] !== undefined) return m[2];
  if (m[3] !== undefined) return m[3];
  if (m[1] === 'None') return undefined;
  if (m[1] === 'True' || m[1] === 'False') return m[1] === 'True';
  return Number(m[1]);
}

function applyTemplate(tpl: string, vars: Record<string, string>): string {
  return tpl.replace(/\{(\w+)(?::(id|lower|upper))?\}/g, (_, name: string, fn: string | undefined) => {
    const v = vars[name] ?? '';
    if (fn === 'lower') return v.toLowerCase();
    if (fn === 'upper') return v.toUpperCase();
    if (fn === 'id')
      return v
        .toLowerCase()
        .replace(/[^a-z0-9_.-]+/g, '_')
        .replace(/^_+|_+$/g, '');
    return v;
  });
}

type Getter = (cells: readonly unknown[]) => unknown;

/**
 * Compiles a mapping against a header (CSV header, JSON object keys) or, for positional rows (JSON arrays),
 * against no header. Column references are resolved once here.
 *
 * @throws {InputFileError} when a referenced column is missing from the header.
 */
export function compileMapping(
  mapping: ColumnMapping,
  header: readonly string[] | undefined,
  file: string,
): CompiledMapping {
  const kind = mapping.kind as RecordKind;
  const spec = TABLES[kind];
  const fieldType = new Map(spec.columns.map((c) => [c.field, c.type]));
  if (!isValidTimezone(mapping.time.timezone)) {
    throw new InputFileError(
      file,
      `unknown timezone "${mapping.time.timezone}" (use UTC, +08:00 or an IANA name)`,
    );
  }
  const used = new Set<number>();
  const resolve = (ref: string | number | string[], what: string): number => {
    if (typeof ref === 'number') {
      if (header && ref >= header.length)
        throw new InputFileError(
          file,
          `column index ${ref} (${what}) is beyond the ${header.length} columns`,
        );
      used.add(ref);
      return ref;
    }
    if (!header)
      throw new InputFileError(
        file,
        `rows have no header; refer to column "${String(ref)}" by index (${what})`,
      );
    const names = Array.isArray(ref) ? ref : [ref];
    for (const n of names) {
      const i = header.indexOf(n);
      if (i >= 0) {
        used.add(i);
        return i;
      }
    }
    throw new InputFileError(
      file,
      `column ${names.map((n) => `"${n}"`).join(' or ')} (${what}) not found in header (has: ${header.slice(0, 30).join(', ')}${header.length > 30 ? ', ...' : ''})`,
    );
  };

  const timeIdx = resolve(mapping.time.column, 'time');
  const timeFmt = mapping.time.format as TimeFormat;
  const tz = mapping.time.timezone;
  const timeName =
    typeof mapping.time.column === 'number' ? `column ${mapping.time.column}` : (header?.[timeIdx] ?? 'time');

  // ---- field readers -------------------------------------------------------------------------------------
  interface FieldReader {
    field: string;
    read: (cells: readonly unknown[]) => unknown; // value, undefined (absent) or an Error-like {reason}
  }
  const readers: FieldReader[] = [];
  const bad = (reason: string) => ({ __bad: reason });
  for (const [field, src0] of Object.entries(mapping.fields)) {
    const src: Exclude<FieldSource, string> = typeof src0 === 'string' ? { column: src0 } : src0;
    const type = fieldType.get(field);
    if (!type && field !== 'tsInit') {
      throw new InputFileError(
        file,
        `mapping sets field "${field}" which ${kind} records do not have (fields: ${spec.columns.map((c) => c.field).join(', ')})`,
      );
    }
    let get: Getter;
    if (src.const !== undefined) {
      const c = src.const;
      get = () => c;
    } else if (src.mul) {
      const idx = src.mul.map((m) => resolve(m, field));
      get = (cells) => {
        let p = 1;
        for (const i of idx) {
          const n = cellNumber(cells[i]);
          if (n === undefined) return undefined;
          if (typeof n === 'string') return bad(n);
          p *= n;
        }
        return p;
      };
    } else if (src.column !== undefined) {
      let i: number;
      try {
        i = resolve(src.column, field);
      } catch (err) {
        if (src.optional) continue;
        throw err;
      }
      get = (cells) => cells[i];
    } else {
      throw new InputFileError(file, `mapping of field "${field}" needs column, const or mul`);
    }
    const parse =
      src.parse ??
      (field === 'tsInit'
        ? 'time'
        : type && NUMERIC_TYPES.has(type)
          ? 'number'
          : type === 'bool'
            ? 'bool'
            : 'string');
    const scale = src.scale;
    const map = src.map;
    const key = src.key ?? '';
    const fmt = (src.format ?? 'auto') as TimeFormat;
    const ftz = src.timezone ?? tz;
    const read = (cells: readonly unknown[]): unknown => {
      let v = get(cells);
      if (v !== null && typeof v === 'object' && '__bad' in (v as object)) return v;
      if (map && v !== undefined && v !== null && Object.hasOwn(map, String(v))) v = map[String(v)];
      switch (parse) {
        case 'number':
        case 'int': {
          const n = cellNumber(v);
          if (n === undefined) return undefined;
          if (typeof n === 'string') return bad(n);
          const x = scale !== undefined ? n * scale : n;
          if (parse === 'int' && !Number.isInteger(x)) return bad(`expected an integer, got ${x}`);
          return x;
        }
        case 'uint': {
          if (v === undefined || v === null || v === '') return undefined;
          const s = String(v).trim();
          if (/^[0-9]+$/.test(s)) return s.replace(/^0+(?=\d)/, '');
          const n = cellNumber(s);
          if (typeof n === 'string') return bad(n);
          if (n === undefined) return undefined;
          if (n < 0 || !Number.isInteger(n)) return bad(`expected a non-negative integer amount, got ${s}`);
          return BigInt(n).toString();
        }
        case 'time': {
          if (v === undefined || v === null || v === '') return undefined;
          const t = parseTime(v as string | number, fmt, ftz);
          return t === undefined ? bad(`cannot parse time "${String(v)}" as ${fmt}`) : t;
        }
        case 'bool': {
          if (v === undefined || v === null || v === '') return undefined;
          if (typeof v === 'boolean') return v;
          const s = String(v).toLowerCase();
          if (s === 'true' || s === '1') return true;
          if (s === 'false' || s === '0') return false;
          return bad(`expected true/false, got "${String(v)}"`);
        }
        case 'hexAddress': {
          const s = cellString(v);
          if (s === undefined) return undefined;
          const h = s.startsWith('\\x') ? `0x${s.slice(2)}` : s;
          return /^0x[0-9a-fA-F]*$/.test(h) ? h.toLowerCase() : bad(`expected a hex address, got "${s}"`);
        }
        case 'pyDictKey': {
          const s = cellString(v);
          if (s === undefined) return undefined;
          const x = pyDictValue(s, key);
          if (typeof x === 'number' && scale !== undefined) return x * scale;
          return x;
        }
        case 'deribitUnderlying':
        case 'deribitExpiry':
        case 'deribitStrike':
        case 'deribitType': {
          const s = cellString(v);
          if (s === undefined) return undefined;
          const o = parseDeribitOptionName(s);
          if (!o) return bad(`"${s}" is not a Deribit option name like ETH-26JUN26-3000-C`);
          if (parse === 'deribitUnderlying') return o.underlying;
          if (parse === 'deribitStrike') return o.strike;
          if (parse === 'deribitType') return o.type === 'C' ? 'call' : 'put';
          return o.expiry;
        }
        default: {
          const s = cellString(v);
          return s;
        }
      }
    };
    readers.push({ field, read });
  }

  const filterIdx = mapping.filter ? resolve(mapping.filter.column, 'filter') : -1;
  const filterEq = mapping.filter?.equals ?? '';
  const constants = mapping.constants;
  const idField = mapping.idFromContent;
  const seen = new Map<string, number>();

  // ---- wide layout ---------------------------------------------------------------------------------------
  let wideCols: { idx: number; keys: Record<string, string>; name: string }[] = [];
  let blank = 0;
  const wide = mapping.wide;
  if (wide) {
    if (!header) throw new InputFileError(file, 'a wide mapping needs a header row');
    const names =
      wide.columns ?? header.filter((h, i) => !used.has(i) && !wide.exclude.includes(h) && h !== '');
    const re = wide.pattern ? new RegExp(wide.pattern) : undefined;
    wideCols = names.map((name) => {
      const idx = resolve(name, 'wide value');
      const vars: Record<string, string> = { column: name };
      if (re) {
        const m = re.exec(name);
        if (m?.groups) Object.assign(vars, m.groups);
      }
      const keys: Record<string, string> = {};
      for (const [f, tpl] of Object.entries(wide.key)) keys[f] = applyTemplate(tpl, vars);
      Object.assign(keys, wide.overrides[name] ?? {});
      return { idx, keys, name };
    });
  }
  const wideValue = wide?.value ?? 'value';
  const wideScale = wide?.scale;

  const fastEpochMs = timeFmt === 'epoch_ms';
  const blankFields = new Set(mapping.blankAsUnavailable);
  const zeroFields = new Set(mapping.zeroAsMissing);
  const zeroWide = wide !== undefined && zeroFields.has(wideValue);
  let zeros = 0;
  const map: RowMapper = (cells, emit) => {
    if (filterIdx >= 0 && String(cells[filterIdx] ?? '') !== filterEq) return 'filtered';
    const tv = cells[timeIdx];
    let ts: number | undefined;
    if (fastEpochMs && typeof tv === 'string') {
      const n = Number(tv);
      ts = tv !== '' && Number.isInteger(n) ? n : undefined;
    } else
      ts =
        tv === undefined || tv === null || tv === ''
          ? undefined
          : parseTime(tv as string | number, timeFmt, tz);
    if (ts === undefined) {
      return {
        field: timeName,
        reason:
          tv === undefined || tv === null || tv === ''
            ? 'missing time'
            : `cannot parse time "${String(tv)}" as ${timeFmt}`,
      };
    }
    const base: Record<string, unknown> = { ...constants, tsEvent: ts };
    for (let r = 0; r < readers.length; r++) {
      const v = readers[r].read(cells);
      if (v !== null && typeof v === 'object' && '__bad' in (v as object)) {
        return { field: readers[r].field, reason: (v as { __bad: string }).__bad };
      }
      if (v === 0 && zeroFields.has(readers[r].field)) {
        zeros += 1;
        return undefined;
      }
      if (v !== undefined) base[readers[r].field] = v;
      else if (blankFields.has(readers[r].field)) {
        blank += 1;
        return undefined;
      }
    }
    if (idField && base[idField] === undefined) {
      const h = contentHash(cells.map((c) => String(c ?? '')).join('\u0001'));
      const k = (seen.get(h) ?? 0) + 1;
      seen.set(h, k);
      base[idField] = k === 1 ? `h${h}` : `h${h}-${k}`;
    }
    if (!wide) {
      emit(base);
      return undefined;
    }
    for (const c of wideCols) {
      const n = cellNumber(cells[c.idx]);
      if (n === undefined) {
        blank += 1;
        continue;
      }
      if (typeof n === 'string') return { field: c.name, reason: n };
      if (n === 0 && zeroWide) {
        zeros += 1;
        continue;
      }
      emit({ ...base, ...c.keys, [wideValue]: wideScale !== undefined ? n * wideScale : n });
    }
    return undefined;
  };
  return { map, width: header?.length, blankCells: () => blank, zeroCells: () => zeros };
}
