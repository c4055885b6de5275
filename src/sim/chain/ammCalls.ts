import { TxRevertedError } from '../../errors/sim.js';
import type { V2Pair } from '../amm/v2Pair.js';
import type { V3Pool } from '../amm/v3Pool.js';
import type { Ledger } from './ledger.js';
import type { TxCall } from './txTypes.js';

/** A v2 pair registered on a chain. */
export interface PoolEntryV2 {
  pair: V2Pair;
  token0: string;
  token1: string;
}

/** A v3 pool registered on a chain. */
export interface PoolEntryV3 {
  pool: V3Pool;
  token0: string;
  token1: string;
}

/** Swap calls on v2 or v3 pools (exact input with a minimum output). */
export type SwapCall = Extract<TxCall, { type: 'swapV2' | 'swapV3' }>;

/** What a swap did (raw token units). */
export interface SwapOutcome {
  venue: 'uniswap_v2' | 'uniswap_v3';
  tokenIn: string;
  tokenOut: string;
  amountIn: bigint;
  amountOut: bigint;
  /** Initialized ticks crossed (v3; 0 for v2). */
  ticksCrossed: number;
}

/**
 * Executes an exact-input swap of `from` on pool `call.pool`: the trader pays in, the pool pays out, and the
 * pool's reserves/balances stay equal to its ledger balances. @throws TxRevertedError below `minOut`
 */
export function runSwapCall(
  ledger: Ledger,
  from: string,
  call: SwapCall,
  v2: PoolEntryV2 | undefined,
  v3: PoolEntryV3 | undefined,
): SwapOutcome {
  const L = ledger;
  if (call.type === 'swapV2') {
    if (!v2) throw new TxRevertedError(`no v2 pool at ${call.pool}`);
    const out = v2.pair.getAmountOut(call.amountIn, call.zeroForOne);
    if (out < call.minOut)
      throw new TxRevertedError(`UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT ${out} < ${call.minOut}`);
    const [tIn, tOut] = call.zeroForOne ? [v2.token0, v2.token1] : [v2.token1, v2.token0];
    if (L.balanceOf(tIn, from) < call.amountIn) throw new TxRevertedError(`insufficient ${tIn} balance`);
    L.transfer(tIn, from, call.pool, call.amountIn);
    v2.pair.swapExactIn(call.amountIn, call.zeroForOne);
    L.transfer(tOut, call.pool, from, out);
    return {
      venue: 'uniswap_v2',
      tokenIn: tIn,
      tokenOut: tOut,
      amountIn: call.amountIn,
      amountOut: out,
      ticksCrossed: 0,
    };
  }
  if (!v3) throw new TxRevertedError(`no v3 pool at ${call.pool}`);
  const r = v3.pool.swap(call.zeroForOne, call.amountIn);
  const [tIn, tOut] = call.zeroForOne ? [v3.token0, v3.token1] : [v3.token1, v3.token0];
  const paid = call.zeroForOne ? r.amount0 : r.amount1;
  const out = -(call.zeroForOne ? r.amount1 : r.amount0);
  if (out < call.minOut) throw new TxRevertedError(`UniswapV3: too little received ${out} < ${call.minOut}`);
  if (L.balanceOf(tIn, from) < paid) throw new TxRevertedError(`insufficient ${tIn} balance`);
  L.transfer(tIn, from, call.pool, paid);
  L.transfer(tOut, call.pool, from, out);
  return {
    venue: 'uniswap_v3',
    tokenIn: tIn,
    tokenOut: tOut,
    amountIn: paid,
    amountOut: out,
    ticksCrossed: r.ticksCrossed,
  };
}

/** Liquidity calls: v2 add/remove, v3 mint/burn (burn also collects everything owed). */
export type LiquidityCall = Extract<
  TxCall,
  { type: 'addLiquidityV2' | 'removeLiquidityV2' | 'mintV3' | 'burnV3' }
>;

/**
 * Executes a liquidity call of `from` against pool `address`, moving tokens on `ledger` so that the pool's
 * own balances stay equal to its ledger balances. @throws TxRevertedError (or the pool's errors) to revert
 */
export function runLiquidityCall(
  ledger: Ledger,
  from: string,
  call: LiquidityCall,
  v2: PoolEntryV2 | undefined,
  v3: PoolEntryV3 | undefined,
): void {
  const L = ledger;
  const addr = call.pool;
  if (call.type === 'addLiquidityV2' || call.type === 'removeLiquidityV2') {
    if (!v2) throw new TxRevertedError(`no v2 pool at ${addr}`);
    if (call.type === 'addLiquidityV2') {
      if (L.balanceOf(v2.token0, from) < call.amount0 || L.balanceOf(v2.token1, from) < call.amount1)
        throw new TxRevertedError('insufficient balance to add liquidity');
      L.transfer(v2.token0, from, addr, call.amount0);
      L.transfer(v2.token1, from, addr, call.amount1);
      v2.pair.mint(from, call.amount0, call.amount1);
    } else {
      const out = v2.pair.burn(from, call.liquidity);
      L.transfer(v2.token0, addr, from, out.amount0);
      L.transfer(v2.token1, addr, from, out.amount1);
    }
    return;
  }
  if (!v3) throw new TxRevertedError(`no v3 pool at ${addr}`);
  if (call.type === 'mintV3') {
    const paid = v3.pool.mint(from, call.tickLower, call.tickUpper, call.liquidity);
    if (L.balanceOf(v3.token0, from) < paid.amount0 || L.balanceOf(v3.token1, from) < paid.amount1)
      throw new TxRevertedError('insufficient balance to mint the position');
    L.transfer(v3.token0, from, addr, paid.amount0);
    L.transfer(v3.token1, from, addr, paid.amount1);
    return;
  }
  v3.pool.burn(from, call.tickLower, call.tickUpper, call.liquidity);
  const max = (1n << 128n) - 1n;
  const got = v3.pool.collect(from, call.tickLower, call.tickUpper, max, max);
  L.transfer(v3.token0, addr, from, got.amount0);
  L.transfer(v3.token1, addr, from, got.amount1);
}
