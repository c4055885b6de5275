import { SimInputError } from '../../errors/sim.js';
import { MAX_UINT256 } from './fullMath.js';

/** Smallest tick: log_1.0001(2^-128). */
export const MIN_TICK = -887272;
/** Largest tick. */
export const MAX_TICK = 887272;
/** sqrt price (Q64.96) at MIN_TICK. */
export const MIN_SQRT_RATIO = 4295128739n;
/** sqrt price (Q64.96) at MAX_TICK. */
export const MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342n;

// 2^128 / sqrt(1.0001)^(2^i) in Q128.128 for i = 0..19 (the constants of the v3 whitepaper's TickMath).
const RATIOS: bigint[] = [
  0xfffcb933bd6fad37aa2d162d1a594001n,
  0xfff97272373d413259a46990580e213an,
  0xfff2e50f5f656932ef12357cf3c7fdccn,
  0xffe5caca7e10e4e61c3624eaa0941cd0n,
  0xffcb9843d60f6159c9db58835c926644n,
  0xff973b41fa98c081472e6896dfb254c0n,
  0xff2ea16466c96a3843ec78b326b52861n,
  0xfe5dee046a99a2a811c461f1969c3053n,
  0xfcbe86c7900a88aedcffc83b479aa3a4n,
  0xf987a7253ac413176f2b074cf7815e54n,
  0xf3392b0822b70005940c7a398e4b70f3n,
  0xe7159475a2c29b7443b29c7fa6e889d9n,
  0xd097f3bdfd2022b8845ad8f792aa5825n,
  0xa9f746462d870fdf8a65dc1f90e061e5n,
  0x70d869a156d2a1b890bb3df62baf32f7n,
  0x31be135f97d08fd981231505542fcfa6n,
  0x9aa508b5b7a84e1c677de54f3e99bc9n,
  0x5d6af8dedb81196699c329225ee604n,
  0x2216e584f5fa1ea926041bedfe98n,
  0x48a170391f7dc42444e8fa2n,
];

const cache = new Map<number, bigint>();

/**
 * sqrt(1.0001^tick) * 2^96, rounded up, exactly as Uniswap v3 TickMath.getSqrtRatioAtTick.
 * Reference: Uniswap v3 whitepaper (Adams et al. 2021), section 6.2.1.
 * @throws SimInputError when |tick| > MAX_TICK
 */
export function getSqrtRatioAtTick(tick: number): bigint {
  const hit = cache.get(tick);
  if (hit !== undefined) return hit;
  if (!Number.isInteger(tick) || tick < MIN_TICK || tick > MAX_TICK)
    throw new SimInputError('tickMath', 'tick', `${tick} outside [${MIN_TICK}, ${MAX_TICK}]`);
  const abs = Math.abs(tick);
  let ratio = (abs & 1) !== 0 ? RATIOS[0] : 1n << 128n;
  for (let i = 1; i < 20; i++) if ((abs & (1 << i)) !== 0) ratio = (ratio * RATIOS[i]) >> 128n;
  if (tick > 0) ratio = MAX_UINT256 / ratio;
  const out = (ratio >> 32n) + (ratio % (1n << 32n) === 0n ? 0n : 1n);
  if (cache.size < 1_000_000) cache.set(tick, out);
  return out;
}

/**
 * The greatest tick whose sqrt ratio is <= `sqrtPriceX96` (Uniswap v3 TickMath.getTickAtSqrtRatio), found by
 * a float estimate refined with exact comparisons against getSqrtRatioAtTick.
 * @throws SimInputError outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO)
 */
export function getTickAtSqrtRatio(sqrtPriceX96: bigint): number {
  if (sqrtPriceX96 < MIN_SQRT_RATIO || sqrtPriceX96 >= MAX_SQRT_RATIO)
    throw new SimInputError(
      'tickMath',
      'sqrtPriceX96',
      `${sqrtPriceX96} outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO)`,
    );
  const r = Number(sqrtPriceX96) / 2 ** 96;
  let t = Math.floor((2 * Math.log(r)) / Math.log(1.0001));
  if (t < MIN_TICK) t = MIN_TICK;
  if (t > MAX_TICK - 1) t = MAX_TICK - 1;
  while (t > MIN_TICK && getSqrtRatioAtTick(t) > sqrtPriceX96) t--;
  while (t < MAX_TICK && getSqrtRatioAtTick(t + 1) <= sqrtPriceX96) t++;
  return t;
}
