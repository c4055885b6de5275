import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { measurePortfolioVector, measureTradingSingle } from './envThroughput.js';

const THROUGHPUT_URL = new URL('./envThroughput.ts', import.meta.url).href;

/** Runs `measurePortfolioVector` in a worker thread (tsx registered inside the worker). */
function inWorker(numEnvs: number, durationMs: number, seed: number): Promise<number> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const { register } = await import('tsx/esm/api');
      register();
      const m = await import(workerData.url);
      const r = m.measurePortfolioVector({ numEnvs: workerData.numEnvs, durationMs: workerData.durationMs, seed: workerData.seed });
      parentPort.postMessage(r.stepsPerSec);
    })().catch((e) => { parentPort.postMessage({ error: String(e && e.stack || e) }); });
  `;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, {
      eval: true,
      workerData: { url: THROUGHPUT_URL, numEnvs, durationMs, seed },
    });
    w.once('message', (m) => {
      void w.terminate();
      if (typeof m === 'number') resolve(m);
      else reject(new Error((m as { error: string }).error));
    });
    w.once('error', reject);
  });
}

/**
 * `npm run bench -- env`: PortfolioEnv (10 assets, 64 factors, history 32) in VectorEnv copies and a single
 * TradingEnv, env steps per second. `vectorStepsPerSec` is 64 copies split over worker threads (one per
 * core, each a VectorEnv of 64 / workers copies, zero-copy observations); the one-thread and batched
 * (observations copied into contiguous arrays) figures are reported beside it.
 */
export const benchmark = {
  name: 'env',
  description:
    'environment steps/s: PortfolioEnv x64 VectorEnv (10 assets, 64 factors, history 32) and single TradingEnv',
  // Shaped like `Benchmark` in bench/runner.ts (not imported: src/architecture.test.ts forbids imports out of src).
  async run({
    args,
    log,
  }: {
    json: boolean;
    args: Record<string, string>;
    log: (msg: string) => void;
  }): Promise<Record<string, number | string | boolean | null>> {
    const durationMs = Number(args.duration ?? 2000);
    const workers = Math.max(1, Math.min(Number(args.workers ?? availableParallelism()), 64));
    log(`single TradingEnv for ${durationMs} ms`);
    const single = measureTradingSingle(durationMs);
    log('PortfolioEnv x64 VectorEnv, one thread, zero-copy observations');
    const oneThread = measurePortfolioVector({ numEnvs: 64, durationMs });
    log('PortfolioEnv x64 VectorEnv, one thread, batched (copied) observations');
    const batched = measurePortfolioVector({
      numEnvs: 64,
      durationMs: durationMs / 2,
      observationMode: 'batched',
    });
    log(`PortfolioEnv x64 over ${workers} worker threads`);
    const rates = await Promise.all(
      Array.from({ length: workers }, (_, i) =>
        inWorker(Math.floor(64 / workers) + (i < 64 % workers ? 1 : 0), durationMs, 1 + i),
      ),
    );
    const vector = rates.reduce((s, r) => s + r, 0);
    return {
      vectorStepsPerSec: Math.round(vector),
      singleStepsPerSec: Math.round(single.stepsPerSec),
      vectorOneThreadStepsPerSec: Math.round(oneThread.stepsPerSec),
      // Per CPU second (robust to other load on the machine); x2 estimates an idle 2-core machine.
      vectorOneThreadStepsPerCpuSec: Math.round(oneThread.stepsPerCpuSec),
      singleStepsPerCpuSec: Math.round(single.stepsPerCpuSec),
      vectorBatchedObsStepsPerSec: Math.round(batched.stepsPerSec),
      workers,
      vectorGoal: 1_000_000,
      singleGoal: 100_000,
      // Figures the issue quotes for Python peers on this class of machine (FinRL numpy StockTradingEnv 13,900
      // steps/s; a typical Python trading env 2,900 steps/s).
      vectorVsFinRlNumpy: Math.round((vector / 13_900) * 10) / 10,
      singleVsTypicalPython: Math.round((single.stepsPerSec / 2_900) * 10) / 10,
    };
  },
};
