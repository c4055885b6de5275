import type { Frame } from '../data/frame.js';
import { intervalToMs } from '../data/identifiers.js';
import type { RecordKind } from '../data/schemas/index.js';
import type { DatasetSummary, Store } from '../data/store.js';
import { STORE_SWAP_FIELDS, storeSwapSeries } from './defi/storeSwaps.js';
import { gammaExposure, type OptionQuote, surfaceMetrics } from './derivatives/optionChain.js';
import type { InputSeries } from './engine.js';
import { otherVenueSlot } from './price_volume/venues.js';
import { STORE_FIELD_ALIASES, type StoreSeriesRef, storeAliasKey } from './onchain/fieldAliases.js';
import type { InputProvider, InputRequest } from './provider.js';
import type { FactorInput } from './spec.js';
import { LexiconSentimentScorer } from './text/lexiconScorer.js';
import { TEXT_FIELD_NAMES, textEventFields } from './text/textFields.js';
import type { TextScorer } from './text/types.js';

/** Where a factor input is found in the store, for `cwm factors coverage`. */
export interface InputLocation {
  /** Store kind and series key, e.g. `bars binance BTC/USDT 1h`. */
  readonly where: string;
  /** First and last event time, UTC ms. */
  readonly from: number;
  readonly to: number;
}

const BAR_FIELDS: Readonly<Record<string, string>> = {
  open: 'open',
  high: 'high',
  low: 'low',
  close: 'close',
  volume: 'volume',
  quote_volume: 'quoteVolume',
  trades: 'tradeCount',
};

function base(symbol: string): string {
  return symbol.split('/')[0];
}
function quote(symbol: string): string {
  return (symbol.split('/')[1] ?? 'USDT').split(':')[0];
}

/** Suffix of a dated future's ccxt symbol: `-yymmdd` (`BTC/USDT:USDT-260327`). */
const DATED_SUFFIX = /-\d{6}$/;
/** Milliseconds in a day (tenor unit). */
const DAY_MS_EXACT = 86_400_000;

/** True when `symbol` is a dated future of the perpetual `perp` (same market, `-yymmdd` suffix). */
function isDatedOf(symbol: string, perp: string): boolean {
  return symbol.startsWith(`${perp}-`) && DATED_SUFFIX.test(symbol);
}

/**
 * Reads factor inputs from cwm's DuckDB store (`src/data/store.ts`), by columns:
 * - bars at the native grid interval, or resampled (OHLCV aggregation) from the finest stored interval that
 *   divides it; `tsInit` becomes the rows' known-at time;
 * - macro, on-chain, DeFi and index series by name (on-chain/DeFi/index through `STORE_FIELD_ALIASES`);
 * - funding, open interest, basis, options summaries (DVOL), option-chain snapshots (gamma exposure, ATM
 *   term structure, 25-delta skew), quotes (spread), trades (signed volume per grid row);
 * - discrete `events` inputs from index series `event_<field>` of the asset (else subject `crypto`);
 * - text events scored by a `TextScorer` (default `LexiconSentimentScorer`) into `TEXT_FIELD_NAMES`;
 * - decoded DEX swaps (`dexSwaps`) of one chain, all venues together (arbitrages cross venues), as per-block
 *   MEV and composability aggregates (`storeSwapSeries`, fields `STORE_SWAP_FIELDS`).
 * Returns `undefined` for series the store does not hold.
 */
export class StoreProvider implements InputProvider {
  private datasets: DatasetSummary[] | undefined;
  private readonly scorer: TextScorer;
  private readonly memo = new Map<string, Promise<InputSeries | undefined>>();
  private readonly swapMemo = new Map<string, Promise<Record<string, InputSeries>>>();
  private readonly textMemo = new Map<
    string,
    Promise<{ ts: Float64Array; knownAt: Float64Array; fields: Float64Array[] }>
  >();

  constructor(
    private readonly store: Store,
    opts: { scorer?: TextScorer } = {},
  ) {
    this.scorer = opts.scorer ?? new LexiconSentimentScorer();
  }

  private async list(): Promise<DatasetSummary[]> {
    if (!this.datasets) this.datasets = await this.store.listDatasets();
    return this.datasets;
  }

  /** The stored dataset an input resolves to for a request, or undefined. */
  async locate(
    input: FactorInput,
    req: Pick<InputRequest, 'symbol' | 'venue' | 'stepMs'>,
  ): Promise<InputLocation | undefined> {
    const ds = await this.resolve(input, req);
    if (!ds) return undefined;
    return { where: `${ds.kind} ${Object.values(ds.key).join(' ')}`, from: ds.from, to: ds.to };
  }

  private pick(cands: DatasetSummary[]): DatasetSummary | undefined {
    return cands.sort((a, b) => b.rows - a.rows || (b.to > a.to ? 1 : -1))[0];
  }

  private async resolve(
    input: FactorInput,
    req: Pick<InputRequest, 'symbol' | 'venue' | 'stepMs'>,
  ): Promise<DatasetSummary | undefined> {
    const all = await this.list();
    const symbol = input.symbol ?? req.symbol;
    const venue = input.venue ?? req.venue;
    const asset = input.symbol && !input.symbol.includes('/') ? input.symbol : base(symbol);
    const of = (kind: RecordKind) => all.filter((d) => d.kind === kind);
    switch (input.kind) {
      case 'bars': {
        if (!BAR_FIELDS[input.field] && input.field !== 'vwap') return undefined;
        const slot = otherVenueSlot(input.venue);
        if (slot !== undefined) {
          // the slot-th venue other than the primary one (by name) holding this symbol at a usable interval
          const primary = await this.resolve({ ...input, venue: undefined }, { ...req, symbol });
          if (!primary) return undefined;
          const venues = new Set<string>();
          for (const d of of('bars')) {
            const ms = safeInterval(d.key.interval);
            if (
              d.key.symbol === symbol &&
              ms > 0 &&
              req.stepMs % ms === 0 &&
              d.key.venue !== primary.key.venue
            )
              venues.add(d.key.venue as string);
          }
          const name = [...venues].sort()[slot - 1];
          return name === undefined ? undefined : this.resolve({ ...input, symbol, venue: name }, req);
        }
        const c = of('bars').filter((d) => d.key.symbol === symbol && (!venue || d.key.venue === venue));
        const exact = c.filter((d) => safeInterval(d.key.interval) === req.stepMs);
        if (exact.length) return this.pick(exact);
        const finer = c
          .filter((d) => {
            const ms = safeInterval(d.key.interval);
            return ms > 0 && ms < req.stepMs && req.stepMs % ms === 0;
          })
          .sort((a, b) => safeInterval(b.key.interval) - safeInterval(a.key.interval));
        return finer[0];
      }
      case 'macro': {
        const refs = STORE_FIELD_ALIASES[storeAliasKey(input.kind, input.field, input.source)] ?? [
          { kind: 'macroSeries', id: input.field, source: input.source },
        ];
        for (const ref of refs) {
          const hit = this.pick(
            of('macroSeries').filter(
              (d) => d.key.series === ref.id && (!ref.source || d.key.source === ref.source),
            ),
          );
          if (hit) return hit;
        }
        return undefined;
      }
      case 'onchain':
      case 'defi':
      case 'index': {
        const refs: readonly StoreSeriesRef[] = STORE_FIELD_ALIASES[
          storeAliasKey(input.kind, input.field, input.source)
        ] ?? [
          {
            kind:
              input.kind === 'onchain'
                ? 'onchainMetrics'
                : input.kind === 'defi'
                  ? 'defiMetrics'
                  : 'indexSeries',
            id: input.field,
          },
        ];
        for (const ref of refs) {
          const c = of(ref.kind).filter((d) => {
            const k = d.key;
            if (ref.kind === 'indexSeries') {
              return k.index === ref.id && (!ref.subject || k.subject === ref.subject);
            }
            if (k.metric !== ref.id) return false;
            if (ref.chain && k.chain !== ref.chain) return false;
            if (ref.protocol && k.protocol !== ref.protocol) return false;
            if (ref.kind === 'defiMetrics')
              return !input.source || ref.protocol !== undefined || k.protocol === input.source;
            return k.asset === asset || k.asset === '';
          });
          const hit = this.pick(c);
          if (hit) return hit;
        }
        return undefined;
      }
      case 'funding':
      case 'open_interest':
      case 'basis': {
        const kind: RecordKind =
          input.kind === 'funding' ? 'funding' : input.kind === 'open_interest' ? 'openInterest' : 'basis';
        const perp = input.symbol ?? `${base(symbol)}/${quote(symbol)}:${quote(symbol)}`;
        if (kind === 'basis' && !input.symbol) {
          // dated futures of the perp's market (`BTC/USDT:USDT-260327`) carry a tenor: read as one rolled
          // front-month series (see readBasis), preferred over the perpetual's premium
          const dated = of('basis').filter(
            (d) => isDatedOf(d.key.symbol ?? '', perp) && (!input.venue || d.key.venue === input.venue),
          );
          if (dated.length) return this.pick(dated);
          // a perpetual has no tenor
          if (input.field === 'tenor_days') return undefined;
        }
        const c = of(kind).filter(
          (d) => d.key.symbol === perp && (!input.venue || d.key.venue === input.venue),
        );
        return this.pick(c.length ? c : of(kind).filter((d) => base(d.key.symbol ?? '') === base(perp)));
      }
      case 'options': {
        const chainFields = ['gamma_usd', 'iv_atm_7d', 'iv_atm_30d', 'skew_25d'];
        const kind: RecordKind = chainFields.includes(input.field) ? 'optionQuotes' : 'optionsSummary';
        return this.pick(of(kind).filter((d) => d.key.underlying === asset));
      }
      case 'orderbook': {
        const books = of('bookSnapshots').filter(
          (d) => d.key.symbol === symbol && (!venue || d.key.venue === venue),
        );
        if (BOOK_FIELDS.includes(input.field) && books.length) return this.pick(books);
        return input.field === 'spread_bps' || input.field === 'mid'
          ? this.pick(
              of('quotes').filter((d) => d.key.symbol === symbol && (!venue || d.key.venue === venue)),
            )
          : undefined;
      }
      case 'trades':
        return this.pick(
          of('trades').filter((d) => d.key.symbol === symbol && (!venue || d.key.venue === venue)),
        );
      case 'swaps': {
        if (!STORE_SWAP_FIELDS.includes(input.field)) return undefined;
        return swapChainDataset(of('dexSwaps'), input.source);
      }
      case 'events': {
        // discrete events stored as index series `event_<field>` (value = count or size per occurrence or
        // period), of the asset itself or of the whole market (`crypto`)
        const c = of('indexSeries').filter((d) => d.key.index === `event_${input.field}`);
        return (
          this.pick(c.filter((d) => d.key.subject === asset)) ??
          this.pick(c.filter((d) => d.key.subject === 'crypto'))
        );
      }
      case 'text':
        return this.pick(of('textEvents').filter((d) => !input.source || d.key.category === input.source));
      default:
        return undefined;
    }
  }

  async load(input: FactorInput, req: InputRequest): Promise<InputSeries | undefined> {
    const ds = await this.resolve(input, req);
    if (!ds) return undefined;
    // whole series are read once per dataset and step (factors differ only in their warm-up start)
    const key = `${input.kind}|${input.field}|${JSON.stringify(ds.key)}|${ds.kind}|${req.stepMs}`;
    let p = this.memo.get(key);
    if (!p) {
      p = this.read(input, ds, req);
      this.memo.set(key, p);
    }
    return p;
  }

  /**
   * Basis rows of `ds` as `basis_rate` ((F - S) / S, decimal, de-annualized rows taken from basisAbs / spot) or
   * `tenor_days` ((expiry - tsEvent) / 86_400_000, NaN for rows without an expiry: perpetuals have no tenor).
   * A dated future (`PERP-yymmdd`) is read together with its siblings of the same source and venue as one
   * rolled front-month series: at each time the row of the nearest expiry wins.
   */
  private async readBasis(field: 'basis_rate' | 'tenor_days', ds: DatasetSummary): Promise<InputSeries> {
    const cols = ['basis', 'basisAbs', 'spotPrice', 'annualized', 'expiry', 'tsInit'];
    const sym = ds.key.symbol ?? '';
    const perp = sym.replace(DATED_SUFFIX, '');
    const keys =
      perp === sym
        ? [ds.key]
        : (await this.list())
            .filter(
              (d) =>
                d.kind === 'basis' &&
                d.key.source === ds.key.source &&
                d.key.venue === ds.key.venue &&
                isDatedOf(d.key.symbol ?? '', perp),
            )
            .map((d) => d.key);
    // one connection: read the contracts one after another
    const frames: Frame[] = [];
    for (const k of keys) frames.push(await this.store.readFrame('basis', { ...k }, cols));
    const rows: { t: number; f: Frame; i: number }[] = [];
    for (const f of frames) for (let i = 0; i < f.ts.length; i++) rows.push({ t: f.ts[i], f, i });
    // by time, nearest expiry first; keep the first row per time
    rows.sort((a, b) => a.t - b.t || a.f.columns.expiry[a.i] - b.f.columns.expiry[b.i]);
    const kept = rows.filter((r, k) => k === 0 || rows[k - 1].t !== r.t);
    const n = kept.length;
    const ts = new Float64Array(n);
    const values = new Float64Array(n);
    const knownAt = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const { t, f, i } = kept[k];
      const c = f.columns;
      ts[k] = t;
      knownAt[k] = c.tsInit[i];
      values[k] =
        field === 'tenor_days'
          ? (c.expiry[i] - t) / DAY_MS_EXACT
          : !Number.isNaN(c.basis[i]) && c.annualized[i] === 0
            ? c.basis[i]
            : c.basisAbs[i] / c.spotPrice[i];
    }
    return { ts, values, knownAt };
  }

  private async read(
    input: FactorInput,
    ds: DatasetSummary,
    req: InputRequest,
  ): Promise<InputSeries | undefined> {
    const filter: Record<string, string | number> = { ...ds.key };
    switch (ds.kind) {
      case 'bars': {
        const frame = await this.store.readFrame('bars', filter);
        const interval = safeInterval(ds.key.interval);
        const bars = interval === req.stepMs ? frame : resampleBars(frame, req.stepMs);
        const c = bars.columns;
        const values =
          input.field === 'vwap'
            ? c.quoteVolume.map((q, i) => (c.volume[i] > 0 ? q / c.volume[i] : Number.NaN))
            : c[BAR_FIELDS[input.field]];
        return { ts: bars.ts, values, intervalMs: req.stepMs, knownAt: c.tsInit };
      }
      case 'macroSeries':
      case 'onchainMetrics':
      case 'defiMetrics':
      case 'indexSeries': {
        const f = await this.store.readFrame(ds.kind, filter, ['value', 'tsInit']);
        return { ts: f.ts, values: f.columns.value, knownAt: f.columns.tsInit };
      }
      case 'funding': {
        const f = await this.store.readFrame('funding', filter, ['rate', 'intervalMs', 'tsInit']);
        const col = input.field === 'interval_ms' ? f.columns.intervalMs : f.columns.rate;
        return { ts: f.ts, values: col, knownAt: f.columns.tsInit };
      }
      case 'openInterest': {
        const f = await this.store.readFrame('openInterest', filter, [
          'openInterest',
          'openInterestUsd',
          'tsInit',
        ]);
        return {
          ts: f.ts,
          values: input.field === 'oi' ? f.columns.openInterest : f.columns.openInterestUsd,
          knownAt: f.columns.tsInit,
        };
      }
      case 'basis':
        return input.field === 'basis_rate' || input.field === 'tenor_days'
          ? this.readBasis(input.field, ds)
          : undefined;
      case 'optionsSummary': {
        const f = await this.store.readFrame('optionsSummary', filter, [
          'impliedVol',
          'putVolume',
          'callVolume',
          'putOi',
          'callOi',
          'tsInit',
        ]);
        const c = f.columns;
        const values =
          input.field === 'put_call_volume'
            ? c.putVolume.map((p, i) => p / c.callVolume[i])
            : input.field === 'put_call_oi'
              ? c.putOi.map((p, i) => p / c.callOi[i])
              : c.impliedVol;
        return { ts: f.ts, values, knownAt: c.tsInit };
      }
      case 'optionQuotes':
        return this.readChain(input, filter);
      case 'quotes': {
        const f = await this.store.readFrame('quotes', filter, ['bidPrice', 'askPrice', 'tsInit']);
        const c = f.columns;
        const values = c.bidPrice.map((b, i) => {
          const mid = (b + c.askPrice[i]) / 2;
          return input.field === 'mid' ? mid : ((c.askPrice[i] - b) / mid) * 1e4;
        });
        return { ts: f.ts, values, knownAt: c.tsInit };
      }
      case 'bookSnapshots':
        return this.readBook(input, filter);
      case 'trades':
        return this.readSignedVolume(filter, req.stepMs);
      case 'textEvents':
        return this.readText(input, { ...ds.key });
      case 'dexSwaps':
        return this.readSwaps(input, filter);
      default:
        return undefined;
    }
  }

  private async readChain(
    input: FactorInput,
    filter: Record<string, string | number>,
  ): Promise<InputSeries | undefined> {
    const recs = await this.store.readRecords('optionQuotes', filter);
    const bySnap = new Map<number, { init: number; chain: OptionQuote[] }>();
    for (const r of recs) {
      const snap = bySnap.get(r.tsEvent) ?? { init: r.tsInit ?? r.tsEvent, chain: [] };
      if (r.iv !== undefined && r.underlyingPrice !== undefined) {
        snap.chain.push({
          strike: r.strike,
          expiry: r.expiry,
          type: r.optionType === 'put' ? 'P' : 'C',
          iv: r.iv,
          openInterest: r.oi ?? 0,
          underlying: r.underlyingPrice,
        });
      }
      bySnap.set(r.tsEvent, snap);
    }
    const times = [...bySnap.keys()].sort((a, b) => a - b);
    const values = new Float64Array(times.length);
    const knownAt = new Float64Array(times.length);
    times.forEach((t, i) => {
      const { init, chain } = bySnap.get(t) as { init: number; chain: OptionQuote[] };
      knownAt[i] = init;
      if (input.field === 'gamma_usd') values[i] = gammaExposure(chain, t);
      else {
        try {
          const m = surfaceMetrics(chain, t);
          values[i] =
            input.field === 'iv_atm_7d' ? m.ivAtm7d : input.field === 'iv_atm_30d' ? m.ivAtm30d : m.skew25d;
        } catch {
          values[i] = Number.NaN;
        }
      }
    });
    return { ts: Float64Array.from(times), values, knownAt };
  }

  private async readBook(input: FactorInput, filter: Record<string, string | number>): Promise<InputSeries> {
    const recs = await this.store.readRecords('bookSnapshots', filter);
    const ts = new Float64Array(recs.length);
    const knownAt = new Float64Array(recs.length);
    const values = new Float64Array(recs.length);
    recs.forEach((r, i) => {
      ts[i] = r.tsEvent;
      knownAt[i] = r.tsInit ?? r.tsEvent;
      values[i] = bookField(input.field, r.bids, r.asks);
    });
    return { ts, values, knownAt };
  }

  private async readSignedVolume(
    filter: Record<string, string | number>,
    stepMs: number,
  ): Promise<InputSeries> {
    const recs = await this.store.readRecords('trades', filter);
    const sums = new Map<number, number>();
    for (const t of recs) {
      const b = Math.floor(t.tsEvent / stepMs) * stepMs;
      sums.set(b, (sums.get(b) ?? 0) + (t.side === 'sell' ? -t.amount : t.amount));
    }
    const ts = Float64Array.from([...sums.keys()].sort((a, b) => a - b));
    // a bucket's aggregate is known at the bucket's end
    return { ts, values: ts.map((b) => sums.get(b) ?? Number.NaN), knownAt: ts.map((b) => b + stepMs) };
  }

  private async readSwaps(
    input: FactorInput,
    filter: Record<string, string | number>,
  ): Promise<InputSeries | undefined> {
    const key = JSON.stringify(filter);
    let p = this.swapMemo.get(key);
    if (!p) {
      p = this.store.readRecords('dexSwaps', filter).then(storeSwapSeries);
      this.swapMemo.set(key, p);
    }
    return (await p)[input.field];
  }

  private async readText(
    input: FactorInput,
    filter: Record<string, string | number>,
  ): Promise<InputSeries | undefined> {
    const k = TEXT_FIELD_NAMES.indexOf(input.field);
    if (k < 0) return undefined;
    const key = JSON.stringify(filter);
    let scored = this.textMemo.get(key);
    if (!scored) {
      scored = this.scoreText(filter);
      this.textMemo.set(key, scored);
    }
    const { ts, knownAt, fields } = await scored;
    return { ts, values: fields[k], knownAt };
  }

  /** Scores every text event of a filter once, into one column per `TEXT_FIELD_NAMES` entry. */
  private async scoreText(
    filter: Record<string, string | number>,
  ): Promise<{ ts: Float64Array; knownAt: Float64Array; fields: Float64Array[] }> {
    const recs = await this.store.readRecords('textEvents', filter);
    const ts = new Float64Array(recs.length);
    const knownAt = new Float64Array(recs.length);
    const fields = TEXT_FIELD_NAMES.map(() => new Float64Array(recs.length));
    const row = new Float64Array(TEXT_FIELD_NAMES.length);
    recs.forEach((r, i) => {
      ts[i] = r.tsEvent;
      knownAt[i] = r.tsInit ?? r.tsEvent;
      textEventFields(r, this.scorer, row);
      for (let f = 0; f < fields.length; f++) fields[f][i] = row[f];
    });
    return { ts, knownAt, fields };
  }
}

/**
 * The swaps of one chain as one dataset (every venue: a cyclic arbitrage may cross DEXes): the chain with the
 * most swap rows, or only `venue`'s swaps when the input names one as its source.
 */
function swapChainDataset(swaps: DatasetSummary[], venue: string | undefined): DatasetSummary | undefined {
  const c = swaps.filter((d) => !venue || d.key.venue === venue);
  const byChain = new Map<string, DatasetSummary[]>();
  for (const d of c) byChain.set(d.key.chain ?? '', [...(byChain.get(d.key.chain ?? '') ?? []), d]);
  let best: DatasetSummary | undefined;
  for (const [chain, list] of byChain) {
    const rows = list.reduce((a, d) => a + d.rows, 0);
    if (best && best.rows >= rows) continue;
    const from = Math.min(...list.map((d) => d.from));
    const to = Math.max(...list.map((d) => d.to));
    const key: Record<string, string> = venue ? { chain, venue } : { chain };
    best = {
      kind: 'dexSwaps',
      table: list[0].table,
      key,
      rows,
      from,
      to,
      fromIso: new Date(from).toISOString(),
      toIso: new Date(to).toISOString(),
    };
  }
  return best;
}

/** Order-book fields computed from L2 snapshots. */
const BOOK_FIELDS = [
  'bid_depth_10bps',
  'ask_depth_10bps',
  'bid_depth_50bps',
  'ask_depth_50bps',
  'imbalance_10bps',
  'spread_bps',
  'mid',
];

/**
 * One order-book field of an L2 snapshot (levels `[price, amount]`, best first): quote-currency depth within
 * 10 / 50 bps of the mid on each side, the 10 bps imbalance (bid - ask)/(bid + ask), the quoted spread in
 * bps of the mid, or the mid. NaN for an empty side.
 */
export function bookField(
  field: string,
  bids: ReadonlyArray<readonly [number, number]>,
  asks: ReadonlyArray<readonly [number, number]>,
): number {
  if (bids.length === 0 || asks.length === 0) return Number.NaN;
  const mid = (bids[0][0] + asks[0][0]) / 2;
  const depth = (levels: ReadonlyArray<readonly [number, number]>, bps: number, side: 1 | -1) => {
    const limit = mid * (1 + (side * bps) / 1e4);
    let d = 0;
    for (const [p, a] of levels) {
      if (side === 1 ? p > limit : p < limit) break;
      d += p * a;
    }
    return d;
  };
  switch (field) {
    case 'mid':
      return mid;
    case 'spread_bps':
      return ((asks[0][0] - bids[0][0]) / mid) * 1e4;
    case 'bid_depth_10bps':
      return depth(bids, 10, -1);
    case 'ask_depth_10bps':
      return depth(asks, 10, 1);
    case 'bid_depth_50bps':
      return depth(bids, 50, -1);
    case 'ask_depth_50bps':
      return depth(asks, 50, 1);
    case 'imbalance_10bps': {
      const b = depth(bids, 10, -1);
      const a = depth(asks, 10, 1);
      return b + a > 0 ? (b - a) / (b + a) : Number.NaN;
    }
    default:
      return Number.NaN;
  }
}

function safeInterval(interval: string | undefined): number {
  try {
    return interval ? intervalToMs(interval) : 0;
  } catch {
    return 0;
  }
}

/**
 * Aggregates bars into `stepMs` bars stamped at their open (epoch-aligned buckets): first open, max high,
 * min low, last close, summed volumes and trade counts, latest `tsInit`. Buckets use the sub-bars present.
 */
export function resampleBars(frame: Frame, stepMs: number): Frame {
  const src = frame.columns;
  const n = frame.ts.length;
  const names = ['open', 'high', 'low', 'close', 'volume', 'quoteVolume', 'tradeCount', 'tsInit'];
  const starts: number[] = [];
  for (let i = 0; i < n; i++) {
    const b = Math.floor(frame.ts[i] / stepMs) * stepMs;
    if (starts.length === 0 || starts[starts.length - 1] !== b) starts.push(b);
  }
  const m = starts.length;
  const out: Record<string, Float64Array> = {};
  for (const name of names) out[name] = new Float64Array(m).fill(Number.NaN);
  let g = -1;
  let cur = Number.NaN;
  for (let i = 0; i < n; i++) {
    const b = Math.floor(frame.ts[i] / stepMs) * stepMs;
    if (b !== cur) {
      g++;
      cur = b;
      out.open[g] = src.open?.[i] ?? Number.NaN;
      out.high[g] = Number.NEGATIVE_INFINITY;
      out.low[g] = Number.POSITIVE_INFINITY;
      out.volume[g] = 0;
      out.quoteVolume[g] = 0;
      out.tradeCount[g] = 0;
      out.tsInit[g] = Number.NEGATIVE_INFINITY;
    }
    const hi = src.high?.[i] ?? Number.NaN;
    const lo = src.low?.[i] ?? Number.NaN;
    if (hi > out.high[g]) out.high[g] = hi;
    if (lo < out.low[g]) out.low[g] = lo;
    out.close[g] = src.close[i];
    out.volume[g] += src.volume?.[i] ?? Number.NaN;
    out.quoteVolume[g] += src.quoteVolume?.[i] ?? Number.NaN;
    out.tradeCount[g] += src.tradeCount?.[i] ?? Number.NaN;
    const init = src.tsInit?.[i] ?? Number.NaN;
    if (init > out.tsInit[g]) out.tsInit[g] = init;
  }
  for (let j = 0; j < m; j++) {
    if (!Number.isFinite(out.high[j])) out.high[j] = Number.NaN;
    if (!Number.isFinite(out.low[j])) out.low[j] = Number.NaN;
    if (!Number.isFinite(out.tsInit[j])) out.tsInit[j] = Number.NaN;
  }
  return { ts: Float64Array.from(starts), columns: out };
}
