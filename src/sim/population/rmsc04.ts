import { Rng } from '../../math/rng.js';
import { BUY, LimitBook, SELL } from './limitBook.js';
import { WakeHeap } from './wakeHeap.js';

const NS = 1_000_000_000;

/** Configuration of the RMSC04-like day (defaults follow ABIDES-Markets' `rmsc04` config). */
export interface Rmsc04Config {
  seed: number;
  noiseAgents: number;
  valueAgents: number;
  marketMakers: number;
  momentumAgents: number;
  /** Mean-reversion level of the fundamental, cents. */
  rBar: number;
  /** Fundamental mean-reversion rate per ns. */
  kappa: number;
  /** Fundamental volatility per sqrt(ns)... per step of one second (cents^2). */
  fundVar: number;
  /** Value agents' observation noise variance (cents^2). */
  sigmaN: number;
  /** Value agents' mean arrival rate per ns (5.7e-12 = every ~175 s). */
  valueLambda: number;
  /** Market-maker wake interval, s; ladder levels per side; level spacing, ticks; share of volume (POV). */
  mmWakeSec: number;
  mmLevels: number;
  mmSpacing: number;
  mmPov: number;
  /** Momentum agents' wake interval, s. */
  momentumWakeSec: number;
  /** Trading day length, s (09:30-16:00). */
  daySec: number;
}

/** ABIDES RMSC04 defaults (Byrd, Hybinette, Balch, 2020, "ABIDES: Towards High-Fidelity Multi-Agent Market Simulation"). */
export const RMSC04_DEFAULTS: Rmsc04Config = {
  seed: 1,
  noiseAgents: 1000,
  valueAgents: 102,
  marketMakers: 2,
  momentumAgents: 12,
  rBar: 100_000,
  kappa: 1.67e-15,
  fundVar: 5e-5 * 100_000,
  sigmaN: 100_000 / 10,
  valueLambda: 5.7e-12,
  mmWakeSec: 60,
  mmLevels: 10,
  mmSpacing: 5,
  mmPov: 0.025,
  momentumWakeSec: 37,
  daySec: 23_400,
};

/** Counts of one simulated day. */
export interface Rmsc04Result {
  /** Limit orders submitted (marketable limits included, as ABIDES counts them). */
  orders: number;
  fills: number;
  cancels: number;
  /** Agent wake-ups processed. */
  wakeups: number;
  /** Distinct events: wake-ups plus orders plus cancels. */
  events: number;
  /** Closing mid, cents. */
  closeMid: number;
}

/**
 * One trading day built like ABIDES's RMSC04: noise agents trading once at a random time, value agents
 * trading on noisy Bayesian estimates of a mean-reverting (Ornstein-Uhlenbeck) fundamental, adaptive
 * ladder market makers sized as a share of volume (POV), and momentum agents comparing 20- and 50-sample
 * moving averages. One exchange, one symbol, prices in cents (1 tick = 1 cent).
 */
export function runRmsc04(cfg: Partial<Rmsc04Config> = {}): Rmsc04Result {
  const c: Rmsc04Config = { ...RMSC04_DEFAULTS, ...cfg };
  const root = new Rng(c.seed);
  const book = new LimitBook(c.rBar, 1 << 14, 1 << 12);
  const end = c.daySec * NS;
  const heap = new WakeHeap(2048);
  const nNoise = c.noiseAgents;
  const nValue = c.valueAgents;
  const nMm = c.marketMakers;
  const nMom = c.momentumAgents;
  const total = nNoise + nValue + nMm + nMom;
  const rngs: Rng[] = [];
  for (let i = 0; i < total; i++) rngs.push(root.fork(`agent-${i}`));
  const fundRng = root.fork('fundamental');
  // Fundamental on a 1 s grid (OU, exact discretisation) plus rare megashocks.
  const fund = new Float64Array(c.daySec + 1);
  fund[0] = c.rBar;
  const decay = Math.exp(-c.kappa * NS);
  for (let s = 1; s <= c.daySec; s++) {
    let v = c.rBar + (fund[s - 1] - c.rBar) * decay + Math.sqrt(c.fundVar) * fundRng.normal();
    if (fundRng.uniform() < 2.77778e-18 * NS)
      v += (fundRng.uniform() < 0.5 ? -1 : 1) * (1000 + Math.sqrt(50_000) * fundRng.normal());
    fund[s] = v;
  }
  // Value agents' Bayesian state (prior mean and variance of the fundamental).
  const vMean = new Float64Array(nValue).fill(c.rBar);
  const vVar = new Float64Array(nValue).fill(1e4);
  const vLast = new Float64Array(nValue);
  // Market makers: resting handles and adaptive spread.
  const mmHandles: number[][] = [];
  for (let i = 0; i < nMm; i++) mmHandles.push([]);
  let mmSpread = 10;
  // Momentum: shared mid history sampled at each momentum wake.
  const momHist: Float64Array[] = [];
  const momN = new Int32Array(nMom);
  for (let i = 0; i < nMom; i++) momHist.push(new Float64Array(50));
  let volumeWindow = 0;
  // Opening book: market makers seed the ladder at t = 0.
  for (let i = 0; i < nMm; i++) heap.push(0, nNoise + nValue + i);
  for (let i = 0; i < nNoise; i++) heap.push(Math.floor(rngs[i].uniform() * end), i);
  for (let i = 0; i < nValue; i++)
    heap.push(Math.floor(rngs[nNoise + i].exponential(c.valueLambda)), nNoise + i);
  for (let i = 0; i < nMom; i++) {
    const id = nNoise + nValue + nMm + i;
    heap.push(Math.floor(rngs[id].uniform() * c.momentumWakeSec * NS), id);
  }
  let wakeups = 0;
  let orders = 0;
  const lastMid = () => {
    const m = book.mid();
    return Number.isFinite(m) ? m : c.rBar;
  };
  const addVolume = () => {
    for (let k = 0; k < book.nFills; k++) volumeWindow += book.fillQty[k];
  };
  while (heap.peekTime() < end) {
    const now = heap.peekTime();
    const id = heap.pop();
    const rng = rngs[id];
    wakeups++;
    if (id < nNoise) {
      // Noise: one order at a random time, at the touch on a random side.
      const buy = rng.uniform() < 0.5;
      const px = buy ? book.bestAsk : book.bestBid;
      const size = 1 + rng.int(100);
      orders++;
      book.limit(id, buy ? BUY : SELL, Number.isFinite(px) ? px : lastMid(), size);
      addVolume();
    } else if (id < nNoise + nValue) {
      const v = id - nNoise;
      const s = Math.min(c.daySec, Math.floor(now / NS));
      // Prior moves toward r_bar over the elapsed time, then a noisy observation updates it (Kalman step).
      const dt = now - vLast[v];
      vLast[v] = now;
      const d = Math.exp(-c.kappa * dt);
      vMean[v] = c.rBar + (vMean[v] - c.rBar) * d;
      vVar[v] = d * d * vVar[v] + c.fundVar * (dt / NS);
      const obs = fund[s] + Math.sqrt(c.sigmaN) * rng.normal();
      const gain = vVar[v] / (vVar[v] + c.sigmaN);
      vMean[v] += gain * (obs - vMean[v]);
      vVar[v] *= 1 - gain;
      const bid = book.bestBid;
      const ask = book.bestAsk;
      const size = 1 + rng.int(100);
      orders++;
      if (Number.isFinite(bid) && Number.isFinite(ask)) {
        const spread = ask - bid;
        const adj = rng.uniform() < 0.1 ? 0 : rng.int(Math.max(1, Math.floor(spread * 3)));
        if (vMean[v] < (bid + ask) / 2) book.limit(id, SELL, bid + adj, size);
        else book.limit(id, BUY, ask - adj, size);
      } else book.limit(id, rng.uniform() < 0.5 ? BUY : SELL, Math.round(vMean[v]), size);
      addVolume();
      heap.push(now + Math.max(1, Math.floor(rng.exponential(c.valueLambda))), id);
    } else if (id < nNoise + nValue + nMm) {
      const m = id - nNoise - nValue;
      for (const h of mmHandles[m]) book.cancel(h);
      mmHandles[m].length = 0;
      const mid = Math.round(lastMid());
      if (Number.isFinite(book.bestBid) && Number.isFinite(book.bestAsk))
        mmSpread = 0.75 * mmSpread + 0.25 * Math.max(1, book.bestAsk - book.bestBid);
      const half = Math.max(1, Math.round(mmSpread / 2));
      const size = Math.max(1, Math.round((c.mmPov * volumeWindow) / c.mmLevels));
      volumeWindow = 0;
      for (let l = 0; l < c.mmLevels; l++) {
        orders += 2;
        const hb = book.limit(id, BUY, mid - half - l * c.mmSpacing, size);
        addVolume();
        if (hb >= 0) mmHandles[m].push(hb);
        const ha = book.limit(id, SELL, mid + half + l * c.mmSpacing, size);
        addVolume();
        if (ha >= 0) mmHandles[m].push(ha);
      }
      heap.push(now + c.mmWakeSec * NS, id);
    } else {
      const k = id - nNoise - nValue - nMm;
      const hist = momHist[k];
      hist[momN[k] % 50] = lastMid();
      momN[k]++;
      if (momN[k] >= 50) {
        let s20 = 0;
        let s50 = 0;
        for (let j = 0; j < 50; j++) {
          const x = hist[(momN[k] - 1 - j + 50) % 50];
          s50 += x;
          if (j < 20) s20 += x;
        }
        const buy = s20 / 20 > s50 / 50;
        const px = buy ? book.bestAsk : book.bestBid;
        if (Number.isFinite(px)) {
          orders++;
          book.limit(id, buy ? BUY : SELL, px, 1 + rng.int(10));
          addVolume();
        }
      }
      heap.push(now + Math.floor(rng.exponential(1 / (c.momentumWakeSec * NS))), id);
    }
  }
  return {
    orders,
    fills: book.totalFills,
    cancels: book.totalCancels,
    wakeups,
    events: wakeups + orders + book.totalCancels,
    closeMid: lastMid(),
  };
}
