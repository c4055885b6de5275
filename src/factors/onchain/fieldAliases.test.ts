import { describe, expect, it } from 'vitest';
import { defiFactors } from '../defi/index.js';
import { infrastructureFactors } from '../infrastructure/index.js';
import { macroFactors } from '../macro/index.js';
import { regulatoryFactors } from '../regulatory/index.js';
import { sentimentFactors } from '../sentiment/index.js';
import { STORE_FIELD_ALIASES, storeAliasKey } from './fieldAliases.js';
import { onchainFactors } from './index.js';

describe('store field aliases', () => {
  const all = [
    ...onchainFactors,
    ...defiFactors,
    ...sentimentFactors,
    ...regulatoryFactors,
    ...infrastructureFactors,
    ...macroFactors,
  ];
  const used = new Set(all.flatMap((f) => f.inputs.map((i) => storeAliasKey(i.kind, i.field, i.source))));

  it('every alias names a field some factor reads', () => {
    for (const key of Object.keys(STORE_FIELD_ALIASES)) expect(used.has(key), key).toBe(true);
  });

  it('covers the Coin Metrics inputs of NVT, MVRV, velocity, throughput', () => {
    for (const k of [
      'market_cap_usd',
      'realized_cap_usd',
      'transfer_value_adj_usd',
      'tx_count',
      'block_count',
    ]) {
      expect(STORE_FIELD_ALIASES[`onchain:${k}`]?.[0].kind).toBe('onchainMetrics');
    }
    expect(STORE_FIELD_ALIASES['defi:chain_tvl_usd.bsc']?.[0].chain).toBe('binance');
  });

  it("prefers the real files' ids over the simulated world's (staked supply, LBMA gold)", () => {
    expect(STORE_FIELD_ALIASES['onchain:staked_supply'].map((r) => r.id)).toEqual([
      'ActiveStakeADA',
      'staked_supply',
    ]);
    expect(STORE_FIELD_ALIASES['macro:usd@lbma']).toEqual([
      { kind: 'macroSeries', id: 'usd', source: 'lbma' },
      { kind: 'macroSeries', id: 'GOLD_USD' },
    ]);
    expect(storeAliasKey('macro', 'usd', 'lbma')).toBe('macro:usd@lbma');
  });
});
