import { describe, expect, it } from 'vitest';
import { SchemaViolationError } from '../errors/data.js';
import { createFrame, getColumn, truncateFrame, upperBound } from './frame.js';

describe('Frame', () => {
  const ts = new Float64Array([1, 2, 3, 4]);
  const f = createFrame(ts, { close: new Float64Array([10, 11, 12, 13]) });

  it('rejects unequal lengths and non-increasing timestamps', () => {
    expect(() => createFrame(ts, { a: new Float64Array(3) })).toThrow(SchemaViolationError);
    expect(() => createFrame(new Float64Array([1, 1]), {})).toThrow(/strictly increase/);
  });

  it('truncates at t inclusively', () => {
    const t = truncateFrame(f, 2.5);
    expect(Array.from(t.ts)).toEqual([1, 2]);
    expect(Array.from(getColumn(t, 'close'))).toEqual([10, 11]);
    expect(upperBound(ts, 4)).toBe(4);
    expect(upperBound(ts, 0)).toBe(0);
  });

  it('names the missing column', () => {
    expect(() => getColumn(f, 'volume')).toThrow(/no column "volume".*close/);
  });
});
