import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { sharedDataPath } from '../../data/sharedData.js';
import { computeFactor } from '../engine.js';
import { readCsvTable } from '../onchain/sharedCsv.js';
import { DAY_MS } from '../spec.js';
import { assertFactorProperties } from '../testing/checkFactor.js';
import { crossChain } from './cross_chain.js';
import { energy } from './energy.js';
import { infrastructureFactors } from './index.js';
import { throughput } from './throughput.js';

describe('infrastructure factors: point-in-time and batch = streaming', () => {
  it('registers the 7 infrastructure factors of the seed', () => {
    expect(infrastructureFactors).toHaveLength(7);
    expect(new Set(infrastructureFactors.map((f) => f.id)).size).toBe(7);
    for (const f of infrastructureFactors) expect(f.category).toBe('infrastructure');
  });
  for (const spec of infrastructureFactors) {
    it(spec.id, () => {
      const r = assertFactorProperties(spec, spec.id === 'dev_ecosystem' ? { rows: 900 } : {});
      expect(r.rows).toBeGreaterThan(100);
    });
  }
});

describeSharedData('infrastructure factors on real data', () => {
  const day = (d: string) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`);

  it('energy from the real BTC hash rate is in the range of published estimates', () => {
    const t = readCsvTable(sharedDataPath('onchain', 'btc_hashrate_daily.csv'));
    const ts = Float64Array.from(t.column('date'), day);
    const hr = t.numeric('hashrate');
    const grid = { from: day('2019-01-01'), to: day('2026-02-01'), barMs: DAY_MS };
    const res = computeFactor(energy, { hash_rate: { ts, values: hr }, tx_count: undefined }, grid);
    const at = (d: string) => res.columns.energy[(day(d) - grid.from) / DAY_MS];
    // CBECI best-guess annualized consumption: roughly 60-80 TWh in 2020, 100-150 in 2022, 120-200 in 2024.
    expect(at('2020-06-01')).toBeGreaterThan(40);
    expect(at('2020-06-01')).toBeLessThan(100);
    expect(at('2022-06-01')).toBeGreaterThan(80);
    expect(at('2022-06-01')).toBeLessThan(170);
    expect(at('2024-06-01')).toBeGreaterThan(100);
    expect(at('2024-06-01')).toBeLessThan(220);
    assertFactorProperties(energy, { data: { hash_rate: { ts, values: hr } }, grid, minFinite: 0 });
  });

  it('throughput on Coin Metrics BTC: ~600 s blocks, a few TPS', () => {
    const t = readCsvTable(sharedDataPath('onchain', 'coinmetrics_community_btc.csv'));
    const ts = Float64Array.from(t.column('time'), day);
    const data = {
      tx_count: { ts, values: t.numeric('TxCnt') },
      blocks: { ts, values: t.numeric('BlkCnt') },
    };
    const grid = { from: day('2016-01-01'), to: day('2020-07-01'), barMs: DAY_MS };
    const res = computeFactor(throughput, data, grid);
    const bt = res.columns.throughput__block_time_s;
    const tps = res.columns.throughput;
    let s = 0;
    let m = 0;
    for (let i = 0; i < bt.length; i++) {
      if (Number.isNaN(bt[i])) continue;
      s += bt[i];
      m++;
      expect(tps[i]).toBeGreaterThan(0.5);
      expect(tps[i]).toBeLessThan(7);
    }
    expect(m).toBeGreaterThan(1500);
    expect(s / m).toBeGreaterThan(540);
    expect(s / m).toBeLessThan(640);
    assertFactorProperties(throughput, { data, grid });
  });

  it('cross_chain on DefiLlama chain TVL: Ethereum dominance fell after 2020', () => {
    const t = readCsvTable(sharedDataPath('defi', 'defillama_tvl_by_chain.csv'));
    const ts = Float64Array.from(t.column('date'), day);
    const col = (name: string) => ({ ts, values: t.numeric(name) });
    const data = {
      ethereum: col('Ethereum'),
      tron: col('Tron'),
      bsc: col('Binance'),
      arbitrum: col('Arbitrum'),
      solana: col('Solana'),
      polygon: col('Polygon'),
      avalanche: col('Avalanche'),
      optimism: col('Optimism'),
    };
    const grid = { from: day('2020-01-01'), to: day('2023-07-20'), barMs: DAY_MS };
    const res = computeFactor(crossChain, data, grid);
    const at = (d: string) => res.columns.cross_chain__non_ethereum_share[(day(d) - grid.from) / DAY_MS];
    // Share among the eight chains listed (Terra, Fantom... are outside the set).
    expect(at('2020-06-01')).toBeLessThan(0.1);
    expect(at('2022-01-01')).toBeGreaterThan(0.2);
    assertFactorProperties(crossChain, { data, grid, minFinite: 0 });
  });
});
