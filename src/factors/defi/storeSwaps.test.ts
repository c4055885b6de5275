import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { ingestSharedDataset } from '../../data/datasets.js';
import { sharedDataPath } from '../../data/sharedData.js';
import { Store } from '../../data/store.js';
import { factorCoverage } from '../coverage.js';
import { computeFactor } from '../engine.js';
import { readCsvTable } from '../onchain/sharedCsv.js';
import { DAY_MS } from '../spec.js';
import { StoreProvider } from '../storeProvider.js';
import { loadFactorInputs } from '../table.js';
import { composability } from './composability.js';
import { detectArbitrages, detectSandwiches, type SwapEvent } from './mev.js';
import { mevFlashloans } from './mev_flashloans.js';
import { compareTraceAddress, storeSwapSeries } from './storeSwaps.js';

const FILE = 'defi/mev_inspect_dex_swaps_2021-06_blocks_12634810-12635061.csv';

describe('swap records from the store', () => {
  it('orders trace addresses in call-trace order', () => {
    const addrs = ['[1]', '[0, 1, 3]', '[]', '[0, 1]', '[0, 10]', '[0, 2]'];
    expect([...addrs].sort(compareTraceAddress)).toEqual([
      '[]',
      '[0, 1]',
      '[0, 1, 3]',
      '[0, 2]',
      '[0, 10]',
      '[1]',
    ]);
  });
  it('a block with a swap lacking txPosition or to has no sandwich count (unavailable, not 0)', () => {
    const base = {
      source: 'test',
      chain: 'ethereum',
      venue: 'uniswap_v2',
      pool: 'p',
      tokenIn: 'A',
      tokenOut: 'B',
      amountIn: '10',
      amountOut: '9',
    };
    const recs = [
      { ...base, tsEvent: 1000, txHash: 'a', swapIndex: '[0]', blockNumber: 1, txPosition: 0, to: 'x' },
      { ...base, tsEvent: 2000, txHash: 'b', swapIndex: '[0]', blockNumber: 2 },
    ];
    const s = storeSwapSeries(recs);
    expect(Array.from(s.swap_count.values)).toEqual([1, 1]);
    expect(s.sandwich_count.values[0]).toBe(0);
    expect(s.sandwich_count.values[1]).toBeNaN();
  });
});

describeSharedData('MEV and composability factors from the store (mev-inspect swaps)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(':memory:');
    await ingestSharedDataset(store, FILE);
  }, 60_000);
  afterAll(() => store.close());

  it('the stored swaps give the sandwiches and arbitrages detected on the file itself', async () => {
    const t = readCsvTable(sharedDataPath(...(FILE.split('/') as [string, string])));
    const col = (c: string) => t.column(c);
    const [hash, pool, to, from, tin, tout, err, trace] = [
      'transaction_hash',
      'contract_address',
      'to_address',
      'from_address',
      'token_in_address',
      'token_out_address',
      'error',
      'trace_address',
    ].map(col);
    const block = t.numeric('block_number');
    const pos = t.numeric('transaction_position');
    const ain = t.numeric('token_in_amount');
    const aout = t.numeric('token_out_amount');
    const idx = [...Array(t.rows.length).keys()].filter((i) => err[i] === '');
    idx.sort((a, b) => block[a] - block[b] || pos[a] - pos[b] || compareTraceAddress(trace[a], trace[b]));
    const swaps: SwapEvent[] = idx.map((i, k) => ({
      blockNumber: block[i],
      txPosition: pos[i],
      txHash: hash[i],
      pool: pool[i],
      to: to[i],
      from: from[i],
      tokenIn: tin[i],
      amountIn: ain[i],
      tokenOut: tout[i],
      amountOut: aout[i],
      traceOrder: k,
    }));
    const sandwiches = detectSandwiches(swaps).length;
    const arbitrages = detectArbitrages(swaps).length;
    expect(sandwiches).toBeGreaterThan(0);
    expect(arbitrages).toBeGreaterThan(0);

    const provider = new StoreProvider(store);
    const ds = (await store.listDatasets()).filter((d) => d.kind === 'dexSwaps');
    const day0 = Math.floor(Math.min(...ds.map((d) => d.from)) / DAY_MS) * DAY_MS;
    const grid = { from: day0 + DAY_MS, to: day0 + 3 * DAY_MS, barMs: DAY_MS };
    const mevData = await loadFactorInputs(mevFlashloans, 'ETH/USDT', grid, provider);
    const total = (name: string) => Array.from(mevData[name]?.values ?? []).reduce((a, b) => a + b, 0);
    expect(total('sandwiches')).toBe(sandwiches);
    expect(total('arbitrages')).toBe(arbitrages);
    expect(total('swaps')).toBe(swaps.length);
    const res = computeFactor(mevFlashloans, mevData, grid);
    expect(res.columns.mev_flashloans[0]).toBe(sandwiches);
    expect(res.columns.mev_flashloans__mev_share[0]).toBeCloseTo(
      (sandwiches + arbitrages) / swaps.length,
      12,
    );

    const compData = await loadFactorInputs(composability, 'ETH/USDT', grid, provider);
    const comp = computeFactor(composability, compData, grid);
    expect(comp.columns.composability[0]).toBeGreaterThan(0);
    expect(comp.columns.composability[0]).toBeLessThanOrEqual(1);
    expect(comp.columns.composability__multi_protocol_share[0]).toBeGreaterThan(0);

    const cov = await factorCoverage([mevFlashloans, composability], provider, 'ETH/USDT');
    for (const id of ['mev_flashloans', 'composability']) {
      expect(cov.find((c) => c.id === id)?.computable, id).toBe(true);
    }
  });
});
