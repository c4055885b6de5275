import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../errors/simWorld.js';
import { CountingSink } from '../population/recordSink.js';
import { BUILTIN_SCENARIOS, loadScenario, parseScenario } from './scenario.js';
import { World } from './world.js';

describe('scenarios', () => {
  it('every built-in scenario validates and runs an hour', () => {
    for (const name of Object.keys(BUILTIN_SCENARIOS)) {
      const sc = loadScenario(name);
      expect(sc.name).toBe(name);
      const small = {
        ...sc,
        population: { ...sc.population, noise: 10, retail: 5, value: 4, leveraged: 5, borrowers: 5 },
      };
      const sink = new CountingSink();
      new World(small, 1, sink).runDays(1 / 24);
      expect(sink.counts.bars).toBeGreaterThan(0);
    }
  });

  it('rejects bad fields with a typed error naming the field', () => {
    expect(() =>
      parseScenario({ name: 'x', assets: [{ symbol: 'btc', price: 1, chain: 'bitcoin' }] }),
    ).toThrow(ScenarioError);
    try {
      parseScenario({ name: 'x', shocks: [{ kind: 'rate', day: -1, bps: 50 }] });
      expect.unreachable();
    } catch (err) {
      expect((err as ScenarioError).field).toBe('shocks.0.day');
    }
    expect(() => loadScenario('no-such-scenario')).toThrow(/unknown scenario "no-such-scenario"/);
  });

  it('loads a user scenario from YAML', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwm-scn-'));
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, 'name: mine\nshocks:\n  - kind: rate\n    day: 1\n    bps: 50\n');
    const sc = loadScenario(file);
    expect(sc.shocks).toEqual([{ kind: 'rate', day: 1, bps: 50 }]);
    expect(sc.assets.map((a) => a.symbol)).toEqual(['BTC', 'ETH', 'SOL']);
  });
});
