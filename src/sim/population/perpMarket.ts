import { DEFAULT_INTEREST_RATE, fundingRate } from '../derivatives/funding.js';
/**
 * A USDT-margined perpetual on `binance`: mark = index x (1 + premium), where the premium moves with
 * leveraged traders' net demand and decays under funding arbitrage. Funding every 8 hours follows Binance's
 * published formula: F = P + clamp(I - P, -0.05%, 0.05%), I = 0.01% per 8h, P the average premium, and F
 * clamped to +-0.75%. Positions carry a liquidation price (isolated margin, 0.5% maintenance).
 */
export class PerpMarket {
  /** Current premium (decimal). */
  premium = 0;
  /** Index price, USDT (mean of spot mids). */
  index: number;
  /** Positions: signed size (base units), entry price, liquidation price, per leveraged agent. */
  readonly size: Float64Array;
  readonly entry: Float64Array;
  readonly liqPrice: Float64Array;
  private premiumSum = 0;
  private premiumN = 0;
  lastFunding = 0.0001;
  /** Traded notional this minute (USD) and this hour's liquidations (USD). */
  volumeMinuteUsd = 0;
  liquidationsUsdHour = 0;
  readonly maintenance = 0.005;

  constructor(
    readonly symbol: string,
    price: number,
    nTraders: number,
  ) {
    this.index = price;
    this.size = new Float64Array(nTraders);
    this.entry = new Float64Array(nTraders);
    this.liqPrice = new Float64Array(nTraders);
  }

  mark(): number {
    return this.index * (1 + this.premium);
  }

  /** Open interest, base units (sum of long sizes = sum of short sizes; the counterparty is the arb book). */
  openInterest(): number {
    let s = 0;
    for (let i = 0; i < this.size.length; i++) s += Math.abs(this.size[i]);
    return s;
  }

  /** Opens or replaces position `i` with signed `qty` at `leverage`; the demand moves the premium. */
  open(i: number, qty: number, leverage: number, impactPerUsd: number): void {
    const px = this.mark();
    this.premium += impactPerUsd * (qty - this.size[i]) * px;
    this.volumeMinuteUsd += Math.abs(qty - this.size[i]) * px;
    this.size[i] = qty;
    this.entry[i] = px;
    this.liqPrice[i] =
      qty > 0 ? px * (1 - 1 / leverage + this.maintenance) : px * (1 + 1 / leverage - this.maintenance);
  }

  /** Closes position `i` (voluntary or forced); returns its signed size. */
  close(i: number, impactPerUsd: number): number {
    const q = this.size[i];
    const px = this.mark();
    this.premium -= impactPerUsd * q * px;
    this.volumeMinuteUsd += Math.abs(q) * px;
    this.size[i] = 0;
    return q;
  }

  /** Samples the premium for the funding average (call once a minute). */
  sample(): void {
    this.premiumSum += this.premium;
    this.premiumN++;
  }

  /** Funding rate for the interval just ended (decimal per 8h), and resets the premium average. */
  settleFunding(): number {
    const p = this.premiumN ? this.premiumSum / this.premiumN : this.premium;
    // Issue 3's exact Binance rule: F = P + clamp(I - P, +-0.05%), capped at +-0.75%.
    this.lastFunding = fundingRate(p, DEFAULT_INTEREST_RATE, 0.0075);
    this.premiumSum = 0;
    this.premiumN = 0;
    return this.lastFunding;
  }
}
