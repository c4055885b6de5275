import { Rng } from '../math/rng.js';
import type {
  Bar,
  DefiMetric,
  Funding,
  IndexValue,
  MacroValue,
  OnchainMetric,
  TextEvent,
} from './schemas/index.js';
import type { InsertResult } from './storeWriter.js';
import type { Store } from './store.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Options of the built-in sample generator. */
export interface SampleOptions {
  /** Seed of every random stream (default 42). Same seed, bit-identical sample. */
  seed?: number;
  /** Hours of bars per asset (default 24 * 90 = 90 days). */
  hours?: number;
  /** First bar open time, UTC ms (default 2024-01-01T00:00Z). */
  start?: number;
}

/** The built-in sample: records of several kinds over the same window. */
export interface SampleData {
  bars: Bar[];
  funding: Funding[];
  onchainMetrics: OnchainMetric[];
  defiMetrics: DefiMetric[];
  macroSeries: MacroValue[];
  indexSeries: IndexValue[];
  textEvents: TextEvent[];
}

/** Assets of the sample: symbol, start price (USDT), annualized volatility, beta to the common factor. */
export const SAMPLE_ASSETS = [
  { base: 'BTC', price: 42_000, vol: 0.55, beta: 1.0 },
  { base: 'ETH', price: 2_300, vol: 0.7, beta: 1.15 },
  { base: 'SOL', price: 100, vol: 1.0, beta: 1.4 },
] as const;

/** Source id of every sample record. */
export const SAMPLE_SOURCE = 'cwm-sample';

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Generates the built-in sample dataset, entirely from a seeded RNG (nothing copied from anywhere):
 *
 * - hourly OHLCV bars for BTC/USDT, ETH/USDT, SOL/USDT on venue `cwm`: log returns are a common factor plus an
 *   idiosyncratic part, each with GARCH(1,1) variance (Bollerslev 1986, "Generalized autoregressive conditional
 *   heteroskedasticity", J. Econometrics 31) and Student-t-like fat tails (normal scale mixture); high/low come
 *   from a 4-step path inside each hour, volume grows with |return|;
 * - 8-hourly perp funding (decimal per 8h) following the last day's return;
 * - daily on-chain (active addresses, hash rate), DeFi TVL, macro (10y yield as a decimal, DXY), the crypto
 *   Fear & Greed index (0..100, a logistic of the 30-day return) and a few news events labelled by the market move.
 *
 * @example const sample = generateSample({ seed: 7, hours: 24 * 30 });
 */
export function generateSample(opts: SampleOptions = {}): SampleData {
  const seed = opts.seed ?? 42;
  const hours = opts.hours ?? 24 * 90;
  const start = opts.start ?? Date.UTC(2024, 0, 1);
  const root = new Rng(seed);
  const out: SampleData = {
    bars: [],
    funding: [],
    onchainMetrics: [],
    defiMetrics: [],
    macroSeries: [],
    indexSeries: [],
    textEvents: [],
  };

  // ---- common factor with GARCH(1,1) variance -----------------------------------------------------------
  const fRng = root.fork('factor');
  const alpha = 0.06;
  const beta = 0.92;
  const factorVar = 0.5 ** 2 / 8760; // hourly variance of a 50%/yr factor
  const omega = factorVar * (1 - alpha - beta);
  const factor = new Float64Array(hours);
  let h = factorVar;
  let prev = 0;
  for (let t = 0; t < hours; t++) {
    h = omega + alpha * prev * prev + beta * h;
    const mix = fRng.uniform() < 0.05 ? 2.5 : 0.92; // scale mixture: fat tails, unit variance overall
    prev = Math.sqrt(h) * mix * fRng.normal();
    factor[t] = prev;
  }

  const days = Math.ceil(hours / 24);
  const dailyRet: number[] = new Array(days).fill(0);
  for (const a of SAMPLE_ASSETS) {
    const rng = root.fork(`bars-${a.base}`);
    const idioVar = Math.max(a.vol ** 2 / 8760 - a.beta ** 2 * factorVar, 1e-8);
    const om = idioVar * (1 - alpha - beta);
    let hv = idioVar;
    let e = 0;
    let price: number = a.price;
    let price8h: number = a.price;
    const symbol = `${a.base}/USDT`;
    const perp = `${a.base}/USDT:USDT`;
    let dayRet = 0;
    for (let t = 0; t < hours; t++) {
      hv = om + alpha * e * e + beta * hv;
      e = Math.sqrt(hv) * rng.normal();
      const r = a.beta * factor[t] + e;
      // a 4-step path inside the hour (a Brownian bridge through the hourly return)
      const open = price;
      let hi = open;
      let lo = open;
      let cum = 0;
      const step = Math.sqrt(hv + a.beta ** 2 * factorVar) / 2;
      for (let k = 1; k < 4; k++) {
        cum = (r * k) / 4 + step * rng.normal() * Math.sqrt((k * (4 - k)) / 16);
        const p = open * Math.exp(cum);
        if (p > hi) hi = p;
        if (p < lo) lo = p;
      }
      const close = open * Math.exp(r);
      if (close > hi) hi = close;
      if (close < lo) lo = close;
      const digits = open > 1000 ? 2 : open > 10 ? 3 : 4;
      const vol =
        (a.price > 1000 ? 50 : a.price > 500 ? 800 : 20_000) *
        Math.exp(0.4 * rng.normal()) *
        (1 + 40 * Math.abs(r));
      const bar: Bar = {
        tsEvent: start + t * HOUR,
        source: SAMPLE_SOURCE,
        venue: 'cwm',
        symbol,
        interval: '1h',
        open: round(open, digits),
        high: round(hi, digits),
        low: round(lo, digits),
        close: round(close, digits),
        volume: round(vol, 4),
      };
      // rounding can break containment by one tick: widen high/low to contain open and close
      bar.high = Math.max(bar.high as number, bar.open as number, bar.close);
      bar.low = Math.min(bar.low as number, bar.open as number, bar.close);
      out.bars.push(bar);
      price = close;
      dayRet += r;
      if ((t + 1) % 24 === 0 || t === hours - 1) {
        const d = Math.floor(t / 24);
        if (a.base === 'BTC') dailyRet[d] = dayRet;
        dayRet = 0;
      }
      if (t % 8 === 7) {
        // funding (decimal per 8h): base carry plus the last 8 hours' trend, noisy
        const rate = 0.0001 + 0.02 * Math.log(close / price8h) + 0.00005 * rng.normal();
        price8h = close;
        out.funding.push({
          tsEvent: start + (t + 1) * HOUR,
          source: SAMPLE_SOURCE,
          venue: 'cwm',
          symbol: perp,
          rate: round(Math.max(-0.0075, Math.min(0.0075, rate)), 8),
          intervalMs: 8 * HOUR,
        });
      }
    }
  }

  // ---- daily series ---------------------------------------------------------------------------------------
  const dRng = root.fork('daily');
  let active = 800_000;
  let hash = 5.5e8;
  let tvl = 1.1e10;
  let y10 = 0.0395;
  let dxy = 102;
  let cum30: number[] = [];
  for (let d = 0; d < days; d++) {
    const ts = start + d * DAY;
    active *= Math.exp(0.03 * dRng.normal() + 2 * dailyRet[d]);
    hash *= Math.exp(0.01 * dRng.normal() + 0.0008);
    tvl *= Math.exp(0.02 * dRng.normal() + 1.2 * dailyRet[d]);
    y10 = Math.max(0, y10 + 0.0006 * dRng.normal());
    dxy *= Math.exp(0.004 * dRng.normal() - 0.1 * dailyRet[d]);
    cum30 = [...cum30.slice(-29), dailyRet[d]];
    const r30 = cum30.reduce((s, x) => s + x, 0);
    const fng = Math.round(100 / (1 + Math.exp(-8 * r30 - 0.3 * dRng.normal())));
    const base = { source: SAMPLE_SOURCE, tsEvent: ts };
    out.onchainMetrics.push({
      ...base,
      chain: 'bitcoin',
      asset: 'BTC',
      metric: 'active_addresses',
      value: Math.round(active),
    });
    out.onchainMetrics.push({
      ...base,
      chain: 'bitcoin',
      asset: 'BTC',
      metric: 'hash_rate',
      value: round(hash, 0),
    });
    out.defiMetrics.push({
      ...base,
      protocol: 'aave',
      chain: 'ethereum',
      asset: '',
      metric: 'tvl_usd',
      value: round(tvl, 0),
    });
    out.macroSeries.push({ ...base, series: 'DGS10', value: round(y10, 5) });
    out.macroSeries.push({ ...base, series: 'DXY', value: round(dxy, 3) });
    out.indexSeries.push({
      ...base,
      index: 'fear_greed',
      subject: 'crypto',
      value: Math.min(100, Math.max(0, fng)),
    });
    // news on the days with the largest moves
    if (Math.abs(dailyRet[d]) > 0.045) {
      const up = dailyRet[d] > 0;
      const pct = (Math.abs(Math.expm1(dailyRet[d])) * 100).toFixed(1);
      out.textEvents.push({
        ...base,
        tsEvent: ts + 23 * HOUR,
        eventId: `sample-${d}`,
        category: 'news',
        text: `Bitcoin ${up ? 'rallies' : 'slides'} ${pct}% as ${up ? 'buyers return' : 'sellers dominate'} (synthetic sample headline).`,
        tags: ['BTC', up ? 'rally' : 'selloff'],
        label: up ? 'positive' : 'negative',
        score: up ? 0.5 : -0.5,
      });
    }
  }
  return out;
}

/**
 * Generates the sample (see {@link generateSample}) and stores it: idempotent (a second call adds nothing)
 * and validated like any ingest. Daily series get a one-day publication lag.
 */
export async function ingestSample(store: Store, opts: SampleOptions = {}): Promise<InsertResult[]> {
  const s = generateSample(opts);
  return [
    await store.insert('bars', s.bars),
    await store.insert('funding', s.funding),
    await store.insert('onchainMetrics', s.onchainMetrics, { lagMs: DAY }),
    await store.insert('defiMetrics', s.defiMetrics, { lagMs: DAY }),
    await store.insert('macroSeries', s.macroSeries, { lagMs: DAY }),
    await store.insert('indexSeries', s.indexSeries, { lagMs: 0 }),
    await store.insert('textEvents', s.textEvents),
  ];
}
