import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSharedData } from '../data/describeSharedData.js';
import { ingestSharedDataset, SHARED_DATASETS } from '../data/datasets.js';
import { Store } from '../data/store.js';
import { type FactorCoverage, factorCoverage } from './coverage.js';
import { alignInput, computeFactor, knownAtOf, nativeGrid } from './engine.js';
import { allFactors } from './registry.js';
import { DAY_MS, type FactorSpec, factorColumnName } from './spec.js';
import { StoreProvider } from './storeProvider.js';
import { loadFactorInputs } from './table.js';
import { factorLookback } from './validate.js';

/**
 * The done-when on the real data: every factor `cwm factors coverage` reports computable for BTC or
 * ETH (daily grid, venue binance) computes without NaN after its warm-up in its main output, except where an
 * input itself is unavailable (a gap longer than its staleness limit) inside the factor's window.
 */

// Shared files that bear on BTC and ETH: their daily bars, derivatives, on-chain, DeFi, macro and text data.
// Left out: minute/4h/hourly bars (the check runs on the daily grid), other coins, the address-graph samples.
const LEFT_OUT = /1m_close|1m_full|_4h|binance_spot_1h|graph\/|_ada_|perp_universe|sp500_arch/;
const OTHER_COIN = /binance_spot_1d\/(?!BTC|ETH)/;
const PATHS = [...new Set(SHARED_DATASETS.map((d) => d.path))].filter(
  (p) => !LEFT_OUT.test(p) && !OTHER_COIN.test(p),
);

/** Grid rows of the main output that are NaN after warm-up without an input gap to explain them. */
async function unexplainedNaN(
  spec: FactorSpec,
  c: FactorCoverage,
  provider: StoreProvider,
): Promise<{ rows: number; checked: number; bad: string[] }> {
  const from = Math.ceil((c.from as number) / DAY_MS) * DAY_MS;
  const to = Math.floor((c.to as number) / DAY_MS) * DAY_MS;
  if (to < from) return { rows: 0, checked: 0, bad: [] };
  const grid = { from, to, barMs: DAY_MS };
  const data = await loadFactorInputs(spec, c.symbol, grid, provider, 'binance');
  const main = computeFactor(spec, data, grid).columns[factorColumnName(spec, spec.outputs[0].name)];
  const native = nativeGrid(spec, grid);
  expect(native.stepMs, spec.id).toBe(DAY_MS);
  const offset = Math.round((from - native.times[0]) / DAY_MS);
  const lb = factorLookback(spec, native.params);
  const need = spec.minInputs ?? spec.inputs.filter((i) => !i.optional).length;
  const aligned: Float64Array[] = [];
  const required: boolean[] = [];
  const firstKnown: number[] = [];
  for (const input of spec.inputs) {
    const s = data[input.name];
    if (!s || s.ts.length === 0) continue;
    aligned.push(alignInput(spec.id, input, s, native.times, DAY_MS));
    required.push(!input.optional);
    firstKnown.push(knownAtOf(input, s)[0]);
  }
  // warm-up: `lb` native rows after the need-th input (and every required one) became known
  const sorted = [...firstKnown].sort((a, b) => a - b);
  let start = sorted[Math.max(0, need - 1)] ?? from;
  firstKnown.forEach((k, j) => {
    if (required[j]) start = Math.max(start, k);
  });
  start += lb * DAY_MS;
  const gapAt = (k: number): boolean => {
    let finite = 0;
    for (let j = 0; j < aligned.length; j++) {
      const ok = Number.isFinite(aligned[j][k]);
      if (ok) finite++;
      else if (required[j]) return true;
    }
    return finite < need;
  };
  const bad: string[] = [];
  let checked = 0;
  for (let i = 0; i < main.length; i++) {
    const t = from + i * DAY_MS;
    if (t < start) continue;
    checked++;
    if (Number.isFinite(main[i])) continue;
    let explained = false;
    for (let k = Math.max(0, i + offset - lb); k <= i + offset && !explained; k++) explained = gapAt(k);
    if (!explained) bad.push(new Date(t).toISOString().slice(0, 10));
  }
  return { rows: main.length, checked, bad };
}

describeSharedData('coverage of the real BTC/ETH data', () => {
  let store: Store;
  let provider: StoreProvider;
  beforeAll(async () => {
    store = await Store.open(':memory:');
    for (const p of PATHS) await ingestSharedDataset(store, p);
    provider = new StoreProvider(store);
  }, 90_000);
  afterAll(() => store.close());

  for (const symbol of ['BTC/USDT', 'ETH/USDT']) {
    it(`${symbol}: every computable factor is free of NaN after warm-up except at input gaps`, async () => {
      const cov = await factorCoverage(allFactors, provider, symbol, { venue: 'binance', barMs: DAY_MS });
      const computable = cov.filter((c) => c.computable);
      expect(computable.length).toBeGreaterThan(40);
      const ids = new Set(computable.map((c) => c.id));
      for (const id of ['volatility', 'spot_returns', 'mev_flashloans', 'composability', 'fear_greed']) {
        expect(ids.has(id), id).toBe(true);
      }
      if (symbol === 'BTC/USDT') {
        for (const id of ['mvrv', 'hash_rate_difficulty', 'exchange_flows', 'perp_funding', 'vol_surface']) {
          expect(ids.has(id), id).toBe(true);
        }
      }
      // fields the stored datasets do not carry are not computable (no all-NaN "coverage")
      expect(ids.has('put_call')).toBe(false);
      const failures: string[] = [];
      for (const c of computable) {
        const spec = allFactors.find((f) => f.id === c.id) as FactorSpec;
        const r = await unexplainedNaN(spec, c, provider);
        if (r.bad.length > 0)
          failures.push(`${c.id}: ${r.bad.length} of ${r.checked} rows, first ${r.bad[0]}`);
      }
      expect(failures).toEqual([]);
    }, 60_000);
  }
});
