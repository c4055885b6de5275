import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors/base.js';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives defaults, reads JSON and YAML, keeps unknown sections, rejects bad values by key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwm-cfg-'));
    try {
      expect(loadConfig()).toMatchObject({
        seed: 42,
        sample: { hours: 2160, start: '2024-01-01', enabled: true },
        ingest: [],
      });
      const j = join(dir, 'c.json');
      writeFileSync(
        j,
        JSON.stringify({ seed: 3, factors: { window: 30 }, ingest: [{ file: 'a.csv', kind: 'bars' }] }),
      );
      const c = loadConfig(j);
      expect(c.seed).toBe(3);
      expect((c as Record<string, unknown>).factors).toEqual({ window: 30 });
      expect(c.ingest[0]).toMatchObject({ mode: 'strict', set: {} });
      const y = join(dir, 'c.yaml');
      writeFileSync(y, 'sample:\n  hours: 10\n  bogus: 1\n');
      expect(() => loadConfig(y)).toThrow(UsageError);
      expect(() => loadConfig(y)).toThrow(/sample/);
      writeFileSync(y, 'ingest:\n  - file: x.csv\n    kind: nonsense\n');
      expect(() => loadConfig(y)).toThrow(/ingest\.0\.kind/);
      writeFileSync(y, 'seed: [1,');
      expect(() => loadConfig(y)).toThrow(/not valid YAML/);
      expect(() => loadConfig(join(dir, 'missing.yaml'))).toThrow(/not found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
