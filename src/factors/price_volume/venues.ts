import { barInput } from '../inputs.js';
import type { FactorInput } from '../spec.js';

/** How many venues other than the primary one multi-venue price factors read (when the data has them). */
export const OTHER_VENUE_SLOTS = 4;

const SLOT_PREFIX = 'other:';

/**
 * The `venue` of an input that reads the k-th (1-based) venue other than the primary one, in venue-name order,
 * among the venues holding the symbol: a provider resolves it to whatever venues its data has (no fixed list).
 */
export function otherVenueToken(k: number): string {
  return `${SLOT_PREFIX}${k}`;
}

/** The 1-based slot of an `otherVenueToken` venue, or undefined for a named venue. */
export function otherVenueSlot(venue: string | undefined): number | undefined {
  if (!venue?.startsWith(SLOT_PREFIX)) return undefined;
  const k = Number(venue.slice(SLOT_PREFIX.length));
  return Number.isInteger(k) && k >= 1 ? k : undefined;
}

/** Optional close inputs `close_other1..close_otherN` of the venues other than the primary one. */
export function otherVenueCloses(): FactorInput[] {
  return Array.from({ length: OTHER_VENUE_SLOTS }, (_, j) =>
    barInput(`close_other${j + 1}`, 'close', { venue: otherVenueToken(j + 1), optional: true }),
  );
}

/** Round-trip taker fees assumed by arbitrage factors: 2 legs x 10 bps. */
export const ROUND_TRIP_FEE_BPS = 20;
