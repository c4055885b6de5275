import { Rng } from '../../math/rng.js';
import { CALIBRATION_KNOBS, type Scenario, type WorldParams } from './scenario.js';
import { simulateFacts } from './simFacts.js';
import { factsDistance, type StylizedFacts } from './stylizedFacts.js';

/** Options of {@link calibrateWorld}. */
export interface CalibrateOptions {
  /** Simulated days per evaluation. */
  days: number;
  /** Number of world evaluations (after the baseline). */
  budget: number;
  seed: number;
  /** Asset whose hourly facts are matched (the world is reduced to this asset for speed). */
  symbol: string;
  /** Called after each evaluation. */
  onEval?: (i: number, distance: number, best: number) => void;
}

/** Outcome of a calibration: parameters and facts before and after, with their distances to the target. */
export interface CalibrationResult {
  target: StylizedFacts;
  before: { params: Partial<WorldParams>; facts: StylizedFacts; distance: number };
  after: { params: Partial<WorldParams>; facts: StylizedFacts; distance: number };
  evaluations: number;
}

function knobs(p: WorldParams): Partial<WorldParams> {
  const out: Record<string, unknown> = {};
  for (const k of CALIBRATION_KNOBS) out[k.key] = p[k.key];
  return out as Partial<WorldParams>;
}

/**
 * Tunes the world's calibration knobs ({@link CALIBRATION_KNOBS}) to minimise the scaled distance between
 * simulated and target stylized facts: half the budget on random search over the box (log-uniform where
 * marked), the rest on a (1+1) evolution strategy with the 1/5th success rule (Rechenberg, 1973) around the
 * best point. Every evaluation runs the same seed (common random numbers), so differences come from the
 * parameters, not the noise.
 */
export function calibrateWorld(
  scenario: Scenario,
  target: StylizedFacts,
  opts: CalibrateOptions,
): CalibrationResult {
  const base: Scenario = { ...scenario, assets: scenario.assets.filter((a) => a.symbol === opts.symbol) };
  const rng = new Rng(opts.seed).fork('calibrate');
  const evalAt = (params: WorldParams) => {
    const facts = simulateFacts({ ...base, params }, opts.seed, opts.days, opts.symbol);
    const d = factsDistance(facts, target);
    return { facts, distance: Number.isFinite(d) ? d : Number.POSITIVE_INFINITY };
  };
  const toUnit = (p: WorldParams) =>
    CALIBRATION_KNOBS.map((k) =>
      k.log
        ? Math.log((p[k.key] as number) / k.lo) / Math.log(k.hi / k.lo)
        : ((p[k.key] as number) - k.lo) / (k.hi - k.lo),
    );
  const fromUnit = (u: number[]): WorldParams => {
    const p = { ...base.params } as Record<string, unknown>;
    CALIBRATION_KNOBS.forEach((k, i) => {
      const x = Math.min(1, Math.max(0, u[i]));
      p[k.key] = k.log ? k.lo * (k.hi / k.lo) ** x : k.lo + x * (k.hi - k.lo);
    });
    return p as WorldParams;
  };
  const start = evalAt(base.params);
  let bestU = toUnit(base.params);
  let best = start;
  let n = 0;
  const explore = Math.floor(opts.budget / 2);
  for (let i = 0; i < explore; i++) {
    const u = CALIBRATION_KNOBS.map(() => rng.uniform());
    const r = evalAt(fromUnit(u));
    n++;
    if (r.distance < best.distance) {
      best = r;
      bestU = u;
    }
    opts.onEval?.(n, r.distance, best.distance);
  }
  let step = 0.15;
  for (let i = explore; i < opts.budget; i++) {
    const u = bestU.map((x) => Math.min(1, Math.max(0, x + step * rng.normal())));
    const r = evalAt(fromUnit(u));
    n++;
    if (r.distance < best.distance) {
      best = r;
      bestU = u;
      step *= 1.5;
    } else step *= 0.85;
    opts.onEval?.(n, r.distance, best.distance);
  }
  return {
    target,
    before: { params: knobs(base.params), facts: start.facts, distance: start.distance },
    after: { params: knobs(fromUnit(bestU)), facts: best.facts, distance: best.distance },
    evaluations: n + 1,
  };
}
