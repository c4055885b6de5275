import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { sharedDataPath } from '../../data/sharedData.js';
import { protocolFees } from '../defi/protocol_fees.js';
import { computeFactor, type FactorInputData } from '../engine.js';
import { institutionalAdoption } from '../regulatory/institutional_adoption.js';
import { DAY_MS, type FactorSpec, factorColumnName } from '../spec.js';
import { assertFactorProperties } from '../testing/checkFactor.js';
import { factorLookback } from '../validate.js';
import { activeAddresses } from './active_addresses.js';
import { exchangeFlows } from './exchange_flows.js';
import { gasFees } from './gas_fees.js';
import { hashRateDifficulty } from './hash_rate_difficulty.js';
import { networkUtilization } from './network_utilization.js';
import { readCsvTable } from './sharedCsv.js';
import { txCountFees } from './tx_count_fees.js';
import { velocitySupply } from './velocity_supply.js';

const day = (d: string) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`);
const cqDay = (d: string) => {
  const [y, m, dd] = d.split('.');
  return Date.UTC(Number(y), Number(m) - 1, Number(dd));
};

/**
 * Runs the property harness on real inputs and checks that the main output has a value on every row after
 * the warm-up where its inputs exist (the "compute without NaN beyond warm-up" goal).
 */
function checkOnReal(
  spec: FactorSpec,
  data: FactorInputData,
  from: string,
  to: string,
  minFinite = 0.97,
): void {
  const grid = { from: day(from), to: day(to), barMs: DAY_MS };
  assertFactorProperties(spec, { data, grid, minFinite: 0, cuts: 4 });
  const res = computeFactor(spec, data, grid);
  const col = res.columns[factorColumnName(spec, 'value')];
  const warm = Math.min(col.length, factorLookback(spec) + 2);
  let finite = 0;
  for (let i = warm; i < col.length; i++) if (Number.isFinite(col[i])) finite++;
  expect(finite / (col.length - warm), spec.id).toBeGreaterThan(minFinite);
}

describeSharedData('factors on the real shared data (point-in-time, streaming, coverage)', () => {
  const cm = readCsvTable(sharedDataPath('onchain', 'coinmetrics_community_btc.csv'));
  const cmTs = Float64Array.from(cm.column('time'), day);
  const cmCol = (name: string) => ({ ts: cmTs, values: cm.numeric(name) });

  it('Coin Metrics BTC 2009-2020: activity, hash rate, fees, utilization, velocity', () => {
    checkOnReal(activeAddresses, { active: cmCol('AdrActCnt') }, '2012-01-01', '2020-07-20');
    checkOnReal(
      hashRateDifficulty,
      { hash_rate: cmCol('HashRate'), difficulty: cmCol('DiffMean') },
      '2012-01-01',
      '2020-07-20',
    );
    checkOnReal(
      txCountFees,
      { tx_count: cmCol('TxCnt'), fees_usd: cmCol('FeeTotUSD') },
      '2012-01-01',
      '2020-07-20',
    );
    checkOnReal(networkUtilization, { block_size: cmCol('BlkSizeMeanByte') }, '2012-01-01', '2020-07-20');
    checkOnReal(gasFees, { median_fee_usd: cmCol('FeeMedUSD') }, '2012-01-01', '2020-07-20');
    checkOnReal(
      velocitySupply,
      {
        transfer_value: cmCol('TxTfrValAdjUSD'),
        market_cap: cmCol('CapMrktCurUSD'),
        supply: cmCol('SplyCur'),
      },
      '2012-01-01',
      '2020-07-20',
    );
  });

  it('Coin Metrics BTC 2020-2026: exchange flows', () => {
    const t = readCsvTable(sharedDataPath('onchain', 'coinmetrics_community_btc_2020_2026.csv'));
    const ts = Float64Array.from(t.column('time'), day);
    const data = {
      inflow: { ts, values: t.numeric('FlowInExUSD') },
      outflow: { ts, values: t.numeric('FlowOutExUSD') },
    };
    checkOnReal(exchangeFlows, data, '2020-03-01', '2026-05-01', 0.9);
  });

  it('DefiLlama Aave fees and CryptoQuant-style fund reserves', () => {
    const fees = readCsvTable(sharedDataPath('defi', 'defillama_aave_daily_fees.csv'));
    const fts = Float64Array.from(fees.column('date'), day);
    checkOnReal(
      protocolFees,
      { fees: { ts: fts, values: fees.numeric('total_fees') } },
      '2021-06-01',
      '2023-06-01',
    );
    const fr = readCsvTable(sharedDataPath('onchain', 'cryptoquant_style', 'btc_fund_reserves.csv'));
    const frTs = Float64Array.from(fr.column(fr.header[0]), cqDay);
    // The optional news inputs are absent: their columns are NaN in batch and streaming alike.
    const values = fr.numeric(fr.header[1]);
    const grid = { from: day('2020-08-01'), to: day('2024-11-01'), barMs: DAY_MS };
    const frData = { fund_reserves: { ts: frTs, values } };
    assertFactorProperties(institutionalAdoption, { data: frData, grid, minFinite: 0, cuts: 4 });
    const res = computeFactor(institutionalAdoption, frData, grid);
    const i = Math.round((day('2024-06-15') - grid.from) / DAY_MS);
    const j = frTs.indexOf(day('2024-06-14'));
    expect(j).toBeGreaterThan(30);
    expect(values[j] > 0 && values[j - 30] > 0 && frTs[j] - frTs[j - 30] === 30 * DAY_MS).toBe(true);
    expect(res.columns.institutional_adoption[i]).toBeCloseTo(Math.log(values[j] / values[j - 30]), 12);
    expect(res.columns.institutional_adoption__news_30d[i]).toBeNaN();
    // The export has 0 on some days (e.g. 2023-12-24/25/31), which the log change treats as unavailable.
    const k = Math.round((day('2024-01-01') - grid.from) / DAY_MS);
    expect(res.columns.institutional_adoption__fund_reserves[k]).toBe(0);
  });
});
