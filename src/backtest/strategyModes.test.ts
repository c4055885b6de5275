import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaViolationError } from '../errors/data.js';
import { readOhlcvCsv } from './loadBars.js';
import { runBacktest } from './runBacktest.js';
import { makeStrategy } from './strategies.js';
import { signalStrategy, type Strategy } from './strategy.js';
import { syntheticPanel } from './testPanel.js';

describe('strategy modes', () => {
  const panel = syntheticPanel(2, 120, 17);

  it('orders mode trades base-unit quantities through the same execution path', () => {
    const s: Strategy = {
      name: 'ladder',
      warmup: 1,
      orders(view, submit) {
        if (view.t % 10 === 0) submit(0, 1);
      },
    };
    const r = runBacktest(panel, s);
    expect(r.fills).toBe(12); // decisions at t = 0, 10, ..., 110, each filled one bar later
    expect(r.positions[0]).toBe(12);
    expect(r.attribution.residual / r.initialCash).toBeCloseTo(0, 10);
  });

  it('signal mode maps signals to weights / N', () => {
    const s = signalStrategy('momentum', 6, (v, a) => Math.sign(v.close(a) - v.close(a, 5)));
    const r = runBacktest(panel, s, { execution: { allowShort: true, maxGrossLeverage: 1 } });
    expect(r.fills).toBeGreaterThan(5);
    expect(Math.abs(r.positions[0] * panel.close[0][119]) / r.equity[119]).toBeLessThanOrEqual(0.55);
  });

  it('makeStrategy rejects unknown names and bad parameters', () => {
    expect(() => makeStrategy('nope')).toThrow(/unknown strategy/);
    expect(() => makeStrategy('ma-crossover', { fast: 50, slow: 10 })).toThrow(/fast/);
  });

  it('readOhlcvCsv names the line and field of a bad value', () => {
    const f = join(tmpdir(), `cwm-bad-${process.pid}.csv`);
    writeFileSync(
      f,
      'timestamp,open,high,low,close,volume\n2020-01-01,1,2,0.5,1.5,10\n2020-01-02,1,2,0.5,abc,10\n',
    );
    expect(() => readOhlcvCsv(f)).toThrow(SchemaViolationError);
    expect(() => readOhlcvCsv(f)).toThrow(/line 3.*close/);
  });
});
