import { describe, expect, it } from 'vitest';
import { CartPoleEnv } from './cartPole.js';
import { PendulumEnv } from './pendulum.js';

describe('CartPole-v1 (Gymnasium reference trajectories)', () => {
  it('from (0.01, 0.02, 0.03, 0.04) with actions [1,0,1,1,0] reaches the reference state', () => {
    const env = new CartPoleEnv();
    env.reset({ options: { state: [0.01, 0.02, 0.03, 0.04] } });
    for (const a of [1, 0, 1, 1, 0]) env.step(a);
    const ref = [0.02752556, 0.21316264, 0.01243309, -0.20950153];
    for (let i = 0; i < 4; i++) expect(env.state[i]).toBeCloseTo(ref[i], 7);
  });

  it('always pushing right from the zero state terminates after 9 steps', () => {
    const env = new CartPoleEnv();
    env.reset({ options: { state: [0, 0, 0, 0] } });
    let steps = 0;
    let done = false;
    while (!done) {
      const [, reward, terminated] = env.step(1);
      expect(reward).toBe(1);
      done = terminated;
      steps++;
      if (steps > 50) break;
    }
    expect(steps).toBe(9);
  });
});

describe('Pendulum-v1 (Gymnasium reference trajectory)', () => {
  it('from (pi, 0) with torque +2 for 3 steps reaches the reference state and reward sum', () => {
    const env = new PendulumEnv();
    env.reset({ options: { state: [Math.PI, 0] } });
    let sum = 0;
    for (let i = 0; i < 3; i++) sum += env.step(Float32Array.of(2))[1];
    expect(Math.abs(env.state[0] - 3.22880184)).toBeLessThan(1e-6);
    expect(Math.abs(env.state[1] - 0.85543325)).toBeLessThan(1e-6);
    expect(Math.abs(sum - -29.29321864)).toBeLessThan(1e-6);
  });

  it('clips torque beyond +-2 (a torque of 5 acts like 2)', () => {
    const a = new PendulumEnv();
    const b = new PendulumEnv();
    a.reset({ options: { state: [1, 0.5] } });
    b.reset({ options: { state: [1, 0.5] } });
    expect(a.step(Float32Array.of(5))[1]).toBe(b.step(Float32Array.of(2))[1]);
    expect(a.state[0]).toBe(b.state[0]);
  });
});
