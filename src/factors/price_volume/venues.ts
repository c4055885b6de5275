/** Venues other than the primary one that multi-venue price factors read when the store has them. */
export const OTHER_VENUES: readonly string[] = ['coinbase', 'kraken', 'okx', 'bybit'];

/** Round-trip taker fees assumed by arbitrage factors: 2 legs x 10 bps. */
export const ROUND_TRIP_FEE_BPS = 20;
