import { barInput } from '../inputs.js';
import type { FactorInput } from '../spec.js';

/** The crypto basket of cross-market factors: large, liquid spot pairs (optional inputs). */
export const BASKET: ReadonlyArray<{ key: string; symbol: string }> = [
  { key: 'btc', symbol: 'BTC/USDT' },
  { key: 'eth', symbol: 'ETH/USDT' },
  { key: 'sol', symbol: 'SOL/USDT' },
  { key: 'bnb', symbol: 'BNB/USDT' },
  { key: 'xrp', symbol: 'XRP/USDT' },
];

/** Close inputs of the basket members, named `close_<key>`. */
export function basketCloses(): FactorInput[] {
  return BASKET.map((b) => barInput(`close_${b.key}`, 'close', { symbol: b.symbol, optional: true }));
}
