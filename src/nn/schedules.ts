import { NnConfigError } from '../errors/nn.js';

/**
 * Learning-rate schedule, a multiplier of the base rate as a function of the optimizer step (0-based):
 * - `constant`: 1.
 * - `warmup`: linear ramp from 1/warmupSteps to 1 over `warmupSteps` (Goyal et al., 2017), then 1.
 * - `cosine`: optional linear warmup, then cosine decay from 1 to `minFactor` at `totalSteps`
 *   (Loshchilov and Hutter, 2017, SGDR without restarts).
 * - `step`: multiplied by `gamma` every `stepSize` steps.
 */
export type LrSchedule =
  | { kind: 'constant' }
  | { kind: 'warmup'; warmupSteps: number }
  | { kind: 'cosine'; totalSteps: number; warmupSteps?: number; minFactor?: number }
  | { kind: 'step'; stepSize: number; gamma: number };

/**
 * Checks a schedule's fields.
 * @throws NnConfigError naming the bad field.
 */
export function validateSchedule(s: LrSchedule): LrSchedule {
  const bad = (field: string, why: string) => new NnConfigError('LrSchedule', field, why);
  const posInt = (field: string, v: unknown) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
      throw bad(field, `must be an integer >= 1, got ${String(v)}`);
  };
  switch (s.kind) {
    case 'constant':
      return s;
    case 'warmup':
      posInt('warmupSteps', s.warmupSteps);
      return s;
    case 'cosine':
      posInt('totalSteps', s.totalSteps);
      if (s.warmupSteps !== undefined && (s.warmupSteps < 0 || s.warmupSteps >= s.totalSteps))
        throw bad('warmupSteps', `must be in [0, totalSteps), got ${s.warmupSteps}`);
      if (s.minFactor !== undefined && !(s.minFactor >= 0 && s.minFactor <= 1))
        throw bad('minFactor', `must be in [0, 1], got ${s.minFactor}`);
      return s;
    case 'step':
      posInt('stepSize', s.stepSize);
      if (!(s.gamma > 0 && s.gamma <= 1)) throw bad('gamma', `must be in (0, 1], got ${s.gamma}`);
      return s;
    default:
      throw bad('kind', `unknown schedule ${JSON.stringify(s)}`);
  }
}

/** Multiplier of the base learning rate at optimizer step `step` (0-based). */
export function scheduleFactor(s: LrSchedule, step: number): number {
  switch (s.kind) {
    case 'constant':
      return 1;
    case 'warmup':
      return step < s.warmupSteps ? (step + 1) / s.warmupSteps : 1;
    case 'cosine': {
      const w = s.warmupSteps ?? 0;
      if (step < w) return (step + 1) / w;
      const min = s.minFactor ?? 0;
      const p = Math.min(1, (step - w) / Math.max(1, s.totalSteps - w));
      return min + (1 - min) * 0.5 * (1 + Math.cos(Math.PI * p));
    }
    case 'step':
      return s.gamma ** Math.floor(step / s.stepSize);
  }
}
