import { ExecutionConfigError } from '../errors/execution.js';

/** Which impact model prices an order when no L2 book is given. */
export type ImpactModel = 'sqrt' | 'linear' | 'none';

/**
 * Execution model settings. Costs are on by default: Binance spot VIP0 fees (10 bps taker, 10 bps maker),
 * a 1 bp half-spread when no quotes are known, square-root impact with coefficient 1, a 1-bar latency and a
 * 10% cap on participation in a bar's volume.
 */
export interface ExecutionConfig {
  /** Taker fee in basis points of notional (default 10). */
  takerFeeBps: number;
  /** Maker fee in basis points (default 10; negative for a rebate). */
  makerFeeBps: number;
  /** Half-spread in bps used when the snapshot has no bid/ask (default 1). */
  halfSpreadBps: number;
  /** Impact model used without a book (default 'sqrt'). */
  impact: ImpactModel;
  /**
   * Square-root impact coefficient Y: impact = Y * dailyVol * sqrt(|qty| / advBase) as a fraction of
   * price (Almgren et al. 2005; Toth et al. 2011). Default 1.
   */
  sqrtImpactCoef: number;
  /**
   * Kyle's lambda per asset for the linear model: price moves lambda * qty (quote per base unit squared,
   * i.e. price units per base unit traded). The average fill pays half the move. Length nAssets or empty.
   */
  kyleLambda: Float64Array;
  /** Cap on |qty| as a fraction of the bar's volume; the rest is cut (partial fill). Default 0.1; Infinity: no cap. */
  maxParticipation: number;
  /** Bars (or events) between decision and execution; at least 1: an action at t fills at t+1. Default 1. */
  latencyBars: number;
  /** Largest |position value| per asset as a fraction of equity (default Infinity). */
  maxPositionWeight: number;
  /** Largest gross exposure / equity (default 1: spot, no margin). */
  maxGrossLeverage: number;
  /** Whether spot positions may go below zero (default false). Perpetuals can always be shorted. */
  allowShort: boolean;
  /** Annual borrow rate charged on short position value (decimal, default 0.05), accrued per elapsed time. */
  borrowRateAnnual: number;
  /** Smallest order notional in quote currency; smaller orders are refused (default 0). */
  minNotional: number;
  /** Per asset: 1 for a perpetual future (pays funding, no borrow on shorts), 0 for spot. Length nAssets. */
  perp: Uint8Array;
}

/** Defaults: costs always on. */
export const DEFAULT_EXECUTION_CONFIG: Readonly<Omit<ExecutionConfig, 'kyleLambda' | 'perp'>> = {
  takerFeeBps: 10,
  makerFeeBps: 10,
  halfSpreadBps: 1,
  impact: 'sqrt',
  sqrtImpactCoef: 1,
  maxParticipation: 0.1,
  latencyBars: 1,
  maxPositionWeight: Number.POSITIVE_INFINITY,
  maxGrossLeverage: 1,
  allowShort: false,
  borrowRateAnnual: 0.05,
  minNotional: 0,
};

/** User-facing partial settings (anything omitted takes its default). */
export type ExecutionConfigInput = Partial<Omit<ExecutionConfig, 'kyleLambda' | 'perp'>> & {
  kyleLambda?: ArrayLike<number>;
  /** Which assets are perpetuals (true/1); default none. */
  perp?: ArrayLike<boolean> | ArrayLike<number>;
};

/**
 * Fills defaults and validates.
 *
 * @param nAssets number of assets the model will trade (sizes `kyleLambda`).
 * @throws {ExecutionConfigError} naming the field on a negative fee below -maker rebate sanity, a
 *   non-positive leverage, latency < 1, non-positive participation, or a `kyleLambda` of the wrong length.
 */
export function resolveExecutionConfig(input: ExecutionConfigInput, nAssets: number): ExecutionConfig {
  const c = { ...DEFAULT_EXECUTION_CONFIG, ...input } as Omit<ExecutionConfig, 'kyleLambda' | 'perp'>;
  const finite = (field: keyof ExecutionConfig, v: number, min: number): void => {
    if (!(v >= min) || Number.isNaN(v)) throw new ExecutionConfigError(field, `must be >= ${min}, got ${v}`);
  };
  finite('takerFeeBps', c.takerFeeBps, 0);
  finite('makerFeeBps', c.makerFeeBps, -100);
  finite('halfSpreadBps', c.halfSpreadBps, 0);
  finite('sqrtImpactCoef', c.sqrtImpactCoef, 0);
  finite('borrowRateAnnual', c.borrowRateAnnual, 0);
  finite('minNotional', c.minNotional, 0);
  if (!(c.maxParticipation > 0)) {
    throw new ExecutionConfigError(
      'maxParticipation',
      `must be > 0 (Infinity: no cap), got ${c.maxParticipation}`,
    );
  }
  if (!(Number.isInteger(c.latencyBars) && c.latencyBars >= 1)) {
    throw new ExecutionConfigError(
      'latencyBars',
      `must be an integer >= 1 (no same-bar fills), got ${c.latencyBars}`,
    );
  }
  if (!(c.maxGrossLeverage > 0))
    throw new ExecutionConfigError('maxGrossLeverage', `must be > 0, got ${c.maxGrossLeverage}`);
  if (!(c.maxPositionWeight > 0)) {
    throw new ExecutionConfigError('maxPositionWeight', `must be > 0, got ${c.maxPositionWeight}`);
  }
  if (c.impact !== 'sqrt' && c.impact !== 'linear' && c.impact !== 'none') {
    throw new ExecutionConfigError('impact', `must be 'sqrt', 'linear' or 'none', got ${String(c.impact)}`);
  }
  const kyle = new Float64Array(nAssets);
  if (input.kyleLambda) {
    if (input.kyleLambda.length !== nAssets) {
      throw new ExecutionConfigError(
        'kyleLambda',
        `has ${input.kyleLambda.length} entries for ${nAssets} assets`,
      );
    }
    for (let i = 0; i < nAssets; i++) {
      const v = input.kyleLambda[i];
      if (!(v >= 0)) throw new ExecutionConfigError('kyleLambda', `entry ${i} must be >= 0, got ${v}`);
      kyle[i] = v;
    }
  } else if (c.impact === 'linear') {
    throw new ExecutionConfigError('kyleLambda', "is required for impact 'linear' (see calibrateKyleLambda)");
  }
  const perp = new Uint8Array(nAssets);
  if (input.perp) {
    if (input.perp.length !== nAssets)
      throw new ExecutionConfigError('perp', `has ${input.perp.length} entries for ${nAssets} assets`);
    for (let i = 0; i < nAssets; i++) perp[i] = input.perp[i] ? 1 : 0;
  }
  return { ...c, kyleLambda: kyle, perp };
}

/**
 * A configuration with every cost switched off (for "without costs" metrics). Liquidity limits such as
 * `maxParticipation` stay as they are, so the frictionless run makes the same trades and only the costs differ.
 */
export function frictionlessConfig(base: ExecutionConfig): ExecutionConfig {
  return {
    ...base,
    takerFeeBps: 0,
    makerFeeBps: 0,
    halfSpreadBps: 0,
    impact: 'none',
    borrowRateAnnual: 0,
  };
}
