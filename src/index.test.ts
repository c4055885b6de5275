import { describe, expect, it } from 'vitest';
import * as backtest from './backtest/index.js';
import * as data from './data/index.js';
import * as env from './env/index.js';
import * as execution from './execution/index.js';
import * as factors from './factors/index.js';
import * as api from './index.js';
import * as nn from './nn/index.js';
import * as pipeline from './pipeline/index.js';
import * as report from './report/index.js';
import * as risk from './risk/index.js';
import * as sim from './sim/index.js';

const domainModules: Record<string, Record<string, unknown>> = {
  data,
  factors,
  execution,
  sim,
  env,
  nn,
  backtest,
  risk,
  pipeline,
  report,
};

describe('public API (src/index.ts)', () => {
  it('re-exports every runtime export of every domain index, except names two domains share', () => {
    const byName = new Map<string, string[]>();
    for (const [d, mod] of Object.entries(domainModules)) {
      for (const name of Object.keys(mod)) byName.set(name, [...(byName.get(name) ?? []), d]);
    }
    const missing: string[] = [];
    for (const [d, mod] of Object.entries(domainModules)) {
      for (const [name, value] of Object.entries(mod)) {
        if ((byName.get(name) ?? []).length > 1) continue;
        if ((api as Record<string, unknown>)[name] !== value) missing.push(`${d}:${name}`);
      }
    }
    expect(missing).toEqual([]);
    expect(typeof api.Rng).toBe('function');
  });
});
