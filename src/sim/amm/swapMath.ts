import { mulDiv, mulDivRoundingUp } from './fullMath.js';
import {
  getAmount0Delta,
  getAmount1Delta,
  getNextSqrtPriceFromInput,
  getNextSqrtPriceFromOutput,
} from './sqrtPriceMath.js';

/** Fee denominator: fees are in hundredths of a basis point (pips), 3000 = 0.30%. */
export const FEE_DENOMINATOR = 1_000_000n;

/** Result of one swap step within a single liquidity range. */
export interface SwapStep {
  sqrtNext: bigint;
  amountIn: bigint;
  amountOut: bigint;
  feeAmount: bigint;
}

/**
 * One step of a v3 swap toward `sqrtTarget` with constant liquidity (Uniswap v3 SwapMath.computeSwapStep).
 * `amountRemaining` > 0 is exact input, < 0 exact output. Reference: Uniswap v3 whitepaper, section 6.2.3.
 */
export function computeSwapStep(
  sqrtCurrent: bigint,
  sqrtTarget: bigint,
  liquidity: bigint,
  amountRemaining: bigint,
  feePips: bigint,
): SwapStep {
  const zeroForOne = sqrtCurrent >= sqrtTarget;
  const exactIn = amountRemaining >= 0n;
  let sqrtNext: bigint;
  let amountIn = 0n;
  let amountOut = 0n;
  if (exactIn) {
    const lessFee = mulDiv(amountRemaining, FEE_DENOMINATOR - feePips, FEE_DENOMINATOR);
    amountIn = zeroForOne
      ? getAmount0Delta(sqrtTarget, sqrtCurrent, liquidity, true)
      : getAmount1Delta(sqrtCurrent, sqrtTarget, liquidity, true);
    sqrtNext =
      lessFee >= amountIn
        ? sqrtTarget
        : getNextSqrtPriceFromInput(sqrtCurrent, liquidity, lessFee, zeroForOne);
  } else {
    amountOut = zeroForOne
      ? getAmount1Delta(sqrtTarget, sqrtCurrent, liquidity, false)
      : getAmount0Delta(sqrtCurrent, sqrtTarget, liquidity, false);
    sqrtNext =
      -amountRemaining >= amountOut
        ? sqrtTarget
        : getNextSqrtPriceFromOutput(sqrtCurrent, liquidity, -amountRemaining, zeroForOne);
  }
  const max = sqrtTarget === sqrtNext;
  if (zeroForOne) {
    if (!(max && exactIn)) amountIn = getAmount0Delta(sqrtNext, sqrtCurrent, liquidity, true);
    if (!(max && !exactIn)) amountOut = getAmount1Delta(sqrtNext, sqrtCurrent, liquidity, false);
  } else {
    if (!(max && exactIn)) amountIn = getAmount1Delta(sqrtCurrent, sqrtNext, liquidity, true);
    if (!(max && !exactIn)) amountOut = getAmount0Delta(sqrtCurrent, sqrtNext, liquidity, false);
  }
  if (!exactIn && amountOut > -amountRemaining) amountOut = -amountRemaining;
  const feeAmount =
    exactIn && sqrtNext !== sqrtTarget
      ? amountRemaining - amountIn
      : mulDivRoundingUp(amountIn, feePips, FEE_DENOMINATOR - feePips);
  return { sqrtNext, amountIn, amountOut, feeAmount };
}
