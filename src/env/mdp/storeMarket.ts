import { createFrame, type Frame, upperBound } from '../../data/frame.js';
import type { Store } from '../../data/store.js';
import { EnvDataError } from '../../errors/env.js';
import { getFactor } from '../../factors/registry.js';
import type { FactorSpec } from '../../factors/spec.js';
import { StoreProvider } from '../../factors/storeProvider.js';
import { computeFactorTable } from '../../factors/table.js';
import type { AssetData } from './replayData.js';

/** Options of `loadMarketFromStore`. */
export interface StoreMarketOptions {
  store: Store;
  /** Unified symbols, e.g. `['BTC/USDT', 'ETH/USDT']`; the first symbol's bars set the time grid. */
  symbols: readonly string[];
  /** Bar interval as stored, e.g. `'1h'`. */
  interval: string;
  /** First and last-exclusive bar open times (UTC ms). */
  from: number;
  to: number;
  venue?: string;
  /** Factors to compute (registry ids or specs), point-in-time, with the factor engine. */
  factors: readonly (string | FactorSpec)[];
  onProgress?: (done: number, total: number, what: string) => void;
}

/** Bars and factor frames ready for the market envs. */
export interface StoreMarket {
  assets: AssetData[];
  /** Factor frames are stamped by as-of time: pass `factorStamp: 'asOf'` to the env. */
  factorStamp: 'asOf';
  /** Every factor column computed (select a subset with the env's `factors` option). */
  factorColumns: string[];
}

/**
 * Reads bars from cwm's DuckDB store and computes point-in-time factors with the factor engine
 * (`computeFactorTable` over a `StoreProvider`), giving `AssetData` for `TradingEnv`, `PortfolioEnv` and
 * `RiskEnv`. Bars of every symbol are put on the first symbol's time grid (missing bars are NaN: no trade,
 * never a filled price). The factor grid's row T holds what was knowable at T = bar open + interval.
 *
 * @throws {EnvDataError} when a symbol has fewer than 3 bars in the range
 * @example
 * const m = await loadMarketFromStore({ store, symbols: ['BTC/USDT'], interval: '1h', from, to, factors: ['spot_returns'] });
 * const env = new TradingEnv({ data: m.assets[0], factorStamp: m.factorStamp, factors: m.factorColumns.slice(0, 3) });
 */
export async function loadMarketFromStore(opts: StoreMarketOptions): Promise<StoreMarket> {
  const frames: Frame[] = [];
  for (const symbol of opts.symbols) {
    const bars = await opts.store.readBars({
      symbol,
      interval: opts.interval,
      venue: opts.venue,
      from: opts.from,
      to: opts.to,
    });
    if (bars.ts.length < 3) {
      throw new EnvDataError(
        `store has ${bars.ts.length} ${opts.interval} bars of ${symbol} in [${opts.from}, ${opts.to})`,
      );
    }
    frames.push(bars);
  }
  const ts = frames[0].ts.slice();
  const gaps: number[] = [];
  for (let i = 1; i < Math.min(ts.length, 101); i++) gaps.push(ts[i] - ts[i - 1]);
  gaps.sort((a, b) => a - b);
  const barMs = gaps[gaps.length >> 1];
  const specs = opts.factors.map((f) => (typeof f === 'string' ? getFactor(f) : f));
  const grid = { from: ts[0] + barMs, to: ts[ts.length - 1] + barMs, barMs };
  const table = await computeFactorTable({
    specs,
    symbols: opts.symbols,
    grid,
    provider: new StoreProvider(opts.store),
    venue: opts.venue,
    onProgress: opts.onProgress,
  });
  const assets: AssetData[] = opts.symbols.map((symbol, k) => {
    const f = frames[k];
    const cols: Record<string, Float64Array> = {};
    for (const name of ['open', 'high', 'low', 'close', 'volume']) {
      const src = f.columns[name];
      if (!src) continue;
      const out = new Float64Array(ts.length).fill(Number.NaN);
      for (let i = 0; i < ts.length; i++) {
        const j = upperBound(f.ts, ts[i]) - 1;
        if (j >= 0 && f.ts[j] === ts[i]) out[i] = src[j];
      }
      cols[name] = out;
    }
    const values = table.values.get(symbol) ?? {};
    return { symbol, bars: createFrame(ts, cols), factors: createFrame(table.ts, { ...values }) };
  });
  return { assets, factorStamp: 'asOf', factorColumns: [...table.columns] };
}
