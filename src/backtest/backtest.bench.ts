import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Benchmark } from '../../bench/runner.js';
import { sharedDataAvailable, sharedDataPath } from '../data/sharedData.js';
import { Account } from '../execution/account.js';
import { ExecutionModel } from '../execution/executionModel.js';
import { createFillReport, createMarketSnapshot } from '../execution/types.js';
import { fillOrdersBatch } from '../execution/fillOrdersBatch.js';
import { Rng } from '../math/rng.js';

const PEER = '/work/shared/peers/bench_backtest.py';

function hourlyCloses(n: number): Float64Array {
  const out = new Float64Array(n);
  let src: number[] = [];
  const file = sharedDataPath('market', 'binance_spot_1h', 'BTCUSDT_1h.csv');
  if (sharedDataAvailable() && existsSync(file)) {
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const iC = lines[0].split(',').indexOf('close');
    src = lines.slice(1).map((l) => Number(l.split(',')[iC]));
  } else {
    const rng = new Rng(1);
    let p = 30_000;
    for (let i = 0; i < 26_000; i++) src.push((p *= Math.exp(0.005 * rng.normal())));
  }
  for (let i = 0; i < n; i++) out[i] = src[i % src.length];
  return out;
}

function peerNumbaMs(log: (m: string) => void): number | null {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import numba'], { stdio: 'ignore' });
  } catch {
    log('numba not importable by /usr/bin/python3: skipping the peer (apt-get install -y python3-numba)');
    return null;
  }
  if (!existsSync(PEER)) return null;
  try {
    const out = execFileSync('/usr/bin/python3', [PEER, '--runs', '3', '--reps', '5'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const m = /RESULT numba_loop .* ms_per_1M=([\d.]+)/.exec(out);
    return m ? Number(m[1]) : null;
  } catch (err) {
    log(
      `peer failed (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); python3-pandas may be missing`,
    );
    return null;
  }
}

/**
 * `npm run bench -- backtest`: 1,000,000 market orders on one asset through the execution model's batch
 * kernel with cash, position and fee accounting (buys limited by cash, sells by position; 10 bps taker,
 * no spread, as in the numba peer). Same inputs as `shared/peers/bench_backtest.py`: real BTCUSDT hourly
 * closes tiled to 1M, sizes N(0, 0.01) BTC, cash 10M.
 */
export const benchmark: Benchmark = {
  name: 'backtest',
  description: 'fill 1M orders with cash, position and fee accounting (execution batch kernel)',
  async run({ args, log }) {
    const n = Number(args.n ?? 1_000_000);
    const runs = Number(args.runs ?? 15);
    const price = hourlyCloses(n);
    const rng = new Rng(0);
    const size = new Float64Array(n);
    for (let i = 0; i < n; i++) size[i] = 0.01 * rng.normal();
    const model = new ExecutionModel(
      {
        takerFeeBps: 10,
        makerFeeBps: 10,
        halfSpreadBps: 0,
        impact: 'none',
        maxParticipation: Number.POSITIVE_INFINITY,
      },
      1,
    );
    const out = {
      filledQty: new Float64Array(n),
      fee: new Float64Array(n),
      cash: new Float64Array(n),
      position: new Float64Array(n),
    };
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let acct = new Account(1, 10_000_000);
    for (let r = 0; r < runs + 3; r++) {
      acct = new Account(1, 10_000_000);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fillOrdersBatch(model, acct, 0, size, price, out, n);
      const dt = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (r >= 3) {
        times.push(dt);
        cpuTimes.push((c.user + c.system) / 1000);
      }
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    const cpuMed = cpuTimes[Math.floor(cpuTimes.length / 2)];
    const med = times[Math.floor(times.length / 2)];
    let clipped = 0;
    for (let i = 0; i < n; i++) if (out.filledQty[i] !== size[i]) clipped++;
    const msPer1MOrders = (med * 1e6) / n;
    log(
      `median ${med.toFixed(2)} ms wall, ${cpuMed.toFixed(2)} ms CPU over ${runs} runs; ${clipped} orders clipped; final cash ${acct.cash.toFixed(2)}`,
    );
    // The general per-order path (ExecutionModel.execute with limits, report and Account), for reference.
    const m = createMarketSnapshot(1);
    const rep = createFillReport();
    const nExec = Math.min(n, 200_000);
    let execMs = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 5; r++) {
      const a = new Account(1, 10_000_000);
      const t0 = performance.now();
      for (let i = 0; i < nExec; i++) {
        m.mid[0] = price[i];
        model.execute(a, 0, size[i], m, rep);
      }
      execMs = Math.min(execMs, performance.now() - t0);
    }
    const peer = args.peer === 'false' ? null : peerNumbaMs(log);
    return {
      orders: n,
      msPer1MOrders,
      bestMsPer1MOrders: (times[0] * 1e6) / n,
      // Process CPU time per run (user + system): what the kernel costs when it has a core to itself, robust
      // to the other load on a shared machine (wall time includes waiting for the CPU).
      cpuMsPer1MOrders: (cpuMed * 1e6) / n,
      ordersPerSec: n / (med / 1000),
      executePathMsPer1MOrders: (execMs * 1e6) / nExec,
      fractionClipped: clipped / n,
      finalCash: acct.cash,
      finalPosition: acct.positions[0],
      goalMs: 10,
      meetsGoal: msPer1MOrders <= 10,
      numbaPeerMsPer1M: peer,
      ratioVsNumba: peer === null ? null : peer / msPer1MOrders,
    };
  },
};
