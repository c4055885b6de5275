import { describe, expect, it } from 'vitest';
import { InvalidActionError, ResetNeededError } from '../errors/env.js';
import { checkEnv } from './checkEnv.js';
import { CartPoleEnv } from './classic/cartPole.js';
import { PendulumEnv } from './classic/pendulum.js';
import { VectorEnv } from './vectorEnv.js';
import { FrameStack } from './wrappers/frameStack.js';
import { NormalizeObservation } from './wrappers/normalizeObservation.js';
import { NormalizeReward } from './wrappers/normalizeReward.js';
import { RecordEpisodeStatistics } from './wrappers/recordEpisodeStatistics.js';
import { TimeLimit } from './wrappers/timeLimit.js';

const cartPole = (limit = 500) => new TimeLimit(new CartPoleEnv(), limit);

describe('Env contract', () => {
  it('step before reset and after the end throws; bad actions are rejected', () => {
    const env = new CartPoleEnv();
    expect(() => env.step(0)).toThrow(ResetNeededError);
    env.reset({ options: { state: [0, 0, 0, 0] } });
    expect(() => env.step(2)).toThrow(InvalidActionError);
    for (let i = 0; i < 9; i++) env.step(1);
    expect(() => env.step(1)).toThrow(ResetNeededError);
  });

  it('CartPole and Pendulum pass checkEnv', () => {
    expect(checkEnv(() => cartPole()).passed).toBe(true);
    expect(checkEnv(() => new TimeLimit(new PendulumEnv(), 200)).passed).toBe(true);
  });
});

describe('wrappers', () => {
  it('TimeLimit truncates (not terminates) after N steps', () => {
    const env = new TimeLimit(new PendulumEnv(), 3);
    env.reset({ seed: 1 });
    const a = Float32Array.of(0);
    expect(env.step(a)[3]).toBe(false);
    expect(env.step(a)[3]).toBe(false);
    const r = env.step(a);
    expect(r[2]).toBe(false);
    expect(r[3]).toBe(true);
  });

  it('RecordEpisodeStatistics reports return and length at the end', () => {
    const env = new RecordEpisodeStatistics(new CartPoleEnv());
    env.reset({ options: { state: [0, 0, 0, 0] } });
    let info: Record<string, unknown> = {};
    for (let i = 0; i < 9; i++) info = env.step(1)[4];
    expect(info.episode).toEqual({ r: 9, l: 9 });
    expect(env.returnQueue).toEqual([9]);
  });

  it('NormalizeObservation tracks the running mean and variance exactly', () => {
    const env = new NormalizeObservation(new PendulumEnv());
    const [o0] = env.reset({ seed: 4 });
    expect(o0.length).toBe(3);
    const raw: Float32Array[] = [];
    const inner = env.env as PendulumEnv;
    raw.push(Float32Array.of(Math.cos(inner.state[0]), Math.sin(inner.state[0]), inner.state[1]));
    for (let i = 0; i < 20; i++) {
      env.step(Float32Array.of(1));
      raw.push(Float32Array.of(Math.cos(inner.state[0]), Math.sin(inner.state[0]), inner.state[1]));
    }
    // With count starting at 1e-4 (var 1, mean 0), the running mean is sum(x) / (n + 1e-4).
    const n = raw.length;
    const mean = [0, 1, 2].map((j) => raw.reduce((s, x) => s + x[j], 0) / (n + 1e-4));
    for (let j = 0; j < 3; j++) expect(env.rms.mean[j]).toBeCloseTo(mean[j], 6);
    const last = raw[n - 1];
    const obs = env.step(Float32Array.of(1))[0];
    expect(Number.isFinite(obs[0])).toBe(true);
    expect(env.rms.count).toBeCloseTo(n + 1 + 1e-4, 9);
    expect(last.length).toBe(3);
  });

  it('NormalizeReward divides by the std of the discounted return; scale mode multiplies', () => {
    const env = new NormalizeReward(new CartPoleEnv(), 0.5);
    env.reset({ options: { state: [0, 0, 0, 0] } });
    const r1 = env.step(1)[1];
    // G1 = 1; rms after one update: mean = 1/(1+1e-4), var = (1e-4 + (1)^2 * 1e-4/(1+1e-4)) / (1+1e-4).
    const c = 1e-4;
    const v = (1 * c + (1 * c) / (c + 1)) / (c + 1);
    expect(r1).toBeCloseTo(1 / Math.sqrt(v + 1e-8), 6);
    const scaled = new NormalizeReward(new CartPoleEnv(), 0.99, 1e-8, 0.1);
    scaled.reset();
    expect(scaled.step(0)[1]).toBeCloseTo(0.1, 12);
  });

  it('FrameStack keeps the last k frames, oldest first, padded with the reset frame', () => {
    const env = new FrameStack(new CartPoleEnv(), 3);
    const inner = env.env as CartPoleEnv;
    const [o0] = env.reset({ options: { state: [0.01, 0.02, 0.03, 0.04] } });
    expect(env.observationSpace.shape).toEqual([3, 4]);
    const f0 = Array.from(o0.subarray(8, 12));
    expect(Array.from(o0.subarray(0, 4))).toEqual(f0);
    const frames = [f0];
    for (let i = 0; i < 5; i++) {
      const o = env.step(i % 2)[0];
      frames.push(Array.from(Float32Array.from(inner.state)));
      const want = frames.slice(-3);
      while (want.length < 3) want.unshift(frames[0]);
      expect(Array.from(o)).toEqual(want.flat());
    }
  });
});

describe('VectorEnv autoreset modes (Gymnasium 1.x semantics)', () => {
  const run = (mode: 'next-step' | 'same-step' | 'disabled') => {
    const vec = new VectorEnv(() => new CartPoleEnv(), 2, { autoresetMode: mode });
    vec.reset({ seed: 0, options: { state: [0, 0, 0, 0] } });
    return vec;
  };

  it('next-step: the step after an ending resets with reward 0 and flags false', () => {
    const vec = run('next-step');
    const actions = new Int32Array(2).fill(1);
    for (let i = 0; i < 8; i++) vec.step(actions);
    const [obs, rew, term] = vec.step(actions);
    expect(Array.from(term)).toEqual([1, 1]);
    expect(Math.abs((obs as Float32Array)[2])).toBeGreaterThan(0.2);
    expect(rew[0]).toBe(1);
    const [obs2, rew2, term2, trunc2] = vec.step(actions);
    expect(Array.from(rew2)).toEqual([0, 0]);
    expect(Array.from(term2)).toEqual([0, 0]);
    expect(Array.from(trunc2)).toEqual([0, 0]);
    expect(Math.abs((obs2 as Float32Array)[2])).toBeLessThanOrEqual(0.05);
  });

  it('same-step: the ending step returns the reset obs and keeps the final obs aside', () => {
    const vec = run('same-step');
    const actions = new Int32Array(2).fill(1);
    for (let i = 0; i < 8; i++) vec.step(actions);
    const [obs, rew, term, , info] = vec.step(actions);
    expect(Array.from(term)).toEqual([1, 1]);
    expect(Array.from(rew)).toEqual([1, 1]);
    expect(Array.from(info.finalMask)).toEqual([1, 1]);
    expect(Math.abs((info.finalObservations as Float32Array)[2])).toBeGreaterThan(0.2);
    expect(Math.abs((obs as Float32Array)[2])).toBeLessThanOrEqual(0.05);
  });

  it('same-step in list mode keeps a copy of the final observation', () => {
    const vec = new VectorEnv(() => new CartPoleEnv(), 2, {
      autoresetMode: 'same-step',
      observationMode: 'list',
    });
    vec.reset({ seed: 0, options: { state: [0, 0, 0, 0] } });
    const actions = new Int32Array(2).fill(1);
    for (let i = 0; i < 8; i++) vec.step(actions);
    const [obs, , term, , info] = vec.step(actions);
    expect(Array.from(term)).toEqual([1, 1]);
    const final = info.finalObservationList[0] as Float32Array;
    expect(Math.abs(final[2])).toBeGreaterThan(0.2);
    expect(Math.abs((obs as Float32Array[])[0][2])).toBeLessThanOrEqual(0.05);
  });

  it('disabled: stepping a finished copy throws until it is reset by mask', () => {
    const vec = run('disabled');
    const actions = new Int32Array(2).fill(1);
    for (let i = 0; i < 9; i++) vec.step(actions);
    expect(() => vec.step(actions)).toThrow(ResetNeededError);
    vec.reset({ options: { resetMask: [1, 1] } });
    expect(() => vec.step(actions)).not.toThrow();
  });

  it('copy i is seeded with seed + i', () => {
    const vec = new VectorEnv(() => new CartPoleEnv(), 3);
    const [obs] = vec.reset({ seed: 10 });
    const single = new CartPoleEnv();
    const [o] = single.reset({ seed: 12 });
    expect(Array.from((obs as Float32Array).subarray(8, 12))).toEqual(Array.from(o));
  });
});
