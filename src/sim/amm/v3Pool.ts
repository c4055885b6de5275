import { SimInputError, SimStateError } from '../../errors/sim.js';
import { Q128, mulDiv, wrap256 } from './fullMath.js';
import { getAmount0Delta, getAmount1Delta } from './sqrtPriceMath.js';
import { computeSwapStep } from './swapMath.js';
import {
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
} from './tickMath.js';

/** State of one initialized tick. */
export interface TickInfo {
  liquidityGross: bigint;
  liquidityNet: bigint;
  feeGrowthOutside0X128: bigint;
  feeGrowthOutside1X128: bigint;
}

/** A liquidity position (owner, range). */
export interface V3Position {
  liquidity: bigint;
  feeGrowthInside0LastX128: bigint;
  feeGrowthInside1LastX128: bigint;
  tokensOwed0: bigint;
  tokensOwed1: bigint;
}

/** Result of a swap: signed deltas from the pool's view (positive = paid into the pool). */
export interface V3SwapResult {
  amount0: bigint;
  amount1: bigint;
  sqrtPriceX96: bigint;
  tick: number;
  liquidity: bigint;
  /** Number of initialized ticks crossed. */
  ticksCrossed: number;
}

/**
 * Uniswap v3 concentrated-liquidity pool in exact bigint integer math: ticks, tick spacing, positions, swaps
 * across initialized ticks (word-bounded search as the tick bitmap does), fee growth per unit of liquidity
 * (global, outside and inside, modulo 2^256), tokens owed and collection. Token balances are tracked so that
 * solvency (balances cover every position and every owed amount) can be checked after each operation.
 * No protocol fee, no oracle observations. Reference: Uniswap v3 whitepaper (Adams, Zinsmeister, Salem, Keefer,
 * Robinson 2021), sections 6.2-6.4; v3-core UniswapV3Pool.
 */
export class V3Pool {
  readonly feePips: bigint;
  readonly tickSpacing: number;
  sqrtPriceX96: bigint;
  tick: number;
  liquidity = 0n;
  feeGrowthGlobal0X128 = 0n;
  feeGrowthGlobal1X128 = 0n;
  /** Token balances held by the pool (raw units). */
  balance0 = 0n;
  balance1 = 0n;
  private readonly ticks = new Map<number, TickInfo>();
  private readonly initialized: number[] = []; // sorted compressed ticks
  private readonly positions = new Map<string, V3Position>();

  /**
   * @param feePips fee in hundredths of a bp (500, 3000, 10000)
   * @param tickSpacing e.g. 10, 60, 200
   * @param sqrtPriceX96 initial sqrt price (Q64.96)
   */
  constructor(
    readonly name: string,
    feePips: number,
    tickSpacing: number,
    sqrtPriceX96: bigint,
  ) {
    if (!Number.isInteger(feePips) || feePips < 0 || feePips >= 1_000_000)
      throw new SimInputError(name, 'feePips', `must be an integer in [0, 1e6), got ${feePips}`);
    if (!Number.isInteger(tickSpacing) || tickSpacing < 1 || tickSpacing > 16384)
      throw new SimInputError(name, 'tickSpacing', `must be an integer in [1, 16384], got ${tickSpacing}`);
    this.feePips = BigInt(feePips);
    this.tickSpacing = tickSpacing;
    this.sqrtPriceX96 = sqrtPriceX96;
    this.tick = getTickAtSqrtRatio(sqrtPriceX96);
  }

  /** Tick info (undefined when not initialized). */
  tickInfo(tick: number): TickInfo | undefined {
    return this.ticks.get(tick);
  }

  /** Initialized ticks, ascending, with their net liquidity (to rebuild the pool elsewhere). */
  initializedTicks(): { index: number; liquidityNet: bigint; liquidityGross: bigint }[] {
    return this.initialized.map((c) => {
      const t = this.ticks.get(c * this.tickSpacing) as TickInfo;
      return { index: c * this.tickSpacing, liquidityNet: t.liquidityNet, liquidityGross: t.liquidityGross };
    });
  }

  /** A position (undefined if never minted). */
  position(owner: string, tickLower: number, tickUpper: number): V3Position | undefined {
    return this.positions.get(`${owner}:${tickLower}:${tickUpper}`);
  }

  /** Every position key (`owner:lower:upper`) and state. */
  allPositions(): [string, V3Position][] {
    return [...this.positions.entries()];
  }

  /**
   * Adds `liquidity` to (owner, range). Returns the token amounts the caller must pay (rounded up); they are
   * added to the pool balances. @throws SimInputError for a bad range
   */
  mint(
    owner: string,
    tickLower: number,
    tickUpper: number,
    liquidity: bigint,
  ): { amount0: bigint; amount1: bigint } {
    if (liquidity <= 0n) throw new SimInputError(this.name, 'liquidity', 'mint amount must be > 0');
    const { amount0, amount1 } = this.modifyPosition(owner, tickLower, tickUpper, liquidity);
    this.balance0 += amount0;
    this.balance1 += amount1;
    return { amount0, amount1 };
  }

  /**
   * Removes `liquidity` from (owner, range); the amounts (rounded down) are credited to tokens owed (see
   * `collect`). @throws SimStateError when the position holds less
   */
  burn(
    owner: string,
    tickLower: number,
    tickUpper: number,
    liquidity: bigint,
  ): { amount0: bigint; amount1: bigint } {
    const { amount0, amount1 } = this.modifyPosition(owner, tickLower, tickUpper, -liquidity);
    const p = this.position(owner, tickLower, tickUpper) as V3Position;
    p.tokensOwed0 += -amount0;
    p.tokensOwed1 += -amount1;
    return { amount0: -amount0, amount1: -amount1 };
  }

  /** Pays out up to the requested owed amounts; returns what was paid (removed from pool balances). */
  collect(
    owner: string,
    tickLower: number,
    tickUpper: number,
    max0: bigint,
    max1: bigint,
  ): { amount0: bigint; amount1: bigint } {
    const p = this.position(owner, tickLower, tickUpper);
    if (!p) return { amount0: 0n, amount1: 0n };
    const amount0 = max0 > p.tokensOwed0 ? p.tokensOwed0 : max0;
    const amount1 = max1 > p.tokensOwed1 ? p.tokensOwed1 : max1;
    p.tokensOwed0 -= amount0;
    p.tokensOwed1 -= amount1;
    this.balance0 -= amount0;
    this.balance1 -= amount1;
    return { amount0, amount1 };
  }

  /**
   * Swaps. `amountSpecified` > 0 is exact input, < 0 exact output, of token0 when `zeroForOne` else token1.
   * Stops at `sqrtPriceLimitX96` (default: the extreme price). Pool balances move by the returned deltas.
   * @throws SimInputError for a zero amount or a limit on the wrong side of the price
   */
  swap(zeroForOne: boolean, amountSpecified: bigint, sqrtPriceLimitX96?: bigint): V3SwapResult {
    if (amountSpecified === 0n) throw new SimInputError(this.name, 'amountSpecified', 'must be non-zero');
    const limit = sqrtPriceLimitX96 ?? (zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n);
    if (
      zeroForOne
        ? !(limit < this.sqrtPriceX96 && limit > MIN_SQRT_RATIO)
        : !(limit > this.sqrtPriceX96 && limit < MAX_SQRT_RATIO)
    )
      throw new SimInputError(
        this.name,
        'sqrtPriceLimitX96',
        `limit ${limit} is on the wrong side of the price`,
      );
    const exactInput = amountSpecified > 0n;
    let remaining = amountSpecified;
    let calculated = 0n;
    let sqrtP = this.sqrtPriceX96;
    let tick = this.tick;
    let liquidity = this.liquidity;
    let feeGrowth = zeroForOne ? this.feeGrowthGlobal0X128 : this.feeGrowthGlobal1X128;
    let crossed = 0;
    while (remaining !== 0n && sqrtP !== limit) {
      const start = sqrtP;
      let [tickNext, initialized] = this.nextInitializedTickWithinOneWord(tick, zeroForOne);
      if (tickNext < MIN_TICK) tickNext = MIN_TICK;
      else if (tickNext > MAX_TICK) tickNext = MAX_TICK;
      const sqrtNextTick = getSqrtRatioAtTick(tickNext);
      const target = (zeroForOne ? sqrtNextTick < limit : sqrtNextTick > limit) ? limit : sqrtNextTick;
      const step = computeSwapStep(sqrtP, target, liquidity, remaining, this.feePips);
      sqrtP = step.sqrtNext;
      if (exactInput) {
        remaining -= step.amountIn + step.feeAmount;
        calculated -= step.amountOut;
      } else {
        remaining += step.amountOut;
        calculated += step.amountIn + step.feeAmount;
      }
      if (liquidity > 0n) feeGrowth = wrap256(feeGrowth + mulDiv(step.feeAmount, Q128, liquidity));
      if (sqrtP === sqrtNextTick) {
        if (initialized) {
          const t = this.ticks.get(tickNext) as TickInfo;
          const g0 = zeroForOne ? feeGrowth : this.feeGrowthGlobal0X128;
          const g1 = zeroForOne ? this.feeGrowthGlobal1X128 : feeGrowth;
          t.feeGrowthOutside0X128 = wrap256(g0 - t.feeGrowthOutside0X128);
          t.feeGrowthOutside1X128 = wrap256(g1 - t.feeGrowthOutside1X128);
          liquidity += zeroForOne ? -t.liquidityNet : t.liquidityNet;
          crossed++;
        }
        tick = zeroForOne ? tickNext - 1 : tickNext;
      } else if (sqrtP !== start) tick = getTickAtSqrtRatio(sqrtP);
    }
    this.sqrtPriceX96 = sqrtP;
    this.tick = tick;
    this.liquidity = liquidity;
    if (zeroForOne) this.feeGrowthGlobal0X128 = feeGrowth;
    else this.feeGrowthGlobal1X128 = feeGrowth;
    const [amount0, amount1] =
      zeroForOne === exactInput
        ? [amountSpecified - remaining, calculated]
        : [calculated, amountSpecified - remaining];
    this.balance0 += amount0;
    this.balance1 += amount1;
    return { amount0, amount1, sqrtPriceX96: sqrtP, tick, liquidity, ticksCrossed: crossed };
  }

  /**
   * Fees earned and not yet credited, plus owed tokens, of a position (what `burn(0)` + `collect` would pay).
   */
  feesOwed(owner: string, tickLower: number, tickUpper: number): { fees0: bigint; fees1: bigint } {
    const p = this.position(owner, tickLower, tickUpper);
    if (!p) return { fees0: 0n, fees1: 0n };
    const [in0, in1] = this.feeGrowthInside(tickLower, tickUpper);
    return {
      fees0: p.tokensOwed0 + mulDiv(wrap256(in0 - p.feeGrowthInside0LastX128), p.liquidity, Q128),
      fees1: p.tokensOwed1 + mulDiv(wrap256(in1 - p.feeGrowthInside1LastX128), p.liquidity, Q128),
    };
  }

  /**
   * Solvency check: the pool's balances cover, for every position, the tokens its liquidity would return at the
   * current price (rounded down) plus its accrued fees and owed tokens.
   * @returns the surplus per token (>= 0 when solvent)
   */
  solvencySurplus(): { surplus0: bigint; surplus1: bigint } {
    let need0 = 0n;
    let need1 = 0n;
    for (const key of this.positions.keys()) {
      const [owner, lo, hi] = splitKey(key);
      const p = this.positions.get(key) as V3Position;
      const { a0, a1 } = this.amountsFor(lo, hi, p.liquidity, false);
      const f = this.feesOwed(owner, lo, hi);
      need0 += a0 + f.fees0;
      need1 += a1 + f.fees1;
    }
    return { surplus0: this.balance0 - need0, surplus1: this.balance1 - need1 };
  }

  private amountsFor(lo: number, hi: number, liq: bigint, roundUp: boolean): { a0: bigint; a1: bigint } {
    const sl = getSqrtRatioAtTick(lo);
    const su = getSqrtRatioAtTick(hi);
    if (this.tick < lo) return { a0: getAmount0Delta(sl, su, liq, roundUp), a1: 0n };
    if (this.tick < hi)
      return {
        a0: getAmount0Delta(this.sqrtPriceX96, su, liq, roundUp),
        a1: getAmount1Delta(sl, this.sqrtPriceX96, liq, roundUp),
      };
    return { a0: 0n, a1: getAmount1Delta(sl, su, liq, roundUp) };
  }

  private feeGrowthInside(lo: number, hi: number): [bigint, bigint] {
    const l = this.ticks.get(lo) as TickInfo;
    const u = this.ticks.get(hi) as TickInfo;
    const g0 = this.feeGrowthGlobal0X128;
    const g1 = this.feeGrowthGlobal1X128;
    const below0 = this.tick >= lo ? l.feeGrowthOutside0X128 : wrap256(g0 - l.feeGrowthOutside0X128);
    const below1 = this.tick >= lo ? l.feeGrowthOutside1X128 : wrap256(g1 - l.feeGrowthOutside1X128);
    const above0 = this.tick < hi ? u.feeGrowthOutside0X128 : wrap256(g0 - u.feeGrowthOutside0X128);
    const above1 = this.tick < hi ? u.feeGrowthOutside1X128 : wrap256(g1 - u.feeGrowthOutside1X128);
    return [wrap256(g0 - below0 - above0), wrap256(g1 - below1 - above1)];
  }

  private modifyPosition(
    owner: string,
    lo: number,
    hi: number,
    delta: bigint,
  ): { amount0: bigint; amount1: bigint } {
    if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo < hi && lo >= MIN_TICK && hi <= MAX_TICK))
      throw new SimInputError(this.name, 'ticks', `bad range [${lo}, ${hi}]`);
    if (lo % this.tickSpacing !== 0 || hi % this.tickSpacing !== 0)
      throw new SimInputError(
        this.name,
        'ticks',
        `range [${lo}, ${hi}] not on tick spacing ${this.tickSpacing}`,
      );
    const key = `${owner}:${lo}:${hi}`;
    let p = this.positions.get(key);
    if (!p) {
      if (delta < 0n) throw new SimStateError(this.name, `burn: no position ${key}`);
      p = {
        liquidity: 0n,
        feeGrowthInside0LastX128: 0n,
        feeGrowthInside1LastX128: 0n,
        tokensOwed0: 0n,
        tokensOwed1: 0n,
      };
      this.positions.set(key, p);
    }
    if (p.liquidity + delta < 0n)
      throw new SimStateError(this.name, `burn: position ${key} holds ${p.liquidity}, asked ${-delta}`);
    if (delta !== 0n) {
      this.updateTick(lo, delta, false);
      this.updateTick(hi, delta, true);
    }
    const [in0, in1] = this.feeGrowthInside(lo, hi);
    p.tokensOwed0 += mulDiv(wrap256(in0 - p.feeGrowthInside0LastX128), p.liquidity, Q128);
    p.tokensOwed1 += mulDiv(wrap256(in1 - p.feeGrowthInside1LastX128), p.liquidity, Q128);
    p.feeGrowthInside0LastX128 = in0;
    p.feeGrowthInside1LastX128 = in1;
    p.liquidity += delta;
    if (delta < 0n) {
      // clear ticks no longer referenced
      for (const t of [lo, hi]) {
        const info = this.ticks.get(t) as TickInfo;
        if (info.liquidityGross === 0n) this.clearTick(t);
      }
    }
    const abs = delta < 0n ? -delta : delta;
    const { a0, a1 } = this.amountsFor(lo, hi, abs, delta > 0n);
    if (this.tick >= lo && this.tick < hi) this.liquidity += delta;
    return delta >= 0n ? { amount0: a0, amount1: a1 } : { amount0: -a0, amount1: -a1 };
  }

  private updateTick(t: number, delta: bigint, upper: boolean): void {
    let info = this.ticks.get(t);
    if (!info) {
      // by convention all growth before initialization happened below the tick
      const below = t <= this.tick;
      info = {
        liquidityGross: 0n,
        liquidityNet: 0n,
        feeGrowthOutside0X128: below ? this.feeGrowthGlobal0X128 : 0n,
        feeGrowthOutside1X128: below ? this.feeGrowthGlobal1X128 : 0n,
      };
      this.ticks.set(t, info);
      const c = t / this.tickSpacing;
      this.initialized.splice(lowerBound(this.initialized, c), 0, c);
    }
    info.liquidityGross += delta;
    info.liquidityNet += upper ? -delta : delta;
  }

  private clearTick(t: number): void {
    this.ticks.delete(t);
    const c = t / this.tickSpacing;
    const i = lowerBound(this.initialized, c);
    if (this.initialized[i] === c) this.initialized.splice(i, 1);
  }

  /** Next initialized tick within one 256-tick bitmap word (TickBitmap.nextInitializedTickWithinOneWord). */
  private nextInitializedTickWithinOneWord(tick: number, lte: boolean): [number, boolean] {
    const s = this.tickSpacing;
    const compressed = Math.floor(tick / s);
    const arr = this.initialized;
    if (lte) {
      const wordStart = Math.floor(compressed / 256) * 256;
      const i = lowerBound(arr, compressed + 1) - 1; // largest <= compressed
      if (i >= 0 && arr[i] >= wordStart) return [arr[i] * s, true];
      return [wordStart * s, false];
    }
    const c1 = compressed + 1;
    const wordEnd = Math.floor(c1 / 256) * 256 + 255;
    const i = lowerBound(arr, c1);
    if (i < arr.length && arr[i] <= wordEnd) return [arr[i] * s, true];
    return [wordEnd * s, false];
  }
}

function lowerBound(arr: number[], x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (arr[m] < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

function splitKey(key: string): [string, number, number] {
  const j = key.lastIndexOf(':');
  const i = key.lastIndexOf(':', j - 1);
  return [key.slice(0, i), Number(key.slice(i + 1, j)), Number(key.slice(j + 1))];
}
