import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Benchmark, BenchOptions } from '../../bench/runner.js';
import { Store } from '../data/store.js';
import { Rng } from '../math/rng.js';
import {
  $,
  add,
  corr,
  div,
  lag,
  log,
  mean,
  mul,
  quantile,
  rank,
  rollMax,
  rollMin,
  slope,
  sqrt,
  square,
  std,
  sub,
  sum,
} from './dsl.js';
import { computeFactor, type FactorInputData, type InputSeries } from './engine.js';
import { createEvalEnv, type Expr } from './expr.js';
import { inputDataKey, type InputProvider, type InputRequest, MemoryProvider } from './provider.js';
import { allFactors } from './registry.js';
import { DAY_MS, gridParams, HOUR_MS } from './spec.js';
import { StoreProvider } from './storeProvider.js';
import { loadFactorInputs } from './table.js';
import { syntheticBars, syntheticSeries } from './testing/synthetic.js';

const SYMBOLS = [
  'BTC/USDT',
  'ETH/USDT',
  'SOL/USDT',
  'BNB/USDT',
  'XRP/USDT',
  'DOGE/USDT',
  'ADA/USDT',
  'AVAX/USDT',
  'DOT/USDT',
  'LINK/USDT',
];
const PEER = new URL('../../../shared/peers/bench_factors.py', import.meta.url).pathname;

/** A deterministic in-memory "store": every input of every factor, generated on first use. */
function syntheticProvider(from: number, to: number): MemoryProvider {
  return new MemoryProvider(new Map(), (input, req: InputRequest): InputSeries | undefined => {
    const key = inputDataKey(input, req);
    const rng = new Rng(20240101).fork(key);
    const opts = { from, to, stepMs: req.stepMs, seed: 1, gapProb: 0.0005 };
    if (input.kind === 'bars') {
      const bars = syntheticBars(
        new Rng(7).fork(`${input.symbol ?? req.symbol}@${input.venue ?? 'primary'}@${req.stepMs}`),
        opts,
      );
      return { ts: bars.ts, values: bars[input.field] ?? bars.close, intervalMs: req.stepMs };
    }
    return syntheticSeries(input, rng, {
      ...opts,
      stepMs: input.kind === 'macro' || input.kind === 'onchain' ? DAY_MS : req.stepMs,
    });
  });
}

/** The Alpha158-like 60-column set of the pandas peer (12 kinds x windows 5/10/20/30/60), as cwm expressions. */
function alpha60(): Expr[] {
  const c = $('close');
  const h = $('high');
  const l = $('low');
  const o = $('open');
  const v = $('volume');
  const logv = log(add(v, 1));
  const hl2 = square(log(div(h, l)));
  const gk = sub(mul(hl2, 0.5), mul(square(log(div(c, o))), 2 * Math.log(2) - 1));
  const out: Expr[] = [];
  for (const w of [5, 10, 20, 30, 60]) {
    out.push(
      div(mean(c, w), c),
      div(std(c, w), c),
      div(rollMax(c, w), c),
      div(rollMin(c, w), c),
      div(quantile(c, w, 0.8), c),
      corr(c, logv, w),
      rank(c, w),
      div(slope(c, w), c),
      div(lag(c, w), c),
      sub(div(div(sum(mul(c, v), w), sum(v, w)), c), 1),
      sqrt(div(mean(hl2, w), 4 * Math.log(2))),
      sqrt(mean(gk, w)),
    );
  }
  return out;
}

async function runCatalogue(opts: BenchOptions, provider: InputProvider, years: number, venue?: string) {
  const to = Date.UTC(2024, 11, 31, 23);
  const from = to - Math.round(years * 365 * 24) * HOUR_MS + HOUR_MS;
  const grid = { from: Math.ceil(from / HOUR_MS) * HOUR_MS, to, barMs: HOUR_MS };
  const symbols = opts.args.symbols ? opts.args.symbols.split(',') : SYMBOLS;
  // load (not timed: the store read is the ingest benchmark's business), then compute (timed)
  const loaded: Array<{ symbol: string; data: FactorInputData[] }> = [];
  for (const symbol of symbols) {
    const data: FactorInputData[] = [];
    for (const spec of allFactors) data.push(await loadFactorInputs(spec, symbol, grid, provider, venue));
    loaded.push({ symbol, data });
  }
  let values = 0;
  let finite = 0;
  let computable = 0;
  let rows = 0;
  let columns = 0;
  const perFactor = new Map<string, number>();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const { data } of loaded) {
    const cache = new Map<string, Float64Array>();
    allFactors.forEach((spec, k) => {
      const required = spec.inputs.filter((i) => !i.optional);
      if (required.some((i) => !data[k][i.name])) return;
      const f0 = performance.now();
      const res = computeFactor(spec, data[k], grid, cache);
      perFactor.set(spec.id, (perFactor.get(spec.id) ?? 0) + performance.now() - f0);
      rows = res.ts.length;
      for (const col of Object.values(res.columns)) {
        values += col.length;
        for (let i = 0; i < col.length; i++) if (!Number.isNaN(col[i])) finite++;
      }
    });
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  for (const spec of allFactors) if (perFactor.has(spec.id)) computable++;
  for (const spec of allFactors) if (perFactor.has(spec.id)) columns += spec.outputs.length;
  const slowest = [...perFactor.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
  opts.log(
    `slowest factors (ms over all assets): ${slowest.map(([id, ms]) => `${id} ${ms.toFixed(0)}`).join(', ')}`,
  );
  return { symbols: symbols.length, rows, columns, computable, values, finite, seconds, cpuSeconds };
}

function runAlpha(
  assets: number,
  rowsPerAsset: number,
): { values: number; seconds: number; cpuSeconds: number } {
  const exprs = alpha60();
  const rng = new Rng(99);
  const datasets = Array.from({ length: assets }, (_, a) => {
    const b = syntheticBars(rng.fork(`alpha-${a}`), {
      from: 0,
      to: (rowsPerAsset - 1) * HOUR_MS,
      stepMs: HOUR_MS,
      seed: a,
      gapProb: 0,
    });
    return { open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume };
  });
  const params = gridParams(HOUR_MS);
  const once = () => {
    let values = 0;
    for (const inputs of datasets) {
      const env = createEvalEnv(inputs.close.length, inputs, params);
      for (const e of exprs) values += e.evaluate(env).length;
    }
    return values;
  };
  once(); // warm-up (JIT)
  const times: number[] = [];
  const cpus: number[] = [];
  let values = 0;
  for (let r = 0; r < 3; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    values = once();
    times.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1e6);
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  return { values, seconds: times[1], cpuSeconds: cpus[1] };
}

/** Python that times the peer's own `compute` (bench_factors.py) by wall clock and by CPU time. */
const PANDAS_TIMER = `
import os, statistics, sys, time
sys.path.insert(0, os.path.dirname(sys.argv[1]))
import bench_factors as b
from common import load_hourly
df = load_hourly(10, tile_to_rows=44000)
b.compute(df.iloc[:5000])
walls, cpus, res = [], [], None
for _ in range(3):
    w0, c0 = time.perf_counter(), time.process_time()
    res = b.compute(df)
    walls.append(time.perf_counter() - w0); cpus.append(time.process_time() - c0)
n = res.shape[0] * res.shape[1]
print(f"PANDAS values={n} wall={statistics.median(walls):.4f} cpu={statistics.median(cpus):.4f}")
`;

/**
 * Runs the pandas peer (`../shared/peers/bench_factors.py`: its data loader and `compute`) in Debian's
 * Python, single-threaded BLAS; returns its values/s by wall clock and by CPU time, or null without pandas.
 */
function runPandas(log: (m: string) => void): { wall: number; cpu: number } | null {
  if (!existsSync('/usr/bin/python3') || !existsSync(PEER)) return null;
  if (spawnSync('/usr/bin/python3', ['-c', 'import pandas'], { encoding: 'utf8' }).status !== 0) {
    log('pandas not installed (apt-get install -y python3-pandas): skipping the side-by-side run');
    return null;
  }
  const r = spawnSync('/usr/bin/python3', ['-c', PANDAS_TIMER, PEER], {
    encoding: 'utf8',
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
  });
  const m = /PANDAS values=(\d+) wall=([0-9.]+) cpu=([0-9.]+)/.exec(r.stdout ?? '');
  if (!m) {
    log(`pandas peer failed: ${(r.stderr ?? '').slice(0, 300)}`);
    return null;
  }
  const values = Number(m[1]);
  log(`pandas peer: ${values} values, median ${m[2]} s wall, ${m[3]} s CPU`);
  return { wall: values / Number(m[2]), cpu: values / Number(m[3]) };
}

/**
 * `npm run bench -- factors [--json] [--years 5] [--store] [--symbols A,B] [--no-peer]`: every computable
 * factor of the catalogue for 10 assets x 5 years of hourly bars (about 440k rows), from generated data in
 * memory (default) or from the store (`--store`, `$CWM_DB`); then the pandas peer's 60-column rolling set in
 * cwm's operators side by side with `../shared/peers/bench_factors.py` when pandas is installed.
 */
export const benchmark: Benchmark = {
  name: 'factors',
  description:
    'all computable factors, 10 assets x 5y hourly (~440k rows); + pandas 60-column peer side by side',
  async run(opts) {
    const years = Number(opts.args.years ?? 5);
    let provider: InputProvider;
    let store: Store | undefined;
    if (opts.args.store) {
      store = await Store.open(process.env.CWM_DB ?? './cwm-data/cwm.duckdb');
      provider = new StoreProvider(store);
    } else {
      const to = Date.UTC(2025, 0, 2);
      provider = syntheticProvider(to - (years * 365 + 800) * DAY_MS, to);
    }
    opts.log(
      `catalogue: ${allFactors.length} factors, ${years} years hourly, ${opts.args.store ? 'store' : 'generated in memory'}`,
    );
    const cat = await runCatalogue(opts, provider, years, opts.args.venue);
    store?.close();
    opts.log(
      `catalogue: ${cat.computable} factors (${cat.columns} columns) x ${cat.symbols} assets x ${cat.rows} rows = ${cat.values} values in ${cat.seconds.toFixed(2)} s`,
    );
    const alpha = runAlpha(10, 44_000);
    const alphaRate = alpha.values / alpha.seconds;
    opts.log(
      `alpha60 (pandas peer set in cwm operators): ${alpha.values} values in ${alpha.seconds.toFixed(3)} s`,
    );
    const pandas = opts.args['no-peer'] ? null : runPandas(opts.log);
    return {
      factorValuesPerSec: Math.round(cat.values / cat.seconds),
      seconds: Number(cat.seconds.toFixed(3)),
      cpuSeconds: Number(cat.cpuSeconds.toFixed(3)),
      factorValuesPerCpuSec: Math.round(cat.values / cat.cpuSeconds),
      factors: cat.computable,
      columns: cat.columns,
      assets: cat.symbols,
      rowsPerAsset: cat.rows,
      values: cat.values,
      availableFraction: Number((cat.finite / Math.max(1, cat.values)).toFixed(4)),
      alpha60ValuesPerSec: Math.round(alphaRate),
      alpha60Seconds: Number(alpha.seconds.toFixed(3)),
      alpha60CpuSeconds: Number(alpha.cpuSeconds.toFixed(3)),
      pandasValuesPerSec: pandas === null ? null : Math.round(pandas.wall),
      pandasValuesPerCpuSec: pandas === null ? null : Math.round(pandas.cpu),
      ratioVsPandas: pandas === null ? null : Number((alphaRate / pandas.wall).toFixed(2)),
      ratioVsPandasCpu:
        pandas === null ? null : Number((alpha.values / alpha.cpuSeconds / pandas.cpu).toFixed(2)),
      goalValuesPerSec: 10_000_000,
    };
  },
};
