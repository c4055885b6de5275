import { SimInputError } from '../../errors/sim.js';
import { MAX_UINT256, Q96, divRoundingUp, mulDiv, mulDivRoundingUp } from './fullMath.js';

/**
 * Uniswap v3 SqrtPriceMath: price moves and token deltas for a liquidity L between two sqrt prices (Q64.96).
 * Rounding follows the protocol so that the pool always rounds in its own favour.
 * Reference: Uniswap v3 whitepaper (Adams et al. 2021), eq. 6.13-6.16; v3-core SqrtPriceMath.
 */

/** Next sqrt price after adding (or removing) `amount` of token0; rounds up. */
export function getNextSqrtPriceFromAmount0RoundingUp(
  sqrtP: bigint,
  liquidity: bigint,
  amount: bigint,
  add: boolean,
): bigint {
  if (amount === 0n) return sqrtP;
  const numerator1 = liquidity << 96n;
  const product = amount * sqrtP;
  if (add) {
    if (product <= MAX_UINT256) {
      const denominator = numerator1 + product;
      if (denominator <= MAX_UINT256) return mulDivRoundingUp(numerator1, sqrtP, denominator);
    }
    return divRoundingUp(numerator1, numerator1 / sqrtP + amount);
  }
  if (product > MAX_UINT256 || numerator1 <= product)
    throw new SimInputError('sqrtPriceMath', 'amount', 'output exceeds the token0 reserve of the range');
  return mulDivRoundingUp(numerator1, sqrtP, numerator1 - product);
}

/** Next sqrt price after adding (or removing) `amount` of token1; rounds down. */
export function getNextSqrtPriceFromAmount1RoundingDown(
  sqrtP: bigint,
  liquidity: bigint,
  amount: bigint,
  add: boolean,
): bigint {
  if (add) return sqrtP + (amount << 96n) / liquidity;
  const quotient = mulDivRoundingUp(amount, Q96, liquidity);
  if (sqrtP <= quotient)
    throw new SimInputError('sqrtPriceMath', 'amount', 'output exceeds the token1 reserve');
  return sqrtP - quotient;
}

/** Next sqrt price given an input amount of token0 (zeroForOne) or token1. */
export function getNextSqrtPriceFromInput(
  sqrtP: bigint,
  liquidity: bigint,
  amountIn: bigint,
  zeroForOne: boolean,
): bigint {
  return zeroForOne
    ? getNextSqrtPriceFromAmount0RoundingUp(sqrtP, liquidity, amountIn, true)
    : getNextSqrtPriceFromAmount1RoundingDown(sqrtP, liquidity, amountIn, true);
}

/** Next sqrt price given an output amount of token1 (zeroForOne) or token0. */
export function getNextSqrtPriceFromOutput(
  sqrtP: bigint,
  liquidity: bigint,
  amountOut: bigint,
  zeroForOne: boolean,
): bigint {
  return zeroForOne
    ? getNextSqrtPriceFromAmount1RoundingDown(sqrtP, liquidity, amountOut, false)
    : getNextSqrtPriceFromAmount0RoundingUp(sqrtP, liquidity, amountOut, false);
}

/** token0 between two sqrt prices: L * (sqrtB - sqrtA) / (sqrtA * sqrtB), Q96-scaled. */
export function getAmount0Delta(sqrtA: bigint, sqrtB: bigint, liquidity: bigint, roundUp: boolean): bigint {
  if (sqrtA > sqrtB) [sqrtA, sqrtB] = [sqrtB, sqrtA];
  const numerator1 = liquidity << 96n;
  const numerator2 = sqrtB - sqrtA;
  return roundUp
    ? divRoundingUp(mulDivRoundingUp(numerator1, numerator2, sqrtB), sqrtA)
    : mulDiv(numerator1, numerator2, sqrtB) / sqrtA;
}

/** token1 between two sqrt prices: L * (sqrtB - sqrtA) / 2^96. */
export function getAmount1Delta(sqrtA: bigint, sqrtB: bigint, liquidity: bigint, roundUp: boolean): bigint {
  if (sqrtA > sqrtB) [sqrtA, sqrtB] = [sqrtB, sqrtA];
  return roundUp ? mulDivRoundingUp(liquidity, sqrtB - sqrtA, Q96) : mulDiv(liquidity, sqrtB - sqrtA, Q96);
}
