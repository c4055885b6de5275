import { Rng } from '../../math/rng.js';
import type { FactorInputData, InputSeries } from '../engine.js';
import type { FactorInput, FactorSpec } from '../spec.js';

/** Options of `syntheticInputs`. */
export interface SyntheticOptions {
  /** First event time, UTC ms. */
  from: number;
  /** Last event time, UTC ms. */
  to: number;
  /** Row spacing of regular (non-event) inputs and bar length, ms. */
  stepMs: number;
  /** Seed (same seed, same data). */
  seed: number;
  /** Probability that a regular row is dropped (a gap in the data). Default 0.002. */
  gapProb?: number;
  /** Mean events per step for event inputs (`align` other than `asof`). Default 1.5. */
  eventsPerStep?: number;
  /** Custom generators by field name, overriding the heuristics: values for the given times. */
  fields?: Readonly<Record<string, (rng: Rng, ts: Float64Array) => Float64Array>>;
}

const PRICE_FIELDS = /^(open|high|low|close|vwap|mid|best_bid|best_ask|price)$|price|_px$/;
const SIGNED =
  /rate|funding|basis|yield|ret|skew|spread|sentiment|net|flow|tone|slope|change|z$|premium|carry/;
const UNIT = /ratio|utilization|share|dominance|pct|fraction|imbalance|probability|fullness/;
const FLAG = /flag|event|fork|upgrade|exploit|hack/;

/**
 * Deterministic synthetic raw data for every input of a factor, shaped by field name, for property tests
 * and benchmarks: bars follow one geometric random walk per (symbol, venue) with consistent OHLC, volume
 * and VWAP; prices of other kinds follow their own walk; counts and USD amounts are positive log-normal
 * walks; rates, flows and sentiment are signed AR(1) noise; ratios lie in (0, 1); event inputs
 * (`align` other than `asof`) get Poisson-spaced events. Regular series have rare gaps.
 */
export function syntheticInputs(spec: FactorSpec, opts: SyntheticOptions): FactorInputData {
  const root = new Rng(opts.seed);
  const out: Record<string, InputSeries> = {};
  const barPaths = new Map<string, Record<string, Float64Array> & { ts: Float64Array }>();
  for (const input of spec.inputs) {
    const rng = root.fork(`${spec.id}:${input.name}`);
    if (input.kind === 'bars') {
      const key = `${input.symbol ?? 'self'}@${input.venue ?? 'primary'}`;
      let bars = barPaths.get(key);
      if (!bars) {
        bars = syntheticBars(root.fork(`bars:${key}`), opts);
        barPaths.set(key, bars);
      }
      const values = bars[input.field] ?? bars.close;
      out[input.name] = { ts: bars.ts, values, intervalMs: opts.stepMs };
      continue;
    }
    const ts = (input.align ?? 'asof') === 'asof' ? regularTimes(rng, opts) : eventTimes(rng, opts);
    const custom = opts.fields?.[input.field];
    out[input.name] = { ts, values: custom ? custom(rng, ts) : syntheticValues(input, rng, ts) };
  }
  return out;
}

function regularTimes(rng: Rng, opts: SyntheticOptions): Float64Array {
  const gap = opts.gapProb ?? 0.002;
  const times: number[] = [];
  for (let t = opts.from; t <= opts.to; t += opts.stepMs) if (rng.uniform() >= gap) times.push(t);
  return Float64Array.from(times);
}

function eventTimes(rng: Rng, opts: SyntheticOptions): Float64Array {
  const rate = (opts.eventsPerStep ?? 1.5) / opts.stepMs;
  const times: number[] = [];
  let t = opts.from;
  for (;;) {
    t += Math.max(1, Math.round(-Math.log(1 - rng.uniform()) / rate));
    if (t > opts.to) break;
    times.push(t);
  }
  return Float64Array.from(times);
}

/** Synthetic OHLCV bars (open time stamps) following a geometric random walk with 1% steps. */
export function syntheticBars(
  rng: Rng,
  opts: SyntheticOptions,
): Record<string, Float64Array> & { ts: Float64Array } {
  const ts = regularTimes(rng, opts);
  const n = ts.length;
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  const vwap = new Float64Array(n);
  const quoteVolume = new Float64Array(n);
  const trades = new Float64Array(n);
  let p = 100 * Math.exp(rng.normal() * 0.3);
  for (let i = 0; i < n; i++) {
    const o = p * Math.exp(rng.normal() * 0.001);
    const c = o * Math.exp(rng.normal() * 0.01);
    const h = Math.max(o, c) * Math.exp(Math.abs(rng.normal()) * 0.004);
    const l = Math.min(o, c) * Math.exp(-Math.abs(rng.normal()) * 0.004);
    open[i] = o;
    close[i] = c;
    high[i] = h;
    low[i] = l;
    volume[i] = 1000 * Math.exp(rng.normal() * 0.5);
    vwap[i] = (h + l + c) / 3;
    quoteVolume[i] = volume[i] * vwap[i];
    trades[i] = Math.round(volume[i] / 3);
    p = c;
  }
  return { ts, open, high, low, close, volume, vwap, quote_volume: quoteVolume, trades };
}

/**
 * Deterministic synthetic raw rows of one input (not bars): regular rows every `opts.stepMs` for as-of
 * inputs, Poisson events otherwise; values shaped by the field name (see `syntheticInputs`).
 */
export function syntheticSeries(input: FactorInput, rng: Rng, opts: SyntheticOptions): InputSeries {
  const ts = (input.align ?? 'asof') === 'asof' ? regularTimes(rng, opts) : eventTimes(rng, opts);
  const custom = opts.fields?.[input.field];
  return { ts, values: custom ? custom(rng, ts) : syntheticValues(input, rng, ts) };
}

function syntheticValues(input: FactorInput, rng: Rng, ts: Float64Array): Float64Array {
  const f = input.field.toLowerCase();
  const n = ts.length;
  const v = new Float64Array(n);
  if (FLAG.test(f)) {
    for (let i = 0; i < n; i++) v[i] = rng.uniform() < 0.05 ? 1 : 0;
  } else if (UNIT.test(f)) {
    let x = 0;
    for (let i = 0; i < n; i++) {
      x = 0.95 * x + rng.normal() * 0.3;
      v[i] = 1 / (1 + Math.exp(-x));
    }
  } else if (SIGNED.test(f)) {
    let x = 0;
    for (let i = 0; i < n; i++) {
      x = 0.9 * x + rng.normal() * 0.01;
      v[i] = x;
    }
  } else if (PRICE_FIELDS.test(f)) {
    let p = 100;
    for (let i = 0; i < n; i++) {
      p *= Math.exp(rng.normal() * 0.01);
      v[i] = p;
    }
  } else {
    let x = Math.log(1000) + rng.normal();
    for (let i = 0; i < n; i++) {
      x += rng.normal() * 0.05;
      v[i] = Math.exp(x);
    }
  }
  return v;
}
