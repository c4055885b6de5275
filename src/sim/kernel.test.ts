import { describe, expect, it } from 'vitest';
import { EventQueue } from './eventQueue.js';
import { Kernel, PairLatency, type SimAgent } from './kernel.js';
import { Rng } from '../math/rng.js';

describe('EventQueue', () => {
  it('pops by time, ties in insertion order', () => {
    const q = new EventQueue<number>(2);
    const rng = new Rng(1);
    const ref: [number, number][] = [];
    for (let i = 0; i < 500; i++) {
      const t = rng.int(50);
      q.push(t, i);
      ref.push([t, i]);
    }
    ref.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const got: number[] = [];
    while (q.size) got.push(q.pop() as number);
    expect(got).toEqual(ref.map((r) => r[1]));
  });
});

describe('Kernel', () => {
  it('delivers wake-ups and messages with per-pair latency, deterministically', () => {
    const run = () => {
      const lat = new PairLatency(1000).set(0, 1, 5000);
      const k = new Kernel({ seed: 3, startMs: 0, latency: lat });
      const log: string[] = [];
      const a: SimAgent = {
        name: 'a',
        onStart: (kk, me) => kk.wakeAt(me.id, 10),
        onWakeup: (kk, me, t) => {
          log.push(`a wake ${t} ${me.rng.int(100)}`);
          kk.send(me.id, 1, 'hi');
          kk.send(me.id, 2, 'yo');
        },
      };
      const b: SimAgent = {
        name: 'b',
        onMessage: (kk, me, from, msg, t) => {
          log.push(`b got ${String(msg)} from ${from} at ${t}`);
          kk.send(me.id, from, 'ack');
        },
      };
      const c: SimAgent = {
        name: 'c',
        onMessage: (_k, _m, from, msg, t) => log.push(`c ${String(msg)} ${from} ${t}`),
      };
      k.addAgent(a);
      k.addAgent(b);
      k.addAgent(c);
      a.onMessage = (_k, _m, from, msg, t) => log.push(`a got ${String(msg)} from ${from} at ${t}`);
      k.run(1_000_000);
      return log;
    };
    const log = run();
    expect(log.slice(1)).toEqual(['c yo 0 1010', 'b got hi from 0 at 5010', 'a got ack from 1 at 6010']);
    expect(run()).toEqual(log);
  });

  it('adds the sender compute delay to message latency', () => {
    const k = new Kernel({ seed: 1, startMs: 0, latency: new PairLatency(1000) });
    const got: number[] = [];
    const a = k.addAgent({ name: 'a', onStart: (kk, me) => kk.send(me.id, 1, 'x') });
    k.addAgent({ name: 'b', onMessage: (_k, _m, _f, _msg, t) => got.push(t) });
    k.setComputeDelay(a.id, 250);
    k.run();
    expect(got).toEqual([1250]);
    expect(() => k.setComputeDelay(a.id, -1)).toThrow(/>= 0/);
  });

  it('per-agent random streams do not depend on other agents', () => {
    const k1 = new Kernel({ seed: 9, startMs: 0 });
    const x1 = k1.addAgent({ name: 'x' });
    const k2 = new Kernel({ seed: 9, startMs: 0 });
    k2.addAgent({ name: 'extra' });
    const x2 = k2.addAgent({ name: 'x' });
    expect(x1.rng.uniform()).toBe(x2.rng.uniform());
  });

  it('rejects scheduling in the past and fractional ns', () => {
    const k = new Kernel({ seed: 1, startMs: 0 });
    const h = k.addAgent({ name: 'a' });
    k.run(100);
    expect(() => k.wakeAt(h.id, 50)).toThrow(/before now/);
    expect(() => k.wakeAt(h.id, 150.5)).toThrow(/integer ns/);
    expect(() => k.wakeAt(99, 200)).toThrow(/unknown agent/);
  });
});
