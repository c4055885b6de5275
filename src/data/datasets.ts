import { UsageError } from '../errors/base.js';
import { type IngestOptions, type IngestReport, ingestFile } from './ingest/ingestFile.js';
import type { ColumnMappingInput } from './ingest/mapping.js';
import { type PresetName, type PresetOptions, presetMapping } from './ingest/presets.js';
import type { RecordKind } from './schemas/index.js';
import { sharedDataPath } from './sharedData.js';
import type { Store } from './store.js';

const DAY = 86_400_000;

/**
 * How one file of the shared real-data folder (`../shared/data`, see its MANIFEST.md) is ingested: its kind and
 * either a preset with options or a full mapping, plus the row count the manifest states (data rows, or JSON
 * records) so a test can check nothing was lost.
 */
export interface SharedDataset {
  /** Path relative to the shared data folder. */
  path: string;
  kind: RecordKind;
  preset?: PresetName;
  options?: PresetOptions;
  mapping?: ColumnMappingInput;
  /** Rows (or JSON records) in the file per the manifest. */
  rows: number;
  /** What the data is, units, and any judgement made in the mapping. */
  note: string;
}

const SPOT_1D = [
  'ADA',
  'AVAX',
  'BNB',
  'BTC',
  'DOGE',
  'DOT',
  'ETH',
  'LINK',
  'LTC',
  'MATIC',
  'PAXG',
  'SOL',
  'TRX',
  'UNI',
  'XRP',
];
const SPOT_1D_ROWS = [
  2822, 1933, 2984, 3065, 2378, 1968, 3065, 2548, 2947, 1965, 1958, 1975, 2767, 1938, 2805,
];
const SPOT_1H = ['BNB', 'BTC', 'DOGE', 'ETH', 'SOL', 'XRP'];

function binanceBars(path: string, base: string, interval: string, rows: number): SharedDataset {
  return {
    path,
    kind: 'bars',
    preset: 'binance-ohlcv',
    options: { constants: { source: 'binance', venue: 'binance', symbol: `${base}/USDT`, interval } },
    rows,
    note: `Binance spot ${base}/USDT ${interval} OHLCV (USDT, base-asset volume); bar stamped at its open, known at its close.`,
  };
}

function funding(
  venue: string,
  base: string,
  intervalH: number,
  rows: number,
  order: 'asc' | 'desc',
): SharedDataset {
  return {
    path: `derivatives/funding_history/${venue}_${base}USDT_funding.csv`,
    kind: 'funding',
    mapping: {
      kind: 'funding',
      time: { column: 'ts', format: 'epoch_ms' },
      fields: { rate: 'rate' },
      constants: { source: venue, venue, symbol: `${base}/USDT:USDT`, intervalMs: intervalH * 3_600_000 },
      order,
    },
    rows,
    note: `${venue} ${base}/USDT perpetual funding prints, decimal per ${intervalH}h interval.`,
  };
}

function fred(id: string, rows: number, percent: boolean, monthly: boolean): SharedDataset {
  return {
    path: `macro/fred_${id}.csv`,
    kind: 'macroSeries',
    preset: 'date-value',
    options: {
      kind: 'macroSeries',
      constants: { source: 'fred', series: id },
      scale: percent ? 0.01 : undefined,
      // daily values are known after the day; monthly releases come about two weeks after the month ends
      lagMs: monthly ? 45 * DAY : DAY,
    },
    rows,
    note: `FRED ${id}${percent ? ' (percent converted to a decimal fraction)' : ''}; blank holiday values are unavailable.`,
  };
}

/**
 * A CryptoQuant-style `Date, Data` file. `level` marks level series where zero is impossible (reserves, ratios
 * such as MVRV/SOPR, dominance): the files write 0 for a missing day there, which is ingested as unavailable
 * (`zeroAsMissing`), not as a real zero. Flows and series that cross zero (NUPL, MPI) keep their zeros.
 */
function cryptoquant(
  file: string,
  metric: string,
  rows: number,
  scale?: number,
  level = false,
  kind: RecordKind = 'onchainMetrics',
): SharedDataset {
  const constants: Record<string, string> =
    kind === 'onchainMetrics'
      ? { source: 'cryptoquant', chain: 'bitcoin', asset: 'BTC', metric }
      : { source: 'cryptoquant', index: metric, subject: 'BTC' };
  return {
    path: `onchain/cryptoquant_style/${file}`,
    kind,
    preset: 'cryptoquant',
    options: { kind, constants, scale, lagMs: DAY, zeroAsMissing: level },
    rows,
    note: `CryptoQuant-style daily ${metric}${scale ? ' (percent converted to a fraction)' : ''}${level ? '; zeros are missing days (unavailable)' : ''}.`,
  };
}

function defiWide(
  path: string,
  rows: number,
  key: Record<string, string>,
  constants: Record<string, string>,
  note: string,
  extra: Partial<NonNullable<ColumnMappingInput['wide']>> = {},
  timeCol = ['date', 'Date'],
): SharedDataset {
  return {
    path,
    kind: 'defiMetrics',
    mapping: {
      kind: 'defiMetrics',
      time: { column: timeCol, format: 'iso' },
      constants: { source: 'defillama', ...constants },
      wide: { value: 'value', key, ...extra },
      lagMs: DAY,
    },
    rows,
    note,
  };
}

/** Every file of the shared data folder with the mapping that ingests it. */
export const SHARED_DATASETS: readonly SharedDataset[] = [
  // ---- market ------------------------------------------------------------------------------------------
  {
    path: 'market/binance_btcusdt_1m_close.csv',
    kind: 'bars',
    mapping: {
      kind: 'bars',
      time: { column: 'ts', format: 'epoch_ms' },
      fields: { close: 'close' },
      constants: { source: 'binance', venue: 'binance', symbol: 'BTC/USDT', interval: '1m' },
    },
    rows: 86401,
    note: 'Binance spot BTC/USDT 1m close only: open/high/low/volume are unavailable (NaN when read).',
  },
  ...SPOT_1D.map((b, i) => binanceBars(`market/binance_spot_1d/${b}USDT_1d.csv`, b, '1d', SPOT_1D_ROWS[i])),
  ...SPOT_1H.map((b) => binanceBars(`market/binance_spot_1h/${b}USDT_1h.csv`, b, '1h', 26279)),
  ...['BTC', 'ETH'].map((b) => binanceBars(`market/binance_spot_1m_full/${b}USDT_1m.csv`, b, '1m', 4320)),
  ...['BTC', 'ETH'].map((b) => binanceBars(`market/binance_spot_4h/${b}USDT_4h.csv`, b, '4h', 18371)),
  {
    path: 'market/binance_usdm_perp_universe_1d_close.csv',
    kind: 'bars',
    mapping: {
      kind: 'bars',
      time: { column: '', format: 'iso' },
      constants: { source: 'binance', venue: 'binance', interval: '1d' },
      wide: { value: 'close', pattern: '^(?<base>[A-Z0-9]+)USDT$', key: { symbol: '{base}/USDT:USDT' } },
    },
    rows: 499,
    note: 'Binance USD-M perpetual daily closes, one column per symbol (wide); empty cells before listing are unavailable.',
  },
  ...(
    [
      ['btc_usd_daily_2013_cryptocompare.csv', 'BTC', 4557],
      ['eth_usd_daily_cryptocompare.csv', 'ETH', 3492],
    ] as const
  ).map(
    ([file, base, rows]): SharedDataset => ({
      path: `market/${file}`,
      kind: 'bars',
      mapping: {
        kind: 'bars',
        time: { column: 'date', format: 'iso' },
        fields: {
          open: 'open',
          high: 'high',
          low: 'low',
          close: 'close',
          volume: 'volumefrom',
          quoteVolume: 'volumeto',
        },
        constants: { source: 'cryptocompare', venue: 'cccagg', symbol: `${base}/USD`, interval: '1d' },
        ohlcContainment: false,
      },
      rows,
      note: `CryptoCompare CCCAGG ${base}/USD daily OHLCV; the source's derived return/volatility columns are not ingested. The aggregate's open is the previous close, so high/low need not contain open/close (only high >= low is checked).`,
    }),
  ),
  // ---- derivatives -------------------------------------------------------------------------------------
  {
    path: 'derivatives/binance_btcusdt_funding_8h_pct.json',
    kind: 'funding',
    mapping: {
      kind: 'funding',
      format: 'json',
      json: { shape: 'arrays' },
      time: { column: 0, format: 'epoch_ms' },
      fields: { rate: { column: 1, scale: 0.01 } },
      constants: { source: 'binance', venue: 'binance', symbol: 'BTC/USDT:USDT', intervalMs: 8 * 3_600_000 },
    },
    rows: 3316,
    note: 'Binance BTC/USDT perp 8h funding; the file is in percent, stored as a decimal fraction.',
  },
  {
    path: 'derivatives/binance_btcusdt_funding_daily.csv',
    kind: 'funding',
    mapping: {
      kind: 'funding',
      time: { column: 'date', format: 'iso' },
      fields: { rate: 'funding_mean' },
      constants: {
        source: 'binance-daily-mean',
        venue: 'binance',
        symbol: 'BTC/USDT:USDT',
        intervalMs: 8 * 3_600_000,
      },
      lagMs: DAY,
    },
    rows: 2348,
    note: 'Daily mean of the 8h Binance BTC perp funding rates (decimal per 8h), known at the end of the day; source "binance-daily-mean" keeps it apart from the raw prints.',
  },
  {
    path: 'derivatives/binance_btcusdt_perp_basis_daily.json',
    kind: 'basis',
    mapping: {
      kind: 'basis',
      format: 'json',
      json: { shape: 'arrays' },
      time: { column: 0, format: 'epoch_ms' },
      fields: { basisAbs: { column: 1 } },
      constants: { source: 'binance', venue: 'binance', symbol: 'BTC/USDT:USDT' },
      lagMs: DAY,
    },
    rows: 482,
    note: 'Binance BTC perp basis = futures - index price in USDT (basisAbs), daily, known at the end of the day.',
  },
  {
    path: 'derivatives/cryptoquant_style_btc_funding_rate.csv',
    kind: 'funding',
    mapping: {
      kind: 'funding',
      time: { column: 'Date', format: 'iso' },
      fields: { rate: { column: 'Data', scale: 0.01 } },
      constants: { source: 'cryptoquant', venue: 'all', symbol: 'BTC/USD:USD' },
      blankAsUnavailable: ['rate'],
      lagMs: DAY,
    },
    rows: 3112,
    note: 'Exchange-aggregated daily BTC perp funding; percent converted to a fraction; venue "all"; 2 blank days are unavailable.',
  },
  {
    path: 'derivatives/cryptoquant_style_btc_open_interest.csv',
    kind: 'openInterest',
    mapping: {
      kind: 'openInterest',
      time: { column: 'Date', format: 'iso' },
      fields: { openInterestUsd: 'Data' },
      constants: { source: 'cryptoquant', venue: 'all', symbol: 'BTC/USD:USD' },
      zeroAsMissing: ['openInterestUsd'],
      lagMs: DAY,
    },
    rows: 2063,
    note: 'Aggregate BTC futures open interest in USD (provider scope unknown).',
  },
  {
    path: 'derivatives/deribit_btc_dvol_daily.json',
    kind: 'optionsSummary',
    mapping: {
      kind: 'optionsSummary',
      format: 'json',
      json: { shape: 'arrays' },
      time: { column: 0, format: 'epoch_ms' },
      fields: { impliedVol: { column: 1, scale: 0.01 } },
      constants: { source: 'deribit', venue: 'deribit', underlying: 'BTC' },
      lagMs: DAY,
    },
    rows: 1102,
    note: 'Deribit BTC DVOL daily close (30-day implied vol), percent converted to a decimal.',
  },
  {
    path: 'derivatives/deribit_eth_option_chain_snapshot.json',
    kind: 'optionQuotes',
    mapping: {
      kind: 'optionQuotes',
      format: 'json',
      json: { path: 'rows', shape: 'objects' },
      time: { column: 'creation_timestamp', format: 'epoch_ms' },
      fields: {
        instrument: 'instrument_name',
        underlying: { column: 'instrument_name', parse: 'deribitUnderlying' },
        strike: { column: 'instrument_name', parse: 'deribitStrike' },
        expiry: { column: 'instrument_name', parse: 'deribitExpiry' },
        optionType: { column: 'instrument_name', parse: 'deribitType' },
        iv: { column: 'mark_iv', scale: 0.01 },
        oi: 'open_interest',
        volume: 'volume',
        bid: 'bid_price',
        ask: 'ask_price',
        mark: 'mark_price',
        underlyingPrice: 'underlying_price',
      },
      constants: { source: 'deribit', venue: 'deribit' },
      order: 'any',
    },
    rows: 754,
    note: 'Deribit ETH option chain snapshot; prices in ETH, iv decimal, expiry 08:00 UTC of the expiry date.',
  },
  {
    path: 'derivatives/deribit_eth_option_tickers_snapshot.json',
    kind: 'optionQuotes',
    mapping: {
      kind: 'optionQuotes',
      format: 'json',
      json: { shape: 'keyed' },
      time: { column: 'timestamp', format: 'epoch_ms' },
      fields: {
        instrument: 'instrument_name',
        underlying: { column: 'instrument_name', parse: 'deribitUnderlying' },
        strike: { column: 'instrument_name', parse: 'deribitStrike' },
        expiry: { column: 'instrument_name', parse: 'deribitExpiry' },
        optionType: { column: 'instrument_name', parse: 'deribitType' },
        iv: { column: 'mark_iv', scale: 0.01 },
        oi: 'open_interest',
        volume: 'stats.volume',
        bid: 'best_bid_price',
        ask: 'best_ask_price',
        mark: 'mark_price',
        underlyingPrice: 'underlying_price',
      },
      constants: { source: 'deribit', venue: 'deribit' },
      order: 'any',
    },
    rows: 27,
    note: 'Deribit ETH option tickers (27 instruments, same snapshot); greeks are not stored.',
  },
  {
    path: 'derivatives/farside_spot_etf_net_flows.csv',
    kind: 'indexSeries',
    mapping: {
      kind: 'indexSeries',
      time: { column: 'date', format: 'iso' },
      constants: { source: 'farside', index: 'etf_net_flow_usd' },
      wide: {
        value: 'value',
        scale: 1e6,
        key: { subject: '{column}' },
        overrides: {
          btc_etf_net_flow_usd_mn: { subject: 'BTC' },
          eth_etf_net_flow_usd_mn: { subject: 'ETH' },
        },
      },
      lagMs: DAY,
    },
    rows: 258,
    note: 'US spot ETF daily net flows, USD millions converted to USD; subjects BTC and ETH.',
  },
  funding('binance', 'BTC', 8, 540, 'asc'),
  funding('binance', 'ETH', 8, 540, 'asc'),
  funding('bybit', 'BTC', 8, 540, 'desc'),
  funding('bybit', 'ETH', 8, 540, 'desc'),
  funding('hyperliquid', 'BTC', 1, 4320, 'asc'),
  funding('hyperliquid', 'ETH', 1, 4320, 'asc'),
  funding('okx', 'BTC', 8, 279, 'desc'),
  funding('okx', 'ETH', 8, 279, 'desc'),
  // ---- graph -------------------------------------------------------------------------------------------
  {
    path: 'graph/eth_lazarus_ronin_exploit_fund_flows_2022.csv',
    kind: 'transactions',
    mapping: {
      kind: 'transactions',
      time: { column: 'block_time', format: 'iso' },
      fields: {
        from: { column: 'from', parse: 'hexAddress' },
        to: { column: 'to', parse: 'hexAddress' },
        amount: 'total_eth',
      },
      constants: { source: 'dune', chain: 'ethereum' },
      idFromContent: 'hash',
      order: 'any',
    },
    rows: 436,
    note: 'Lazarus/Ronin exploit ETH flows (Dune): no tx hash in the source, so the id is a content hash; amounts in ETH.',
  },
  {
    path: 'graph/eth_token_transfers_sample_2016-12-09.csv',
    kind: 'transactions',
    mapping: {
      kind: 'transactions',
      time: { column: 'block_timestamp', format: 'mdy' },
      fields: {
        hash: 'transaction_hash',
        logIndex: { column: 'log_index', parse: 'int' },
        blockNumber: { column: 'block_number', parse: 'int' },
        from: 'from_address',
        to: 'to_address',
        token: 'token_address',
        value: { column: 'value', parse: 'uint' },
      },
      constants: { source: 'bigquery', chain: 'ethereum' },
      order: 'any',
    },
    rows: 500,
    note: 'ERC-20 transfers (ethereum-etl schema); value in raw token units, exact.',
  },
  {
    path: 'graph/eth_transactions_sample_2021-08-01.csv',
    kind: 'transactions',
    mapping: {
      kind: 'transactions',
      time: { column: 'block_timestamp', format: 'mdy' },
      fields: {
        hash: 'hash',
        blockNumber: { column: 'block_number', parse: 'int' },
        from: 'from_address',
        to: 'to_address',
        value: { column: 'value', parse: 'uint' },
        gas: 'gas',
        gasPrice: 'gas_price',
        fee: { mul: ['receipt_gas_used', 'receipt_effective_gas_price'] },
      },
      constants: { source: 'bigquery', chain: 'ethereum' },
      order: 'any',
    },
    rows: 500,
    note: 'Ethereum transactions (ethereum-etl); value and gas price in wei; fee = gas used x effective gas price (wei).',
  },
  {
    path: 'graph/eth_transactions_sample_2021-08-01.csv',
    kind: 'blocks',
    mapping: {
      kind: 'blocks',
      time: { column: 'block_timestamp', format: 'mdy' },
      fields: { number: { column: 'block_number', parse: 'int' }, hash: 'block_hash' },
      constants: { source: 'bigquery', chain: 'ethereum' },
      order: 'any',
    },
    rows: 500,
    note: 'The 29 block headers (number, hash, time) referenced by the transaction sample; repeated rows collapse by key.',
  },
  // ---- macro -------------------------------------------------------------------------------------------
  {
    path: 'macro/bls_cpi_us_monthly.csv',
    kind: 'macroSeries',
    preset: 'date-value',
    options: {
      kind: 'macroSeries',
      constants: { source: 'bls', series: 'CPIAUCNS' },
      valueColumn: 'Index',
      lagMs: 45 * DAY,
    },
    rows: 1360,
    note: 'US CPI-U NSA index (1982-84=100), monthly, released ~2 weeks after the month (lag 45 days); the derived Inflation column is not ingested.',
  },
  {
    path: 'macro/cboe_vix_daily.csv',
    kind: 'macroSeries',
    preset: 'date-value',
    options: {
      kind: 'macroSeries',
      constants: { source: 'cboe', series: 'VIX' },
      valueColumn: 'CLOSE',
      lagMs: DAY,
    },
    rows: 9235,
    note: 'CBOE VIX daily close (index points).',
  },
  {
    path: 'macro/eia_brent_daily.csv',
    kind: 'macroSeries',
    preset: 'date-value',
    options: { kind: 'macroSeries', constants: { source: 'eia', series: 'BRENT' }, lagMs: DAY },
    rows: 9958,
    note: 'Brent spot, USD/bbl.',
  },
  {
    path: 'macro/eia_wti_daily.csv',
    kind: 'macroSeries',
    preset: 'date-value',
    options: { kind: 'macroSeries', constants: { source: 'eia', series: 'WTI' }, lagMs: DAY },
    rows: 10226,
    note: 'WTI Cushing spot, USD/bbl (includes the negative print of 2020-04-20).',
  },
  fred('CPIAUCSL', 308, false, true),
  fred('DFF', 9407, true, false),
  fred('DGS10', 6719, true, false),
  fred('DGS2', 6719, true, false),
  fred('DGS3MO', 6719, true, false),
  fred('DTWEXBGS', 5150, false, false),
  fred('FEDFUNDS', 309, true, true),
  fred('T10YIE', 5937, true, false),
  fred('UNRATE', 308, true, true),
  {
    path: 'macro/fred_RRPONTSYD.json',
    kind: 'macroSeries',
    preset: 'json-pairs',
    options: { kind: 'macroSeries', constants: { source: 'fred', series: 'RRPONTSYD' }, lagMs: DAY },
    rows: 1603,
    note: 'Fed overnight reverse repo (USD); null days are unavailable.',
  },
  {
    path: 'macro/gold_price_daily.csv',
    kind: 'macroSeries',
    preset: 'date-value',
    options: { kind: 'macroSeries', constants: { source: 'lbma' }, lagMs: DAY },
    rows: 6407,
    note: 'LBMA gold PM fix per troy ounce; series usd, gbp, eur (one per column).',
  },
  ...(
    [
      ['yahoo_dxy_daily.csv', 'DXY', 17223],
      ['yahoo_nasdaq100_daily.csv', 'NDX', 10210],
      ['yahoo_sp500_daily.csv', 'SPX', 9226],
    ] as const
  ).map(
    ([file, series, rows]): SharedDataset => ({
      path: `macro/${file}`,
      kind: 'macroSeries',
      preset: 'date-value',
      options: {
        kind: 'macroSeries',
        constants: { source: 'yahoo', series },
        valueColumn: 'close',
        lagMs: DAY,
      },
      rows,
      note: `${series} daily close (Yahoo Finance); open/volume not ingested.`,
    }),
  ),
  {
    path: 'macro/sp500_arch.csv.gz',
    kind: 'macroSeries',
    mapping: {
      kind: 'macroSeries',
      time: { column: 'Date', format: 'mdy' },
      constants: { source: 'arch' },
      wide: {
        value: 'value',
        columns: ['Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume'],
        key: { series: 'SPX.{column:id}' },
      },
      lagMs: DAY,
    },
    rows: 5031,
    note: 'S&P 500 daily OHLC, adjusted close and volume from the arch package (gzip CSV, M/D/YYYY); series SPX.open ... SPX.volume.',
  },
  // ---- microstructure ----------------------------------------------------------------------------------
  {
    path: 'microstructure/binance_btcusdt_depth100_summary_snapshots.csv',
    kind: 'quotes',
    mapping: {
      kind: 'quotes',
      time: { column: 'timestamp', format: 'iso' },
      fields: { bidPrice: 'best_bid', askPrice: 'best_ask', bidDepth: 'bid_volume', askDepth: 'ask_volume' },
      constants: { source: 'binance', venue: 'binance', symbol: 'BTC/USDT', depthLevels: 100 },
    },
    rows: 8377,
    note: 'Binance BTC/USDT best bid/ask with total BTC on the top 100 levels per side (per-level L2 was not kept by the source).',
  },
  {
    path: 'microstructure/binance_btcusdt_l1_top_of_book_snapshots.csv',
    kind: 'quotes',
    mapping: {
      kind: 'quotes',
      time: { column: 'timestamp', format: 'iso' },
      fields: { bidPrice: 'bid_price', bidSize: 'bid_vol', askPrice: 'ask_price', askSize: 'ask_vol' },
      constants: { source: 'binance-l1', venue: 'binance', symbol: 'BTC/USDT' },
    },
    rows: 600,
    note: 'Binance BTC/USDT top of book ~1/s (sizes in BTC).',
  },
  // ---- onchain -----------------------------------------------------------------------------------------
  {
    path: 'onchain/btc_difficulty_daily.csv',
    kind: 'onchainMetrics',
    preset: 'date-value',
    options: {
      kind: 'onchainMetrics',
      constants: { source: 'coinmetrics', chain: 'bitcoin', asset: 'BTC', metric: 'difficulty' },
      lagMs: DAY,
    },
    rows: 6247,
    note: 'Bitcoin mining difficulty (unitless), daily.',
  },
  {
    path: 'onchain/btc_hashrate_daily.csv',
    kind: 'onchainMetrics',
    preset: 'date-value',
    options: {
      kind: 'onchainMetrics',
      constants: { source: 'coinmetrics', chain: 'bitcoin', asset: 'BTC', metric: 'hash_rate' },
      lagMs: DAY,
    },
    rows: 6247,
    note: 'Bitcoin hash rate (TH/s), daily.',
  },
  {
    path: 'onchain/btc_exchange_flows_by_exchange.csv',
    kind: 'onchainMetrics',
    preset: 'date-value',
    options: {
      kind: 'onchainMetrics',
      constants: { source: 'exchange-flows', chain: 'bitcoin', asset: 'BTC' },
      lagMs: DAY,
    },
    rows: 1855,
    note: 'Per-exchange BTC inflow/outflow/balance (BTC); metric = column id, e.g. exch.binance.flow.in.ntv.',
  },
  {
    path: 'onchain/coinmetrics_community_ada_2020_2026.csv',
    kind: 'onchainMetrics',
    mapping: {
      kind: 'onchainMetrics',
      time: { column: 'time', format: 'iso' },
      constants: { source: 'coinmetrics', chain: 'cardano', asset: 'ADA' },
      wide: { value: 'value', key: { metric: '{column}' }, exclude: ['asset', 'FearGreedValue'] },
      lagMs: DAY,
    },
    rows: 2344,
    note: 'Coin Metrics community ADA metrics (wide); FearGreedValue (Alternative.me, merged by the source) is left to the sentiment file.',
  },
  ...(
    [
      ['coinmetrics_community_btc.csv', 'bitcoin', 'BTC', 4224],
      ['coinmetrics_community_btc_2020_2026.csv', 'bitcoin', 'BTC', 2344],
      ['coinmetrics_community_eth.csv', 'ethereum', 'ETH', 1825],
    ] as const
  ).map(
    ([file, chain, asset, rows]): SharedDataset => ({
      path: `onchain/${file}`,
      kind: 'onchainMetrics',
      mapping: {
        kind: 'onchainMetrics',
        time: { column: 'time', format: 'iso' },
        constants: { source: file.includes('2020_2026') ? 'coinmetrics-api' : 'coinmetrics', chain, asset },
        wide: { value: 'value', key: { metric: '{column}' }, exclude: ['asset', 'FearGreedValue'] },
        lagMs: DAY,
      },
      rows,
      note: `Coin Metrics community ${asset} metrics, one series per column (units in coinmetrics_metrics_dictionary.csv).`,
    }),
  ),
  cryptoquant('btc_dominance.csv', 'btc_dominance', 2546, 0.01, true),
  cryptoquant('btc_exchange_inflow_cdd.csv', 'exchange_inflow_cdd', 4614),
  cryptoquant('btc_exchange_reserves.csv', 'exchange_reserve', 4615, undefined, true),
  cryptoquant('btc_exchange_stablecoin_ratio.csv', 'exchange_stablecoin_ratio', 1000, undefined, true),
  // 235 zero days (2020-2024) are missing-day placeholders, e.g. 2023-12-24, 25 and 31.
  cryptoquant('btc_fund_reserves.csv', 'fund_reserve', 1623, undefined, true),
  cryptoquant('btc_miner_position_index.csv', 'miner_position_index', 5065),
  cryptoquant('btc_miner_reserves.csv', 'miner_reserve', 5794, undefined, true),
  cryptoquant('btc_miner_to_exchange_transfers.csv', 'miner_to_exchange', 4592),
  cryptoquant('btc_mvrv_ratio.csv', 'mvrv', 5524, undefined, true),
  cryptoquant('btc_nupl.csv', 'nupl', 5524),
  cryptoquant('btc_sopr_ratio.csv', 'sopr', 5046, undefined, true),
  // The 275 zeros are 2009 days before BTC had any price: the share in profit is undefined, not 0.
  cryptoquant('btc_utxo_in_profit_pct.csv', 'utxo_in_profit', 5799, 0.01, true),
  // ---- defi --------------------------------------------------------------------------------------------
  defiWide(
    'defi/defillama_aave_daily_fees.csv',
    798,
    { protocol: 'aave-{version:lower}', chain: '{chain:id}', metric: 'fees_usd' },
    {},
    'Aave daily fees (USD) per chain and version; total_fees is protocol "aave", chain "all".',
    {
      pattern: '^(?<chain>[a-z]+)_AAVE (?<version>V\\d)$',
      overrides: { total_fees: { protocol: 'aave', chain: 'all' } },
    },
  ),
  defiWide(
    'defi/defillama_aave_tvl_by_token.csv',
    1164,
    { asset: '{column}' },
    { protocol: 'aave', chain: 'all', metric: 'tvl' },
    'Aave TVL by token; DefiLlama mixes USD and raw token units here, so the metric is "tvl" without a unit.',
  ),
  defiWide(
    'defi/defillama_compound_daily_revenue.csv',
    1538,
    { chain: '{chain}' },
    { protocol: 'compound', metric: 'revenue_usd' },
    'Compound daily revenue/fees (USD); total_fees is chain "all".',
    { pattern: '^(?<chain>[a-z]+)_compound$', overrides: { total_fees: { chain: 'all' } } },
  ),
  defiWide(
    'defi/defillama_lending_borrowed_by_protocol.csv',
    1168,
    { protocol: '{column:id}' },
    { chain: 'all', metric: 'borrowed_usd' },
    'Outstanding borrows (USD) per lending protocol.',
  ),
  defiWide(
    'defi/defillama_stablecoin_mcap_2025.csv',
    366,
    { metric: 'mcap_usd' },
    { protocol: 'stablecoins', chain: 'all' },
    'Total stablecoin market cap (USD), 2024-12..2025-12.',
  ),
  defiWide(
    'defi/defillama_stablecoin_prices.csv',
    943,
    { asset: '{column}' },
    { protocol: 'stablecoins', chain: 'all', metric: 'price_usd' },
    'Stablecoin USD prices by coingecko id (depegs included).',
  ),
  defiWide(
    'defi/defillama_stablecoins_total_circulating.csv',
    943,
    { metric: '{column}' },
    { protocol: 'stablecoins', chain: 'all' },
    'Total stablecoins circulating: USD value and native units.',
    {
      overrides: {
        'Total Circulating ($)': { metric: 'circulating_usd' },
        'Total Circulating (Stablecoin Units)': { metric: 'circulating_units' },
      },
    },
  ),
  defiWide(
    'defi/defillama_total_defi_tvl_daily.csv',
    1854,
    { metric: 'tvl_usd' },
    { protocol: 'all', chain: 'all' },
    'Total DeFi TVL (USD).',
  ),
  defiWide(
    'defi/defillama_tvl_by_chain.csv',
    1854,
    { chain: '{column:id}' },
    { protocol: 'all', metric: 'tvl_usd' },
    'TVL per chain (USD); timestamps are 20:00 UTC as exported.',
  ),
  defiWide(
    'defi/defillama_uniswap_daily_volume.csv',
    1385,
    { metric: 'volume_usd' },
    { protocol: 'uniswap', chain: 'all' },
    'Uniswap daily volume (USD), all versions and chains.',
  ),
  defiWide(
    'defi/defillama_uniswap_tvl_by_chain.csv',
    1728,
    { chain: '{column:id}' },
    { protocol: 'uniswap', metric: 'tvl_usd' },
    'Uniswap TVL per chain (USD).',
  ),
  {
    path: 'defi/mev_inspect_dex_swaps_2021-06_blocks_12634810-12635061.csv',
    kind: 'dexSwaps',
    mapping: {
      kind: 'dexSwaps',
      // Block times are not in the file: created_at (when mev-inspect decoded the swap) is the earliest time
      // cwm can claim to know it, so it is used for both tsEvent and tsInit; blockNumber orders the swaps.
      time: { column: 'created_at', format: 'iso' },
      fields: {
        venue: {
          column: 'abi_name',
          map: {
            UniswapV2Pair: 'uniswap_v2',
            UniswapV3Pool: 'uniswap_v3',
            BPool: 'balancer_v1',
            INativeOrdersFeature: '0x',
            BancorNetwork: 'bancor',
            StableSwapsUSD: 'curve',
            StableSwap3Pool: 'curve',
            StableSwapUST: 'curve',
            StableSwapsBTC: 'curve',
            StableSwapEURS: 'curve',
            StableSwapAETH: 'curve',
            StableSwapGUSD: 'curve',
            StableSwapstETH: 'curve',
          },
        },
        pool: 'contract_address',
        txHash: 'transaction_hash',
        swapIndex: 'trace_address',
        blockNumber: { column: 'block_number', parse: 'int' },
        tokenIn: 'token_in_address',
        tokenOut: 'token_out_address',
        amountIn: { column: 'token_in_amount', parse: 'uint' },
        amountOut: { column: 'token_out_amount', parse: 'uint' },
        trader: 'from_address',
        error: 'error',
        txPosition: { column: 'transaction_position', parse: 'int' },
        to: 'to_address',
      },
      constants: { source: 'mev-inspect', chain: 'ethereum' },
      order: 'any',
    },
    rows: 10000,
    note: 'Decoded Ethereum DEX swaps (raw token units, float-rounded by the source); failed swaps keep their error.',
  },
  // ---- sentiment ---------------------------------------------------------------------------------------
  {
    path: 'sentiment/cnn_stock_fear_greed_index.csv',
    kind: 'indexSeries',
    preset: 'date-value',
    options: {
      kind: 'indexSeries',
      constants: { source: 'cnn', index: 'fear_greed', subject: 'us_equities' },
      lagMs: DAY,
    },
    rows: 3638,
    note: 'CNN equity Fear & Greed index 0-100.',
  },
  {
    path: 'sentiment/cryptonews_2023-12_textblob_sentiment.csv',
    kind: 'textEvents',
    mapping: {
      kind: 'textEvents',
      time: { column: 'date', format: 'iso' },
      fields: {
        eventId: { column: '' },
        text: 'text',
        label: { column: 'sentiment', parse: 'pyDictKey', key: 'class' },
        score: { column: 'sentiment', parse: 'pyDictKey', key: 'polarity' },
      },
      constants: { source: 'cryptonews', category: 'news' },
    },
    rows: 386,
    note: 'Crypto news summaries with TextBlob labels (class) and polarity score; times assumed UTC (not stated).',
  },
  {
    path: 'sentiment/fear_greed_index_alternative_me.csv',
    kind: 'indexSeries',
    preset: 'date-value',
    options: {
      kind: 'indexSeries',
      constants: { source: 'alternative.me', index: 'fear_greed', subject: 'crypto' },
    },
    rows: 2931,
    note: 'Crypto Fear & Greed index 0-100, published daily at 00:00 UTC for the day.',
  },
];

/** Shared files that are reference tables, not time series: read with their own reader. */
export const SHARED_REFERENCE_FILES: readonly { path: string; rows: number; note: string }[] = [
  {
    path: 'onchain/coinmetrics_metrics_dictionary.csv',
    rows: 42,
    note: 'Coin Metrics metric dictionary (id, name, unit, description): read with readMetricDictionary().',
  },
];

/** The mapping that ingests a shared dataset entry. */
export function sharedDatasetMapping(ds: SharedDataset): ColumnMappingInput {
  if (ds.mapping) return ds.mapping;
  if (!ds.preset) throw new UsageError(`shared dataset ${ds.path} has neither a preset nor a mapping`);
  return presetMapping(ds.preset, ds.options ?? {});
}

/**
 * Ingests one file of the shared data folder by its path relative to that folder, with its registered mapping.
 * When a path is registered for several kinds, `kind` picks one (default: every registered kind, in order).
 * Returns one report per kind ingested.
 *
 * @throws {UsageError} when the path is not in {@link SHARED_DATASETS}.
 * @example await ingestSharedDataset(store, 'market/binance_spot_1d/BTCUSDT_1d.csv');
 */
export async function ingestSharedDataset(
  store: Store,
  path: string,
  opts: IngestOptions & { kind?: RecordKind } = {},
): Promise<IngestReport[]> {
  const entries = SHARED_DATASETS.filter((d) => d.path === path && (!opts.kind || d.kind === opts.kind));
  if (entries.length === 0) {
    throw new UsageError(
      `"${path}" is not a registered shared dataset (see SHARED_DATASETS in src/data/datasets.ts)`,
    );
  }
  const reports: IngestReport[] = [];
  for (const ds of entries)
    reports.push(await ingestFile(store, sharedDataPath(ds.path), sharedDatasetMapping(ds), opts));
  return reports;
}
