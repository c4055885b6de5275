import { SimInputError } from '../../errors/sim.js';

/** Parameters of a simple smile-and-term-structure implied-volatility surface. */
export interface IvSurfaceParams {
  /** ATM vol at very short expiries. */
  atmShort: number;
  /** ATM vol at long expiries. */
  atmLong: number;
  /** Term-structure decay time, years. */
  termDecayYears: number;
  /** Skew: d(iv)/d(log-moneyness) scaled by 1/sqrt(T) (negative = put skew, crypto often slightly negative). */
  skew: number;
  /** Curvature (smile) of iv in log-moneyness, scaled by 1/sqrt(T). */
  smile: number;
  /** Floor on iv. */
  minVol?: number;
}

/**
 * Implied volatility surface iv(k, T) with k = ln(K / F):
 * atm(T) = atmLong + (atmShort - atmLong) * exp(-T / decay); iv = atm(T) + (skew * k + smile * k^2) / sqrt(T),
 * floored at `minVol`. A parametric model in the spirit of the sticky-moneyness smiles used by crypto option
 * venues; the 1/sqrt(T) scaling keeps the smile steeper at short expiries (Gatheral, *The Volatility Surface*,
 * ch. 3). Not an arbitrage-free SVI fit.
 */
export class IvSurface {
  constructor(public params: IvSurfaceParams) {
    if (!(params.atmShort > 0 && params.atmLong > 0 && params.termDecayYears > 0))
      throw new SimInputError('ivSurface', 'params', 'atm vols and decay must be > 0');
  }

  /** ATM volatility at expiry `t` years. */
  atm(t: number): number {
    const p = this.params;
    return p.atmLong + (p.atmShort - p.atmLong) * Math.exp(-t / p.termDecayYears);
  }

  /** Implied volatility for strike `strike`, forward `forward`, expiry `t` years. */
  iv(strike: number, forward: number, t: number): number {
    const k = Math.log(strike / forward);
    const p = this.params;
    const v = this.atm(t) + (p.skew * k + p.smile * k * k) / Math.sqrt(Math.max(t, 1 / 365));
    return Math.max(v, p.minVol ?? 0.05);
  }
}
