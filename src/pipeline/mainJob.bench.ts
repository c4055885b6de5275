import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benchmark } from '../../bench/runner.js';
import { Store } from '../data/store.js';
import { runMainJob } from './mainJob.js';

/**
 * `npm run bench -- main-job [--world sim|sample] [--days N] [--hours N] [--json]`: wall and process CPU time of
 * the main job into an in-memory store, per stage. Default: the simulated default world for 45 days (what
 * `npm start` runs); `--world sample` the built-in sample (default 2160 h). Goal: about a minute.
 */
export const benchmark: Benchmark = {
  name: 'main-job',
  description:
    'the main job (simulated world or sample -> factors -> walk-forward backtests -> risk) on the built-in default (s)',
  async run({ args, log }) {
    const source = args.world === 'sample' ? 'sample' : 'sim';
    const hours = Number(args.hours ?? 24 * 90);
    const days = Number(args.days ?? 45);
    const dir = mkdtempSync(join(tmpdir(), 'cwm-bench-mainjob-'));
    const store = await Store.open(':memory:');
    try {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const out = await runMainJob({
        store,
        outDir: dir,
        source,
        days,
        hours,
        onProgress: (e) => {
          if (e.done === 0) log(`${e.stage}${e.detail ? `: ${e.detail}` : ''}`);
        },
      });
      const wallMs = performance.now() - t0;
      const c = process.cpuUsage(cpu0);
      return {
        benchmark: 'main-job',
        source,
        ...(source === 'sim' ? { days } : { hours }),
        wallSeconds: Math.round(wallMs) / 1000,
        cpuSeconds: Math.round((c.user + c.system) / 1000) / 1000,
        ...Object.fromEntries(Object.entries(out.timingsMs).map(([k, v]) => [`${k}Ms`, v])),
        factorsComputed: out.results.factors.computed,
        strategies: out.results.backtest.strategies.length,
        goalSeconds: 60,
      };
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
