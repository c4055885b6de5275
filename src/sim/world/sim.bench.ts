import type { Benchmark } from '../../../bench/runner.js';
import { CountingSink } from '../population/recordSink.js';
import { loadScenario } from './scenario.js';
import { World } from './world.js';

/**
 * `npm run bench -- sim [--days 2]`: simulated days per second of the default world (3 assets, 2 CEXs,
 * 1 DEX, lending, perps, ~2,100 agents), every record kind produced (counted, not stored).
 * Goal: a simulated year in under 5 minutes on one core (>= 1.22 days/s).
 */
export const benchmark: Benchmark = {
  name: 'sim',
  description: 'default world simulated days per second (3 assets, ~2,100 agents)',
  async run({ args, log }) {
    const days = Number(args.days ?? 2);
    const sink = new CountingSink();
    const world = new World(loadScenario('default'), Number(args.seed ?? 1), sink);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    world.runDays(days, (d) => log(`day ${d}`));
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSec = (cpu.user + cpu.system) / 1e6;
    const records = Object.values(sink.counts).reduce((a, b) => a + (b ?? 0), 0);
    return {
      simDaysPerSec: days / wall,
      simDaysPerCpuSec: days / cpuSec,
      wallSeconds: wall,
      agents: world.agentCount,
      records,
      recordKinds: Object.keys(sink.counts).length,
      yearMinutesWall: 365 / (days / wall) / 60,
      yearMinutesCpu: 365 / (days / cpuSec) / 60,
    };
  },
};
