/**
 * How a time column is written:
 * - `epoch_ms` / `epoch_s`: numbers since 1970-01-01 UTC;
 * - `iso`: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.ffffff]]`, `T` separator, optional `Z` or `±HH:MM` offset;
 *   also `YYYY.M.D` and `YYYY/MM/DD H:MM` (no zero padding needed);
 * - `mdy`: `M/D/YYYY[ H:MM[:SS]]` (US order);
 * - `auto`: a number is epoch (µs when > 1e14, ms when > 1e11, else s); anything else is tried as `iso`, then `mdy`.
 */
export type TimeFormat = 'epoch_ms' | 'epoch_s' | 'iso' | 'mdy' | 'auto';

const YMD =
  /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const MDY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Offset of IANA zone `tz` from UTC at UTC instant `utcMs`, in ms (uses the platform's Intl tz database). */
function zoneOffsetMs(tz: string, utcMs: number): number {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(utcMs)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * Converts a wall-clock time in `timezone` to UTC epoch ms. `timezone` is `UTC` (default), a fixed offset
 * (`+08:00`, `-0500`) or an IANA name (`America/New_York`, DST handled by Intl).
 */
export function wallTimeToUtc(wallMs: number, timezone: string): number {
  if (timezone === 'UTC' || timezone === 'Z') return wallMs;
  const fixed = /^([+-])(\d{2}):?(\d{2})?$/.exec(timezone);
  if (fixed) {
    const off = (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) * 60_000;
    return fixed[1] === '+' ? wallMs - off : wallMs + off;
  }
  // Two passes settle the offset around DST changes.
  let guess = wallMs - zoneOffsetMs(timezone, wallMs);
  guess = wallMs - zoneOffsetMs(timezone, guess);
  return guess;
}

/** True when `timezone` is UTC, a fixed offset or an IANA zone Intl knows. */
export function isValidTimezone(timezone: string): boolean {
  if (timezone === 'UTC' || timezone === 'Z' || /^[+-]\d{2}:?(\d{2})?$/.test(timezone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

function checkRange(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return false;
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= dim;
}

/**
 * Parses a time value to UTC epoch milliseconds, or returns `undefined` when it does not match `format`
 * (the caller reports file, line and field). An explicit offset in the text wins over `timezone`.
 * Sub-millisecond digits are truncated.
 */
export function parseTime(value: string | number, format: TimeFormat, timezone = 'UTC'): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    if (format === 'epoch_s') return Math.round(value * 1000);
    if (format === 'epoch_ms') return Math.round(value);
    if (format === 'auto') {
      const a = Math.abs(value);
      if (a > 1e14) return Math.round(value / 1000); // microseconds (Binance spot files since 2025)
      return a > 1e11 ? Math.round(value) : Math.round(value * 1000);
    }
    return undefined;
  }
  const s = value.trim();
  if (s === '') return undefined;
  if (format === 'epoch_ms' || format === 'epoch_s' || (format === 'auto' && /^-?\d+(\.\d+)?$/.test(s))) {
    if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
    return parseTime(Number(s), format);
  }
  if (format === 'iso' || format === 'auto') {
    const m = YMD.exec(s);
    if (m) {
      const y = Number(m[1]);
      const mo = Number(m[2]);
      const d = Number(m[3]);
      const h = m[4] ? Number(m[4]) : 0;
      const mi = m[5] ? Number(m[5]) : 0;
      const sec = m[6] ? Number(m[6]) : 0;
      if (!checkRange(y, mo, d, h, mi, sec)) return undefined;
      const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
      const wall = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
      const tz = m[8];
      if (tz) return wallTimeToUtc(wall, tz === 'Z' ? 'UTC' : tz.length === 3 ? `${tz}:00` : tz);
      return wallTimeToUtc(wall, timezone);
    }
    if (format === 'iso') return undefined;
  }
  const m = MDY.exec(s);
  if (!m) return undefined;
  const mo = Number(m[1]);
  const d = Number(m[2]);
  const y = Number(m[3]);
  const h = m[4] ? Number(m[4]) : 0;
  const mi = m[5] ? Number(m[5]) : 0;
  const sec = m[6] ? Number(m[6]) : 0;
  if (!checkRange(y, mo, d, h, mi, sec)) return undefined;
  return wallTimeToUtc(Date.UTC(y, mo - 1, d, h, mi, sec), timezone);
}
