import { z } from 'zod';

/**
 * Fields every record carries.
 *
 * - `tsEvent`: when it happened, UTC epoch milliseconds (integer). For a bar, the bar's open time.
 * - `tsInit`: when cwm could know it, UTC epoch milliseconds. Optional on input; when absent the store fills
 *   it by the kind's default rule (see {@link defaultTsInit} in `tsInit.ts`): bars are known at their close
 *   (`tsEvent + interval`), everything else at `tsEvent` plus the dataset's declared publication lag (0 unless
 *   a dataset says otherwise). A value at time t may use only rows with `tsInit <= t`.
 * - `source`: who produced the data (e.g. `binance`, `defillama`, `fred`, `cwm-sample`).
 */
export const baseRecord = z.object({
  /** When it happened: UTC epoch milliseconds, integer. */
  tsEvent: z.int(),
  /** When cwm could know it: UTC epoch milliseconds, integer, `>= tsEvent`. Filled by default rules when absent. */
  tsInit: z.int().optional(),
  /** Data provider, lower-case (e.g. `binance`, `coinmetrics`, `fred`). */
  source: z.string().min(1),
});

/** A ccxt-style unified symbol: `BASE/QUOTE` (spot) or `BASE/QUOTE:SETTLE` (perpetual/futures), upper-case. */
export const symbolField = z
  .string()
  .regex(
    /^[A-Z0-9.\-_]+\/[A-Z0-9.\-_]+(:[A-Z0-9.\-_]+)?(-[A-Z0-9.\-_]+)*$/,
    'expected a ccxt-style symbol like BTC/USDT or BTC/USDT:USDT',
  );

/** A venue (exchange or protocol) id, lower-case (`binance`, `bybit`, `deribit`, `uniswap_v2`). */
export const venueField = z.string().regex(/^[a-z0-9_.-]+$/, 'expected a lower-case venue id like binance');

/** A bar interval: a positive integer and a unit `s`, `m`, `h`, `d` or `w` (e.g. `1m`, `4h`, `1d`). */
export const intervalField = z.string().regex(/^[1-9][0-9]*[smhdw]$/, 'expected an interval like 1m, 1h, 1d');

/** A price: finite and strictly positive. */
export const priceField = z.number().positive();
/** An amount, size or volume: finite and non-negative. */
export const amountField = z.number().nonnegative();
/** A finite number of any sign (rates, basis, flows, index values). */
export const valueField = z.number();
/** A chain id, lower-case (`bitcoin`, `ethereum`, `arbitrum`, `all`). */
export const chainField = z.string().regex(/^[a-z0-9_.-]+$/, 'expected a lower-case chain id like ethereum');
/** A non-negative integer given as a decimal string (on-chain raw amounts, wei). Exact, never rounded. */
export const uintString = z.string().regex(/^[0-9]+$/, 'expected a non-negative integer (decimal digits)');
/** An EVM-style hex hash or address (`0x...`). */
export const hexField = z.string().regex(/^0x[0-9a-fA-F]*$/, 'expected 0x-prefixed hex');
