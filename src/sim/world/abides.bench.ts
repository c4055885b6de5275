import type { Benchmark } from '../../../bench/runner.js';
import { runRmsc04 } from '../population/rmsc04.js';

/** ABIDES RMSC04 reference figures for one 09:30-16:00 day on this class of machine (issue 8). */
const ABIDES = { wallSeconds: 19, orders: 31_633, fills: 18_730 };

/**
 * `npm run bench -- abides`: an RMSC04-like day (1 exchange, 1 symbol, 1,000 noise, 102 value, 2 adaptive
 * market makers, 12 momentum agents) timed end to end. Goal: under 0.2 s (100x ABIDES's ~19 s).
 */
export const benchmark: Benchmark = {
  name: 'abides',
  description: 'RMSC04-like trading day (1,116 agents), wall time vs ABIDES ~19 s',
  async run({ args, log }) {
    const seed = Number(args.seed ?? 1);
    runRmsc04({ seed: seed + 1000 }); // warm-up (JIT)
    const reps = Number(args.reps ?? 5);
    let best = Number.POSITIVE_INFINITY;
    let res = runRmsc04({ seed });
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      res = runRmsc04({ seed });
      best = Math.min(best, (performance.now() - t0) / 1000);
    }
    log(`best of ${reps}: ${best.toFixed(3)} s, ${res.orders} orders, ${res.fills} fills`);
    return {
      wallSeconds: best,
      eventsPerSec: res.events / best,
      orders: res.orders,
      fills: res.fills,
      cancels: res.cancels,
      ordersPerSec: res.orders / best,
      fillsPerSec: res.fills / best,
      abidesWallSeconds: ABIDES.wallSeconds,
      abidesOrders: ABIDES.orders,
      abidesFills: ABIDES.fills,
      speedupVsAbides: ABIDES.wallSeconds / best,
    };
  },
};
