import { SimInputError } from '../../errors/sim.js';
import { type RecordSink, SIM_SOURCE } from '../recordSink.js';
import { type OptionType, blackScholes } from './blackScholes.js';
import type { IvSurface } from './ivSurface.js';

/** One listed option. */
export interface OptionSeries {
  name: string;
  strike: number;
  expiryMs: number;
  type: OptionType;
  /** Net contracts held by traders (dealer holds the opposite). */
  openInterest: number;
  volume: number;
}

const YEAR_MS = 365 * 86_400_000;

/**
 * A dealer-quoted European options venue on one underlying: quotes bid/ask around the Black-Scholes price at the
 * surface's implied vol (spread in vol points), fills trader orders against the dealer, tracks open interest and
 * volume by series, cash-settles at expiry, and reports gamma exposure (GEX: the dealer's gamma times spot^2 per
 * 1% move) and put/call summaries. Premiums and settlements are conserved: trader cash + dealer cash is constant.
 * Reference: Hull ch. 15 (pricing), 19 (greeks); SqueezeMetrics "Gamma Exposure" white paper (2017) for GEX.
 */
export class OptionsVenue {
  readonly series = new Map<string, OptionSeries>();
  private readonly cash = new Map<number, number>();
  private readonly holdings = new Map<string, Map<number, number>>();
  /** Dealer cash (quote). */
  dealerCash = 0;
  private windowPutVol = 0;
  private windowCallVol = 0;

  constructor(
    readonly venue: string,
    readonly underlying: string,
    readonly surface: IvSurface,
    private readonly sink: RecordSink,
    /** Half spread in vol points (0.01 = 1 vol point). */
    readonly halfSpreadVol = 0.01,
    readonly rate = 0,
  ) {}

  /** Lists a series, named like Deribit (`BTC-20240126-40000-C`). */
  list(strike: number, expiryMs: number, type: OptionType): OptionSeries {
    if (!(strike > 0)) throw new SimInputError(this.venue, 'strike', `must be > 0, got ${strike}`);
    const d = new Date(expiryMs).toISOString().slice(0, 10).replaceAll('-', '');
    const name = `${this.underlying}-${d}-${strike}-${type === 'call' ? 'C' : 'P'}`;
    const s: OptionSeries = { name, strike, expiryMs, type, openInterest: 0, volume: 0 };
    this.series.set(name, s);
    this.holdings.set(name, new Map());
    return s;
  }

  /** Credits cash (quote) to a trader. */
  deposit(owner: number, amount: number): void {
    this.cash.set(owner, (this.cash.get(owner) ?? 0) + amount);
  }

  /** Cash of a trader. */
  cashOf(owner: number): number {
    return this.cash.get(owner) ?? 0;
  }

  /** Contracts of `name` held by `owner` (negative = short). */
  holding(owner: number, name: string): number {
    return this.holdings.get(name)?.get(owner) ?? 0;
  }

  /** Bid, ask, mark and greeks of a series at spot `spot` and time `nowMs`. */
  quote(name: string, spot: number, nowMs: number) {
    const s = this.get(name);
    const t = (s.expiryMs - nowMs) / YEAR_MS;
    if (!(t > 0)) throw new SimInputError(this.venue, 'nowMs', `${name} has expired`);
    const iv = this.surface.iv(s.strike, spot * Math.exp(this.rate * t), t);
    const mark = blackScholes(s.type, spot, s.strike, t, iv, this.rate);
    const bid = blackScholes(
      s.type,
      spot,
      s.strike,
      t,
      Math.max(0.01, iv - this.halfSpreadVol),
      this.rate,
    ).price;
    const ask = blackScholes(s.type, spot, s.strike, t, iv + this.halfSpreadVol, this.rate).price;
    return { iv, bid, ask, mark: mark.price, greeks: mark };
  }

  /**
   * Trader buys (`contracts` > 0, pays the ask) or sells (< 0, receives the bid) against the dealer.
   * @returns the premium paid (negative when received)
   */
  trade(owner: number, name: string, contracts: number, spot: number, nowMs: number): number {
    if (!Number.isFinite(contracts) || contracts === 0)
      throw new SimInputError(this.venue, 'contracts', `must be a non-zero number, got ${contracts}`);
    const q = this.quote(name, spot, nowMs);
    const premium = contracts > 0 ? contracts * q.ask : contracts * q.bid;
    this.cash.set(owner, this.cashOf(owner) - premium);
    this.dealerCash += premium;
    const h = this.holdings.get(name) as Map<number, number>;
    const before = h.get(owner) ?? 0;
    h.set(owner, before + contracts);
    const s = this.get(name);
    s.openInterest += Math.abs(before + contracts) - Math.abs(before);
    s.volume += Math.abs(contracts);
    if (s.type === 'put') this.windowPutVol += Math.abs(contracts);
    else this.windowCallVol += Math.abs(contracts);
    return premium;
  }

  /** Cash-settles every series expired by `nowMs` at `spot` (intrinsic value) and delists it. */
  settleExpired(spot: number, nowMs: number): void {
    for (const [name, s] of [...this.series]) {
      if (s.expiryMs > nowMs) continue;
      const payoff = s.type === 'call' ? Math.max(0, spot - s.strike) : Math.max(0, s.strike - spot);
      for (const [owner, n] of this.holdings.get(name) ?? []) {
        this.cash.set(owner, this.cashOf(owner) + n * payoff);
        this.dealerCash -= n * payoff;
      }
      this.series.delete(name);
      this.holdings.delete(name);
    }
  }

  /**
   * Dealer gamma exposure in quote per 1% move: -sum(gamma * tradersNetContracts) * spot^2 * 0.01
   * (the dealer is short what traders are long).
   */
  gammaExposure(spot: number, nowMs: number): number {
    let g = 0;
    for (const [name] of this.series) {
      let net = 0;
      for (const n of this.holdings.get(name)?.values() ?? []) net += n;
      if (net !== 0) g -= this.quote(name, spot, nowMs).greeks.gamma * net;
    }
    return g * spot * spot * 0.01;
  }

  /** Sum of trader cash plus dealer cash (constant: premiums and settlements only move cash). */
  totalCash(): number {
    let s = this.dealerCash;
    for (const v of this.cash.values()) s += v;
    return s;
  }

  /** Emits option quotes for every series and an options summary (put/call volume and OI, ATM iv). */
  emit(spot: number, nowMs: number): void {
    let putOi = 0;
    let callOi = 0;
    let nearest: OptionSeries | undefined;
    for (const s of this.series.values()) {
      if (s.expiryMs <= nowMs) continue;
      const q = this.quote(s.name, spot, nowMs);
      this.sink.emit('optionQuotes', {
        tsEvent: Math.floor(nowMs),
        source: SIM_SOURCE,
        venue: this.venue,
        instrument: s.name,
        underlying: this.underlying,
        strike: s.strike,
        expiry: s.expiryMs,
        optionType: s.type,
        iv: q.iv,
        oi: s.openInterest,
        volume: s.volume,
        bid: q.bid,
        ask: q.ask,
        mark: q.mark,
        underlyingPrice: spot,
      });
      if (s.type === 'put') putOi += s.openInterest;
      else callOi += s.openInterest;
      if (!nearest || Math.abs(Math.log(s.strike / spot)) < Math.abs(Math.log(nearest.strike / spot)))
        nearest = s;
    }
    this.sink.emit('optionsSummary', {
      tsEvent: Math.floor(nowMs),
      source: SIM_SOURCE,
      venue: this.venue,
      underlying: this.underlying,
      putVolume: this.windowPutVol,
      callVolume: this.windowCallVol,
      putOi,
      callOi,
      ...(nearest
        ? { impliedVol: this.surface.iv(nearest.strike, spot, (nearest.expiryMs - nowMs) / YEAR_MS) }
        : {}),
    });
    this.windowPutVol = 0;
    this.windowCallVol = 0;
  }

  private get(name: string): OptionSeries {
    const s = this.series.get(name);
    if (!s) throw new SimInputError(this.venue, 'name', `unknown option series ${name}`);
    return s;
  }
}
