import type { Expr } from './expr.js';

/**
 * The declarative description of one factor of the catalogue (one of the seed's 80 "Core Market Factors").
 *
 * A factor is one file `src/factors/<category>/<id>.ts` that exports one `FactorSpec`. The engine
 * (`src/factors/engine.ts`) reads the inputs it declares, aligns them point-in-time on a time grid
 * (as-of join with each input's publication lag and staleness limit), runs the implementation, and writes
 * one column per output. The same spec drives batch and streaming evaluation, `cwm factors list`,
 * `cwm factors coverage` and `cwm factors check-lookahead`.
 *
 * Time convention: a grid row stamped `T` holds what was knowable at `T`: an input row with event time `ts`
 * is visible from `ts + publicationLagMs` on (bars: from their close, `ts + barMs + publicationLagMs`), and
 * is dropped (NaN) once `T - knownAt > maxStalenessMs`.
 *
 * @example
 * // src/factors/onchain/active_addresses.ts
 * import { $, logRet, zscore } from '../dsl.js';
 * import { DAY_MS, type FactorSpec } from '../spec.js';
 *
 * const aa = $('active');
 * export const activeAddresses: FactorSpec = {
 *   id: 'active_addresses',
 *   category: 'onchain',
 *   name: 'Active addresses and wallet distribution',
 *   definition:
 *     'Daily active addresses (AdrActCnt): level, 7-day log growth ln(A_t/A_{t-7}) and 90-day z-score ' +
 *     '(A_t - mean_90)/std_90 (ddof 1).',
 *   reference: 'Coin Metrics, AdrActCnt; Metcalfe-style network-activity factors (Liu & Tsyvinski 2021).',
 *   inputs: [
 *     { name: 'active', kind: 'onchain', field: 'active_addresses', publicationLagMs: DAY_MS, maxStalenessMs: 3 * DAY_MS },
 *   ],
 *   frequency: '1d',
 *   unit: 'addresses',
 *   outputs: [
 *     { name: 'value', unit: 'addresses', description: 'active addresses' },
 *     { name: 'growth_7d', unit: 'log', description: '7-day log growth' },
 *     { name: 'z90', unit: 'z', description: '90-day z-score' },
 *   ],
 *   expr: { value: aa, growth_7d: logRet(aa, 7), z90: zscore(aa, 90) },
 * };
 *
 * // the other style, for logic that is not an expression (finite memory: `lookback` rows):
 * //   compute: ({ columns, n }) => { const out = new Float64Array(n); ...; return { value: out }; },
 * //   lookback: 30,
 * // and, when the value depends on the whole history (EWM, GARCH filter, cumulative sums), `stream` too.
 */
export interface FactorSpec {
  /** Stable snake_case id, unique across the catalogue (`realized_volatility`). Never renamed. */
  readonly id: string;
  /** Which of the seed's nine categories the factor belongs to. */
  readonly category: FactorCategory;
  /** The seed's name for the factor, verbatim ("Price volatility (realized, implied, GARCH models)"). */
  readonly name: string;
  /** Precise definition: formula, parameters, windows, units, choices made. Printed by `cwm factors list`. */
  readonly definition: string;
  /** Literature or data-vendor reference for the formula. */
  readonly reference?: string;
  /** Every input the factor reads, in the order given to `compute` and `stream`. */
  readonly inputs: readonly FactorInput[];
  /**
   * Native frequency. `'grid'`: computed on the caller's grid (1h or 1d), windows counted in grid rows
   * (use `param('barsPerDay')` / `param('barsPerYear')` to scale). `'1h'` / `'1d'`: computed on that grid,
   * then as-of joined onto the caller's grid (a daily value is known at the end of its day).
   */
  readonly frequency: FactorFrequency;
  /** Unit of the main output (`'decimal'`, `'z'`, `'usd'`, `'bps'`, `'annualized decimal'`...). */
  readonly unit: string;
  /** Output columns. The table column of output `o` is `factorColumnName(spec, o)`. At least one. */
  readonly outputs: readonly FactorOutput[];
  /**
   * Least number of inputs (optional ones included) that must be present in the store for the factor to be
   * computable, on top of every non-optional input (default: the number of non-optional inputs). Used when
   * a factor pools optional inputs (several venues, several assets).
   */
  readonly minInputs?: number;
  /**
   * Expression implementation: one `Expr` per output name. Streams exactly; preferred. May be a function
   * of the native grid's parameters, so windows can be given in days:
   * `expr: (p) => ({ value: std(logRet($('close')), 30 * p.barsPerDay) })`.
   */
  readonly expr?: ExprMap | ((params: GridParams) => ExprMap);
  /**
   * Function implementation over aligned inputs (one `Float64Array` per input name, all of length `n`,
   * NaN where unavailable). Must return one array of length `n` per output name and must not read the
   * future: `out[i]` may use rows `<= i` only. Must not mutate its inputs.
   */
  readonly compute?: (inputs: FactorComputeInputs) => Record<string, Float64Array>;
  /**
   * With `compute` and no `stream`: the value at row i depends only on rows `[i - lookback, i]`
   * (finite memory). The generic streaming wrapper then recomputes over the last `lookback + 1` rows
   * (O(window) per update). Also sizes the warm-up.
   */
  readonly lookback?: number;
  /**
   * Extra rows of history (on the native grid) the factor needs before its values mean what the definition
   * says, beyond what its expressions report: expanding statistics (`cumsum`), EWM, model fits. The engine
   * loads and computes this many rows before the requested start. Default 0.
   */
  readonly warmup?: number;
  /** Own streaming implementation, required for `compute` factors with infinite memory. */
  readonly stream?: (params: GridParams) => FactorStream;
}

/** One expression per output name. */
export type ExprMap = Readonly<Record<string, Expr>>;

/** The seed's nine factor categories (folder names under `src/factors/`). */
export type FactorCategory =
  | 'price_volume'
  | 'onchain'
  | 'defi'
  | 'sentiment'
  | 'macro'
  | 'regulatory'
  | 'infrastructure'
  | 'cross_market'
  | 'derivatives';

/** All categories in catalogue order with the seed's factor counts. */
export const FACTOR_CATEGORIES: ReadonlyArray<{ category: FactorCategory; title: string; expected: number }> =
  [
    { category: 'price_volume', title: 'Price & Volume Dynamics', expected: 10 },
    { category: 'onchain', title: 'On-Chain Metrics', expected: 15 },
    { category: 'defi', title: 'DeFi-Specific Indicators', expected: 12 },
    { category: 'sentiment', title: 'Market Sentiment & Social', expected: 10 },
    { category: 'macro', title: 'Macro Financial Environment', expected: 8 },
    { category: 'regulatory', title: 'Regulatory & Institutional', expected: 8 },
    { category: 'infrastructure', title: 'Technical Infrastructure', expected: 7 },
    { category: 'cross_market', title: 'Cross-Market Dependencies', expected: 5 },
    { category: 'derivatives', title: 'Derivatives & Futures', expected: 5 },
  ];

/** Native frequency of a factor; see `FactorSpec.frequency`. */
export type FactorFrequency = 'grid' | '1h' | '1d';

/**
 * Kinds of input series. Each maps to a store table / record type of the data model (`src/data/`):
 * - `bars`: OHLCV bars of `symbol` on `venue`; fields `open|high|low|close|volume|quote_volume|trades|vwap`.
 * - `orderbook`: L2 summaries per snapshot; fields `best_bid|best_ask|mid|spread_bps|bid_depth_10bps|
 *   ask_depth_10bps|bid_depth_50bps|ask_depth_50bps|imbalance_10bps` (depth in quote currency).
 * - `trades`: per-bar trade aggregates; fields `signed_volume|buy_volume|sell_volume|count`.
 * - `funding`, `open_interest`, `basis`, `options`: derivatives series (`rate`, `oi_usd`, `basis`,
 *   `iv_atm_7d`, `iv_atm_30d`, `skew_25d`, `put_call_volume`, `put_call_oi`, `gamma_usd`, `dvol`...).
 * - `onchain`: chain metrics (`field` = metric name, e.g. `active_addresses`, `hash_rate`, `mvrv`).
 * - `defi`: protocol metrics (`tvl_usd`, `supply_rate`, `borrow_rate`, `utilization`, `bridge_net_usd`...).
 * - `swaps`: DEX swap aggregates per grid row (`volume_usd`, `sandwich_count`...).
 * - `text`: text events scored by the text module (`sentiment`, `count`, `reach`...), usually `align: 'mean'`
 *   or `'count'`; `source` selects `news`, `social`, `regulatory`...
 * - `index`: index series (`fear_greed`, `search_trend`, `dev_commits`...).
 * - `macro`: macro series, `field` = series id (`DGS10`, `DTWEXBGS`, `SP500`, `VIX`, `CPIAUCSL`, `GOLD`...).
 * - `events`: discrete event indicators (`fork`, `exploit`, `upgrade`...), usually `align: 'count'`; in the
 *   store, index series `event_<field>` of the asset (or subject `crypto`).
 */
export type InputKind =
  | 'bars'
  | 'orderbook'
  | 'trades'
  | 'funding'
  | 'open_interest'
  | 'basis'
  | 'options'
  | 'onchain'
  | 'defi'
  | 'swaps'
  | 'text'
  | 'index'
  | 'macro'
  | 'events';

/**
 * How an input series is put on the grid.
 * - `asof` (default): last value with `knownAt <= T`, NaN when older than `maxStalenessMs`.
 * - `sum` / `count` / `mean` / `max`: aggregate of the records with `knownAt` in `(T_prev, T]`
 *   (for event streams: text, trades, swaps, events). An empty bucket gives `count = 0`, `sum = 0`
 *   (nothing happened: a real zero, not a missing value) and NaN for `mean`/`max`; when the whole
 *   source is absent from the store every row is NaN.
 */
export type InputAlign = 'asof' | 'sum' | 'count' | 'mean' | 'max';

/** One input series a factor reads. */
export interface FactorInput {
  /** Local name, used as the key in `compute` inputs and as `$(name)` in expressions. */
  readonly name: string;
  /** Kind of series (store table). */
  readonly kind: InputKind;
  /** Column / metric / series id within the kind (`'close'`, `'active_addresses'`, `'DGS10'`). */
  readonly field: string;
  /**
   * Instrument or asset: omitted = the symbol the factor is computed for (`BTC/USDT`); a fixed unified
   * symbol (`'BTC/USDT'`) for references such as beta to BTC; an asset/chain for on-chain data (`'BTC'`).
   * For on-chain/DeFi inputs, omitted means the base asset of the target symbol.
   */
  readonly symbol?: string;
  /** Venue (`'binance'`); omitted = the primary venue of the run. */
  readonly venue?: string;
  /** Source filter (text: `'news'`, `'social'`; DeFi: protocol name). */
  readonly source?: string;
  /**
   * Publication lag in ms: a row with event time `ts` is known at `ts + publicationLagMs`
   * (bars: at `ts + barMs + publicationLagMs`). Daily vendor metrics are typically `DAY_MS`.
   */
  readonly publicationLagMs: number;
  /** Oldest acceptable as-of value, in ms after it became known; older gives NaN (no stale forward-fill). */
  readonly maxStalenessMs: number;
  /** Grid alignment, default `'asof'`. */
  readonly align?: InputAlign;
  /** When true the factor is computable without it (its column is then all NaN). */
  readonly optional?: boolean;
}

/** One output column of a factor. */
export interface FactorOutput {
  /** snake_case; `'value'` for the main output. */
  readonly name: string;
  /** Unit of this column. */
  readonly unit: string;
  /** One line: what the column measures. */
  readonly description: string;
}

/** Properties of the grid a factor is evaluated on (available in expressions through `param(name)`). */
export interface GridParams {
  /** Grid step in ms (3,600,000 for 1h, 86,400,000 for 1d). */
  readonly barMs: number;
  /** Grid rows per day (24 for 1h, 1 for 1d). */
  readonly barsPerDay: number;
  /** Grid rows per year, 365-day year (8760 for 1h, 365 for 1d). */
  readonly barsPerYear: number;
}

/** What `FactorSpec.compute` receives. */
export interface FactorComputeInputs {
  /** Grid timestamps (as-of times, UTC ms), length `n`. */
  readonly ts: Float64Array;
  /** One aligned array per input name; NaN where unavailable. */
  readonly columns: Readonly<Record<string, Float64Array>>;
  /** Number of rows. */
  readonly n: number;
  /** Grid properties. */
  readonly params: GridParams;
}

/**
 * Streaming evaluation: one grid row at a time, O(1) or O(window) per update, same values as batch.
 */
export interface FactorStream {
  /**
   * Consumes the aligned input row at grid time `t` (values in `spec.inputs` order, NaN = unavailable)
   * and writes the outputs at `t` into `out` (in `spec.outputs` order).
   */
  update(t: number, inputs: Float64Array, out: Float64Array): void;
}

/** One hour in ms. */
export const HOUR_MS = 3_600_000;
/** One day in ms. */
export const DAY_MS = 86_400_000;

/** Grid parameters of a grid step (365-day year). */
export function gridParams(barMs: number): GridParams {
  return { barMs, barsPerDay: DAY_MS / barMs, barsPerYear: (365 * DAY_MS) / barMs };
}

/**
 * Name of the store/table column of an output: the factor id for the output `'value'`,
 * else `<id>__<output>` (`realized_volatility__parkinson`).
 */
export function factorColumnName(spec: Pick<FactorSpec, 'id'>, output: string): string {
  return output === 'value' ? spec.id : `${spec.id}__${output}`;
}
