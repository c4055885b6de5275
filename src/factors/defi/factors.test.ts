import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { sharedDataPath } from '../../data/sharedData.js';
import { computeFactor } from '../engine.js';
import { evaluateFactor } from '../evaluate.js';
import { readCsvTable } from '../onchain/sharedCsv.js';
import { DAY_MS, gridParams } from '../spec.js';
import { assertFactorProperties } from '../testing/checkFactor.js';
import { defiTvl } from './defi_tvl.js';
import { defiFactors } from './index.js';
import { impermanentLoss } from './kernels.js';
import { type SwapEvent, detectArbitrages, detectSandwiches, swapInputSeries, swapMevFields } from './mev.js';
import { mevFlashloans } from './mev_flashloans.js';
import { poolIl } from './pool_il.js';

describe('DeFi factors: point-in-time and batch = streaming', () => {
  it('registers the 12 DeFi factors of the seed', () => {
    expect(defiFactors).toHaveLength(12);
    expect(new Set(defiFactors.map((f) => f.id)).size).toBe(12);
    for (const f of defiFactors) expect(f.category).toBe('defi');
  });
  for (const spec of defiFactors) {
    it(spec.id, () => {
      const r = assertFactorProperties(spec);
      expect(r.rows).toBeGreaterThan(100);
    });
  }
});

describeSharedData('DeFi factors on real data', () => {
  const day = (d: string) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`);

  it('defi_tvl on DefiLlama total TVL: as-of value, changes, point-in-time on the real series', () => {
    const t = readCsvTable(sharedDataPath('defi', 'defillama_total_defi_tvl_daily.csv'));
    const ts = Float64Array.from(t.column('Date'), day);
    const tvl = t.numeric('TVL');
    const grid = { from: day('2021-01-01'), to: day('2023-07-01'), barMs: DAY_MS };
    const res = computeFactor(defiTvl, { tvl: { ts, values: tvl }, market_cap: undefined }, grid);
    // Row T holds the value stamped T - 1 day (published after that day closed).
    const i = Math.round((day('2022-05-15') - grid.from) / DAY_MS);
    const j = t.column('Date').indexOf('2022-05-14');
    expect(res.columns.defi_tvl[i]).toBe(tvl[j]);
    expect(res.columns.defi_tvl__change_7d[i]).toBeCloseTo(Math.log(tvl[j] / tvl[j - 7]), 12);
    // May 2022 (Terra collapse): TVL fell by more than 30% in a week.
    expect(res.columns.defi_tvl__change_7d[i]).toBeLessThan(Math.log(0.7));
    expect(res.columns.defi_tvl__tvl_to_mcap[i]).toBeNaN();
    assertFactorProperties(defiTvl, { data: { tvl: { ts, values: tvl } }, grid, minFinite: 0 });
  });

  it('pool_il equals the closed form on BTC daily closes', () => {
    const t = readCsvTable(sharedDataPath('market', 'binance_spot_1d', 'BTCUSDT_1d.csv'));
    const close = t.numeric('close');
    const n = close.length;
    const ts = Float64Array.from(t.column('timestamp'), day);
    const out = evaluateFactor(poolIl, {
      ts,
      n,
      params: gridParams(DAY_MS),
      columns: {
        close,
        reserve0: new Float64Array(n).fill(Number.NaN),
        reserve1: new Float64Array(n).fill(Number.NaN),
      },
    });
    for (const i of [40, 500, 1500, 3000]) {
      expect(out.value[i]).toBeCloseTo(impermanentLoss(close[i] / close[i - 30]), 12);
      expect(out.il_7d[i]).toBeCloseTo(impermanentLoss(close[i] / close[i - 7]), 12);
    }
    expect(Math.min(...out.value.filter((v) => !Number.isNaN(v)))).toBeLessThan(-0.02);
  });

  it('swapMevFields on the mev-inspect swaps (250 blocks)', () => {
    const t = readCsvTable(
      sharedDataPath('defi', 'mev_inspect_dex_swaps_2021-06_blocks_12634810-12635061.csv'),
    );
    const c = {
      block: t.numeric('block_number'),
      pos: t.numeric('transaction_position'),
      hash: t.column('transaction_hash'),
      pool: t.column('contract_address'),
      to: t.column('to_address'),
      from: t.column('from_address'),
      tin: t.column('token_in_address'),
      ain: t.numeric('token_in_amount'),
      tout: t.column('token_out_address'),
      aout: t.numeric('token_out_amount'),
      err: t.column('error'),
    };
    const swaps: SwapEvent[] = [];
    for (let i = 0; i < t.rows.length; i++) {
      if (c.err[i] !== '') continue;
      swaps.push({
        blockNumber: c.block[i],
        txPosition: c.pos[i],
        txHash: c.hash[i],
        pool: c.pool[i],
        to: c.to[i],
        from: c.from[i],
        tokenIn: c.tin[i],
        amountIn: c.ain[i],
        tokenOut: c.tout[i],
        amountOut: c.aout[i],
        traceOrder: i,
      });
    }
    const f = swapMevFields(swaps);
    expect(f.swap_count).toBe(swaps.length);
    expect(f.swap_tx_count).toBeLessThan(f.swap_count);
    expect(f.multi_pool_tx_count).toBeGreaterThan(100);
    expect(f.sandwich_count).toBeGreaterThan(5);
    expect(f.arbitrage_count).toBeGreaterThan(5);
    expect(f.interaction_density).toBeGreaterThan(0);
    expect(f.interaction_density).toBeLessThan(0.05);
  });
});

describeSharedData('swapInputSeries on the mev-inspect swaps', () => {
  it('per-block detection adds up to whole-file detection and feeds mev_flashloans', () => {
    const t = readCsvTable(
      sharedDataPath('defi', 'mev_inspect_dex_swaps_2021-06_blocks_12634810-12635061.csv'),
    );
    const block = t.numeric('block_number');
    const pos = t.numeric('transaction_position');
    const cols = [
      'transaction_hash',
      'contract_address',
      'to_address',
      'from_address',
      'token_in_address',
      'token_out_address',
      'error',
    ].map((c) => t.column(c));
    const ain = t.numeric('token_in_amount');
    const aout = t.numeric('token_out_amount');
    const swaps: SwapEvent[] = [];
    for (let i = 0; i < t.rows.length; i++) {
      if (cols[6][i] !== '') continue;
      swaps.push({
        blockNumber: block[i],
        txPosition: pos[i],
        txHash: cols[0][i],
        pool: cols[1][i],
        to: cols[2][i],
        from: cols[3][i],
        tokenIn: cols[4][i],
        amountIn: ain[i],
        tokenOut: cols[5][i],
        amountOut: aout[i],
        traceOrder: i,
      });
    }
    // Block times are not in the file: stamp block b at a nominal 13.2 s spacing (the 2021 average).
    const t0 = Date.UTC(2021, 5, 15);
    const series = swapInputSeries(swaps, (s) => t0 + (s.blockNumber - 12634809) * 13_200);
    const total = (v: Float64Array) => v.reduce((a, b) => a + b, 0);
    expect(total(series.sandwich_count.values)).toBe(detectSandwiches(swaps).length);
    expect(total(series.arbitrage_count.values)).toBe(detectArbitrages(swaps).length);
    expect(total(series.swap_count.values)).toBe(swaps.length);
    const res = computeFactor(
      mevFlashloans,
      { sandwiches: series.sandwich_count, arbitrages: series.arbitrage_count, swaps: series.swap_count },
      { from: t0 + DAY_MS, to: t0 + DAY_MS, barMs: DAY_MS },
    );
    expect(res.columns.mev_flashloans[0]).toBe(detectSandwiches(swaps).length);
    expect(res.columns.mev_flashloans__mev_share[0]).toBeCloseTo(
      (detectSandwiches(swaps).length + detectArbitrages(swaps).length) / swaps.length,
      12,
    );
  });
});
