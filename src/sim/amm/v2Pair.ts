import { SimInputError, SimStateError } from '../../errors/sim.js';
import { sqrtBigInt } from './fullMath.js';

/** LP tokens locked forever at the first mint (Uniswap v2 MINIMUM_LIQUIDITY). */
export const MINIMUM_LIQUIDITY = 1000n;

/**
 * Uniswap v2 constant-product pair with a 0.30% fee, in exact bigint integer math: amounts out/in
 * (UniswapV2Library.getAmountOut/getAmountIn), the fee-adjusted k check of `swap`, and LP mint/burn with the
 * minimum-liquidity lock. No protocol fee, no TWAP oracle. Reference: Uniswap v2 whitepaper (Adams, Zinsmeister,
 * Robinson 2020), sections 2.1-3.4.
 */
export class V2Pair {
  reserve0 = 0n;
  reserve1 = 0n;
  totalSupply = 0n;
  private readonly lp = new Map<string, bigint>();

  constructor(
    readonly name: string,
    /** Fee numerator over 1000 kept by the trader: 997 means a 0.30% fee. */
    readonly feeKeep = 997n,
  ) {}

  /** LP token balance of `owner`. */
  lpBalance(owner: string): bigint {
    return this.lp.get(owner) ?? 0n;
  }

  /** Output for an exact input: amountIn * 997 * rOut / (rIn * 1000 + amountIn * 997). */
  getAmountOut(amountIn: bigint, zeroForOne: boolean): bigint {
    if (amountIn <= 0n) throw new SimInputError(this.name, 'amountIn', 'must be > 0');
    const [rIn, rOut] = zeroForOne ? [this.reserve0, this.reserve1] : [this.reserve1, this.reserve0];
    if (rIn === 0n || rOut === 0n) throw new SimStateError(this.name, 'insufficient liquidity');
    const inWithFee = amountIn * this.feeKeep;
    return (inWithFee * rOut) / (rIn * 1000n + inWithFee);
  }

  /** Input needed for an exact output: rIn * amountOut * 1000 / ((rOut - amountOut) * 997) + 1. */
  getAmountIn(amountOut: bigint, zeroForOne: boolean): bigint {
    const [rIn, rOut] = zeroForOne ? [this.reserve0, this.reserve1] : [this.reserve1, this.reserve0];
    if (amountOut <= 0n) throw new SimInputError(this.name, 'amountOut', 'must be > 0');
    if (amountOut >= rOut)
      throw new SimStateError(this.name, `insufficient liquidity for output ${amountOut}`);
    return (rIn * amountOut * 1000n) / ((rOut - amountOut) * this.feeKeep) + 1n;
  }

  /**
   * Swaps an exact input. @returns the output amount. The pool keeps the fee, so k never decreases.
   * @throws SimStateError when the output would be zero
   */
  swapExactIn(amountIn: bigint, zeroForOne: boolean): bigint {
    const out = this.getAmountOut(amountIn, zeroForOne);
    if (out === 0n) throw new SimStateError(this.name, 'insufficient output amount');
    this.settle(
      zeroForOne ? amountIn : 0n,
      zeroForOne ? 0n : amountIn,
      zeroForOne ? 0n : out,
      zeroForOne ? out : 0n,
    );
    return out;
  }

  /** Swaps for an exact output. @returns the input charged. */
  swapExactOut(amountOut: bigint, zeroForOne: boolean): bigint {
    const amountIn = this.getAmountIn(amountOut, zeroForOne);
    this.settle(
      zeroForOne ? amountIn : 0n,
      zeroForOne ? 0n : amountIn,
      zeroForOne ? 0n : amountOut,
      zeroForOne ? amountOut : 0n,
    );
    return amountIn;
  }

  /** The `swap` k check: (b0*1000 - in0*3) * (b1*1000 - in1*3) >= r0*r1*1000^2. */
  private settle(in0: bigint, in1: bigint, out0: bigint, out1: bigint): void {
    const b0 = this.reserve0 + in0 - out0;
    const b1 = this.reserve1 + in1 - out1;
    const fee = 1000n - this.feeKeep;
    const adj0 = b0 * 1000n - in0 * fee;
    const adj1 = b1 * 1000n - in1 * fee;
    if (b0 <= 0n || b1 <= 0n || adj0 * adj1 < this.reserve0 * this.reserve1 * 1_000_000n)
      throw new SimStateError(this.name, 'K: constant-product check failed');
    this.reserve0 = b0;
    this.reserve1 = b1;
  }

  /**
   * Adds liquidity (both amounts are kept by the pool). First mint: sqrt(a0*a1) - 1000 (1000 locked);
   * later: min(a0 * supply / r0, a1 * supply / r1). @returns LP tokens minted
   */
  mint(owner: string, amount0: bigint, amount1: bigint): bigint {
    if (amount0 <= 0n || amount1 <= 0n)
      throw new SimInputError(this.name, 'amount', 'mint amounts must be > 0');
    let liq: bigint;
    if (this.totalSupply === 0n) {
      liq = sqrtBigInt(amount0 * amount1) - MINIMUM_LIQUIDITY;
      if (liq <= 0n) throw new SimStateError(this.name, 'insufficient liquidity minted');
      this.totalSupply = MINIMUM_LIQUIDITY;
      this.lp.set('0x0', MINIMUM_LIQUIDITY);
    } else {
      const l0 = (amount0 * this.totalSupply) / this.reserve0;
      const l1 = (amount1 * this.totalSupply) / this.reserve1;
      liq = l0;
      if (l1 < liq) liq = l1;
      if (liq <= 0n) throw new SimStateError(this.name, 'insufficient liquidity minted');
    }
    this.totalSupply += liq;
    this.lp.set(owner, this.lpBalance(owner) + liq);
    this.reserve0 += amount0;
    this.reserve1 += amount1;
    return liq;
  }

  /** Burns LP tokens for a pro-rata share (rounded down). @returns amounts paid out */
  burn(owner: string, liquidity: bigint): { amount0: bigint; amount1: bigint } {
    const bal = this.lpBalance(owner);
    if (liquidity <= 0n || liquidity > bal)
      throw new SimStateError(this.name, `burn: ${owner} holds ${bal} LP, asked ${liquidity}`);
    const amount0 = (liquidity * this.reserve0) / this.totalSupply;
    const amount1 = (liquidity * this.reserve1) / this.totalSupply;
    if (amount0 === 0n || amount1 === 0n) throw new SimStateError(this.name, 'insufficient liquidity burned');
    this.lp.set(owner, bal - liquidity);
    this.totalSupply -= liquidity;
    this.reserve0 -= amount0;
    this.reserve1 -= amount1;
    return { amount0, amount1 };
  }
}
