import { $, beta, corr, logRet } from '../dsl.js';
import type { Expr } from '../expr.js';

/** Daily log returns of a price-like input. */
export const dailyReturn = (name: string): Expr => logRet($(name), 1);

/** Rolling correlation and beta of the crypto daily return on a macro series' daily return. */
export function corrBeta(crypto: string, other: string, days: number): { corr: Expr; beta: Expr } {
  const a = dailyReturn(crypto);
  const b = dailyReturn(other);
  return { corr: corr(a, b, days), beta: beta(a, b, days) };
}
