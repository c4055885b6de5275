import type { InputKind } from '../spec.js';

/** One store series that can serve a factor input field. Omitted keys do not constrain the match. */
export interface StoreSeriesRef {
  /** Store record kind holding the series. */
  readonly kind: 'onchainMetrics' | 'defiMetrics' | 'indexSeries' | 'macroSeries';
  /** `metric` (onchain/DeFi), `index` (index series) or `series` (macro) id as ingested. */
  readonly id: string;
  /** Record `source` the series must come from (macro series). */
  readonly source?: string;
  readonly protocol?: string;
  readonly chain?: string;
  readonly subject?: string;
}

/**
 * How the on-chain, DeFi and index fields read by the on-chain, DeFi, sentiment, regulatory and
 * infrastructure factors map onto series ingested from `../shared/data` (`src/data/datasets.ts`), in order of
 * preference. Key: `<input kind>:<field>` (plus `@<source>` for DeFi inputs that name a protocol). Fields
 * without an entry are matched by identical metric/index id. Vendor ids (Coin Metrics `CapMrktCurUSD`...) are
 * the ones the ingest keeps verbatim.
 */
export const STORE_FIELD_ALIASES: Readonly<Record<string, readonly StoreSeriesRef[]>> = {
  'onchain:active_addresses': [{ kind: 'onchainMetrics', id: 'AdrActCnt' }],
  'onchain:hash_rate': [
    { kind: 'onchainMetrics', id: 'hash_rate' },
    { kind: 'onchainMetrics', id: 'HashRate' },
  ],
  'onchain:difficulty': [
    { kind: 'onchainMetrics', id: 'difficulty' },
    { kind: 'onchainMetrics', id: 'DiffMean' },
  ],
  'onchain:tx_count': [{ kind: 'onchainMetrics', id: 'TxCnt' }],
  'onchain:fees_usd': [{ kind: 'onchainMetrics', id: 'FeeTotUSD' }],
  'onchain:fee_median_usd': [{ kind: 'onchainMetrics', id: 'FeeMedUSD' }],
  'onchain:market_cap_usd': [{ kind: 'onchainMetrics', id: 'CapMrktCurUSD' }],
  'onchain:realized_cap_usd': [{ kind: 'onchainMetrics', id: 'CapRealUSD' }],
  'onchain:transfer_value_adj_usd': [{ kind: 'onchainMetrics', id: 'TxTfrValAdjUSD' }],
  'onchain:transfer_value_adj_ntv': [{ kind: 'onchainMetrics', id: 'TxTfrValAdjNtv' }],
  'onchain:exchange_inflow_usd': [{ kind: 'onchainMetrics', id: 'FlowInExUSD' }],
  'onchain:exchange_outflow_usd': [{ kind: 'onchainMetrics', id: 'FlowOutExUSD' }],
  'onchain:supply': [{ kind: 'onchainMetrics', id: 'SplyCur' }],
  'onchain:block_size_mean_bytes': [{ kind: 'onchainMetrics', id: 'BlkSizeMeanByte' }],
  'onchain:block_count': [{ kind: 'onchainMetrics', id: 'BlkCnt' }],
  // Coin Metrics' Cardano active stake; the generic id is what the simulated world (and other chains) write
  'onchain:staked_supply': [
    { kind: 'onchainMetrics', id: 'ActiveStakeADA' },
    { kind: 'onchainMetrics', id: 'staked_supply' },
  ],
  // LBMA gold PM fix in USD (series `usd` of source `lbma`, the shared file's layout), else a series named as
  // the gold spot price in USD (`GOLD_USD`, as the simulated world writes it)
  'macro:usd@lbma': [
    { kind: 'macroSeries', id: 'usd', source: 'lbma' },
    { kind: 'macroSeries', id: 'GOLD_USD' },
  ],
  'onchain:fund_reserve': [{ kind: 'onchainMetrics', id: 'fund_reserve' }],
  'defi:tvl_usd@all': [{ kind: 'defiMetrics', id: 'tvl_usd', protocol: 'all', chain: 'all' }],
  'defi:fees_usd@aave': [{ kind: 'defiMetrics', id: 'fees_usd', protocol: 'aave', chain: 'all' }],
  'defi:volume_usd@uniswap': [{ kind: 'defiMetrics', id: 'volume_usd', protocol: 'uniswap', chain: 'all' }],
  'index:fear_greed': [{ kind: 'indexSeries', id: 'fear_greed', subject: 'crypto' }],
  'index:etf_net_flow_usd': [{ kind: 'indexSeries', id: 'etf_net_flow_usd' }],
  ...Object.fromEntries(
    (
      [
        ['ethereum', 'ethereum'],
        ['tron', 'tron'],
        ['bsc', 'binance'],
        ['arbitrum', 'arbitrum'],
        ['solana', 'solana'],
        ['polygon', 'polygon'],
        ['avalanche', 'avalanche'],
        ['optimism', 'optimism'],
        ['base', 'base'],
        ['sui', 'sui'],
      ] as const
    ).map(([field, chain]) => [
      `defi:chain_tvl_usd.${field}`,
      [{ kind: 'defiMetrics', id: 'tvl_usd', protocol: 'all', chain }] as const,
    ]),
  ),
};

/**
 * The alias key of an input: `<kind>:<field>`, with `@<source>` for DeFi inputs that name a protocol and
 * macro inputs that name a source.
 */
export function storeAliasKey(kind: InputKind, field: string, source?: string): string {
  return (kind === 'defi' || kind === 'macro') && source ? `${kind}:${field}@${source}` : `${kind}:${field}`;
}
