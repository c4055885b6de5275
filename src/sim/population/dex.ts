import { V2Pair } from '../amm/v2Pair.js';
import { V3Pool } from '../amm/v3Pool.js';
import { MAX_TICK, MIN_TICK, getSqrtRatioAtTick, getTickAtSqrtRatio } from '../amm/tickMath.js';
import type { ChainState } from './chain.js';
import type { RecordSink } from './recordSink.js';
import { SIM_SOURCE } from './venue.js';

/** Decimals of the pools' token0 (the asset, as WETH) and token1 (USDC). */
export const DECIMALS0 = 18;
export const DECIMALS1 = 6;
const SCALE0 = 10 ** DECIMALS0;
const SCALE1 = 10 ** DECIMALS1;
const Q96F = 2 ** 96;
/** Raw-units price (token1 base units per token0 base unit) per human price (USDC per asset). */
const RAW_PER_HUMAN = SCALE1 / SCALE0;

/** Float human amount to token base units (rounded to 1e-6 of a token, never negative). */
export function toRaw(x: number, decimals: number): bigint {
  const micro = BigInt(Math.max(0, Math.round(x * 1e6)));
  return decimals >= 6 ? micro * 10n ** BigInt(decimals - 6) : micro / 10n ** BigInt(6 - decimals);
}

/** Token base units to a float human amount. */
export function fromRaw(x: bigint, decimals: number): number {
  return Number(x) / 10 ** decimals;
}

/** What the population's agents need from a DEX pool (token0 = the asset, token1 = USDC, human units). */
export interface DexPool {
  readonly pool: string;
  readonly token0: string;
  readonly venue: 'uniswap_v2' | 'uniswap_v3';
  /** Fee as a fraction of the input. */
  readonly fee: number;
  /** Volume and fees since the last daily report (USD), flash-loan volume (USD). */
  volumeUsdHour: number;
  feesUsdHour: number;
  flashUsdDay: number;
  /** Pool price, USDC per asset. */
  price(): number;
  /** Token balances held by the pool, human units. */
  reserve0(): number;
  reserve1(): number;
  /** Exact-input swap; returns the output (human units). Writes a `dexSwaps` record and its transaction. */
  swap(tsMs: number, trader: string, amountIn: number, zeroForOne: boolean, priorityGwei?: number): number;
  /**
   * Swaps toward `target` price (USDC per asset), stopping there; returns the signed asset delta for the trader
   * (> 0 bought asset) and the USDC delta, human units. Writes its `dexSwaps` record.
   */
  swapToPrice(
    tsMs: number,
    trader: string,
    target: number,
    priorityGwei?: number,
  ): { d0: number; d1: number };
}

/** Shared swap bookkeeping: record, transaction, volume and fee counters. */
abstract class PoolBase {
  volumeUsdHour = 0;
  feesUsdHour = 0;
  flashUsdDay = 0;
  abstract readonly fee: number;
  abstract readonly venue: 'uniswap_v2' | 'uniswap_v3';

  constructor(
    readonly pool: string,
    readonly token0: string,
    protected readonly chain: ChainState,
    protected readonly sink: RecordSink,
  ) {}

  protected record(
    tsMs: number,
    trader: string,
    raw0: bigint,
    raw1: bigint,
    zeroForOne: boolean,
    priorityGwei: number,
  ): void {
    const in0 = fromRaw(raw0, DECIMALS0);
    const usd = fromRaw(raw1, DECIMALS1);
    this.volumeUsdHour += usd;
    this.feesUsdHour += usd * this.fee;
    const tx = this.chain.transaction(tsMs, trader, this.pool, zeroForOne ? in0 : 0, priorityGwei);
    this.sink.push('dexSwaps', {
      tsEvent: tsMs,
      source: SIM_SOURCE,
      chain: this.chain.chain,
      venue: this.venue,
      pool: this.pool,
      txHash: tx,
      swapIndex: '0',
      blockNumber: this.chain.blockNumber + 1,
      txPosition: this.chain.nextTxPosition(),
      to: trader,
      tokenIn: zeroForOne ? this.token0 : 'USDC',
      tokenOut: zeroForOne ? 'USDC' : this.token0,
      amountIn: (zeroForOne ? raw0 : raw1).toString(),
      amountOut: (zeroForOne ? raw1 : raw0).toString(),
      trader,
    });
  }
}

/**
 * Uniswap v2 pool of the world: a thin adapter over the exact bigint {@link V2Pair} (0.30% fee) converting the
 * agents' float amounts to token base units (asset 18 decimals, USDC 6). LPs mint and burn LP tokens.
 * Reference: Uniswap v2 whitepaper (Adams, Zinsmeister, Robinson 2020).
 */
export class V2Dex extends PoolBase implements DexPool {
  readonly venue = 'uniswap_v2' as const;
  readonly fee = 0.003;
  readonly pair: V2Pair;

  /** Seeds the pair at `price` (USDC per asset) with `depthUsd` of liquidity from the passive LP `0xgenesis`. */
  constructor(
    pool: string,
    token0: string,
    price: number,
    depthUsd: number,
    chain: ChainState,
    sink: RecordSink,
  ) {
    super(pool, token0, chain, sink);
    this.pair = new V2Pair(pool);
    this.pair.mint('0xgenesis', toRaw(depthUsd / 2 / price, DECIMALS0), toRaw(depthUsd / 2, DECIMALS1));
  }

  reserve0(): number {
    return fromRaw(this.pair.reserve0, DECIMALS0);
  }

  reserve1(): number {
    return fromRaw(this.pair.reserve1, DECIMALS1);
  }

  price(): number {
    return this.reserve1() / this.reserve0();
  }

  swap(tsMs: number, trader: string, amountIn: number, zeroForOne: boolean, priorityGwei = 1.5): number {
    const rawIn = toRaw(amountIn, zeroForOne ? DECIMALS0 : DECIMALS1);
    if (rawIn <= 0n) return 0;
    const rawOut = this.pair.getAmountOut(rawIn, zeroForOne);
    if (rawOut <= 0n) return 0;
    this.pair.swapExactIn(rawIn, zeroForOne);
    this.record(
      tsMs,
      trader,
      zeroForOne ? rawIn : rawOut,
      zeroForOne ? rawOut : rawIn,
      zeroForOne,
      priorityGwei,
    );
    return fromRaw(rawOut, zeroForOne ? DECIMALS1 : DECIMALS0);
  }

  /** Asset amount that moves the pool price to `target` (ignoring the fee), signed: > 0 sells the asset. */
  amountToPrice(target: number): number {
    const r0 = this.reserve0();
    return Math.sqrt((r0 * this.reserve1()) / target) - r0;
  }

  swapToPrice(tsMs: number, trader: string, target: number, priorityGwei = 1.5): { d0: number; d1: number } {
    const a = this.amountToPrice(target);
    if (a > 0) return { d0: -a, d1: this.swap(tsMs, trader, a, true, priorityGwei) };
    const usdIn = -a * Math.sqrt(target * this.price());
    return { d0: this.swap(tsMs, trader, usdIn, false, priorityGwei), d1: -usdIn };
  }

  /**
   * `owner` adds (fraction > 0: mints that fraction of the reserves) or removes (< 0: burns that fraction of the
   * LP supply, from its own LP tokens first, the rest from the passive LP) liquidity. Removal is capped at 50%.
   */
  changeLiquidity(owner: string, fraction: number): void {
    const p = this.pair;
    if (fraction > 0) {
      const a0 = (p.reserve0 * BigInt(Math.round(fraction * 1e6))) / 1_000_000n;
      const a1 = (p.reserve1 * BigInt(Math.round(fraction * 1e6))) / 1_000_000n;
      if (a0 > 0n && a1 > 0n) p.mint(owner, a0, a1);
      return;
    }
    let want = (p.totalSupply * BigInt(Math.round(Math.min(0.5, -fraction) * 1e6))) / 1_000_000n;
    for (const who of [owner, '0xgenesis']) {
      const take = want < p.lpBalance(who) ? want : p.lpBalance(who);
      if (take > 0n && (take * p.reserve0) / p.totalSupply > 0n && (take * p.reserve1) / p.totalSupply > 0n) {
        p.burn(who, take);
        want -= take;
      }
    }
  }
}

/** Human price (USDC per asset) to a v3 sqrt price (Q64.96, raw units), clamped to the valid tick range. */
export function sqrtPriceX96FromPrice(price: number): bigint {
  const tick = Math.max(
    MIN_TICK + 1,
    Math.min(MAX_TICK - 1, Math.round(Math.log(price * RAW_PER_HUMAN) / Math.log(1.0001))),
  );
  const exact = BigInt(Math.floor(Math.sqrt(price * RAW_PER_HUMAN) * Q96F));
  const lo = getSqrtRatioAtTick(tick - 1);
  const hi = getSqrtRatioAtTick(tick + 1);
  return exact < lo ? lo : exact > hi ? hi : exact;
}

/**
 * Uniswap v3 pool of the world (0.05% fee, tick spacing 10): an adapter over the exact bigint {@link V3Pool}
 * converting float amounts to token base units; range LPs mint and burn positions through `setRange`.
 * Reference: Uniswap v3 whitepaper (Adams et al. 2021), sections 6.2-6.4 (liquidity from amounts, eq. 6.29-6.30).
 */
export class V3Dex extends PoolBase implements DexPool {
  readonly venue = 'uniswap_v3' as const;
  readonly fee = 0.0005;
  readonly v3: V3Pool;
  private readonly ranges = new Map<string, { lo: number; hi: number; liq: bigint }>();

  /** Seeds the pool at `price` with `depthUsd` of liquidity in a +-`widthFrac` range held by `0xgenesis`. */
  constructor(
    pool: string,
    token0: string,
    price: number,
    depthUsd: number,
    widthFrac: number,
    chain: ChainState,
    sink: RecordSink,
  ) {
    super(pool, token0, chain, sink);
    this.v3 = new V3Pool(pool, 500, 10, sqrtPriceX96FromPrice(price));
    this.setRange('0xgenesis', price * (1 - widthFrac), price * (1 + widthFrac), depthUsd);
  }

  price(): number {
    const s = Number(this.v3.sqrtPriceX96) / Q96F;
    return (s * s) / RAW_PER_HUMAN;
  }

  reserve0(): number {
    return fromRaw(this.v3.balance0, DECIMALS0);
  }

  reserve1(): number {
    return fromRaw(this.v3.balance1, DECIMALS1);
  }

  /** Number of open LP ranges (including the passive seed range). */
  rangeCount(): number {
    return this.ranges.size;
  }

  /** The open range of `owner` as prices (USDC per asset), or undefined. */
  range(owner: string): { lo: number; hi: number } | undefined {
    const r = this.ranges.get(owner);
    if (!r) return undefined;
    const p = (t: number) => 1.0001 ** t / RAW_PER_HUMAN;
    return { lo: p(r.lo), hi: p(r.hi) };
  }

  /**
   * Replaces `owner`'s position: burns and collects the old range (with its fees), then mints liquidity worth
   * about `usd` over [`loPx`, `hiPx`] (snapped to the tick spacing) at the current price; `usd` <= 0 only
   * withdraws. Liquidity from the budget: L = V / ((sqrtP - sqrtPa) + P (1/sqrtP - 1/sqrtPb)) in raw units.
   */
  setRange(owner: string, loPx: number, hiPx: number, usd: number): void {
    const old = this.ranges.get(owner);
    if (old) {
      this.v3.burn(owner, old.lo, old.hi, old.liq);
      this.v3.collect(owner, old.lo, old.hi, 2n ** 127n, 2n ** 127n);
      this.ranges.delete(owner);
    }
    if (!(usd > 0) || !(loPx > 0) || !(hiPx > loPx)) return;
    const sp = this.v3.tickSpacing;
    const tickOf = (px: number) => Math.log(px * RAW_PER_HUMAN) / Math.log(1.0001);
    const lo = Math.max(Math.ceil(MIN_TICK / sp) * sp, Math.floor(tickOf(loPx) / sp) * sp);
    const hi = Math.min(Math.floor(MAX_TICK / sp) * sp, Math.max(lo + sp, Math.ceil(tickOf(hiPx) / sp) * sp));
    const sa = Math.sqrt(1.0001 ** lo);
    const sb = Math.sqrt(1.0001 ** hi);
    const s = Math.min(sb, Math.max(sa, Number(this.v3.sqrtPriceX96) / Q96F));
    const valuePerL = s - sa + s * s * (1 / s - 1 / sb);
    const liq = BigInt(Math.floor((usd * SCALE1) / valuePerL));
    if (liq <= 0n) return;
    this.v3.mint(owner, lo, hi, liq);
    this.ranges.set(owner, { lo, hi, liq });
  }

  swap(tsMs: number, trader: string, amountIn: number, zeroForOne: boolean, priorityGwei = 1.5): number {
    const rawIn = toRaw(amountIn, zeroForOne ? DECIMALS0 : DECIMALS1);
    if (rawIn <= 0n) return 0;
    return this.exec(tsMs, trader, rawIn, zeroForOne, undefined, priorityGwei).out;
  }

  swapToPrice(tsMs: number, trader: string, target: number, priorityGwei = 1.5): { d0: number; d1: number } {
    const limit = sqrtPriceX96FromPrice(target);
    const cur = this.v3.sqrtPriceX96;
    if (limit === cur) return { d0: 0, d1: 0 };
    const zeroForOne = limit < cur;
    // Exact input larger than any reserve: the price limit binds.
    const big = zeroForOne ? 10n ** 36n : 10n ** 24n;
    const r = this.exec(tsMs, trader, big, zeroForOne, limit, priorityGwei);
    return zeroForOne ? { d0: -r.in, d1: r.out } : { d0: r.out, d1: -r.in };
  }

  private exec(
    tsMs: number,
    trader: string,
    rawIn: bigint,
    zeroForOne: boolean,
    limit: bigint | undefined,
    priorityGwei: number,
  ): { in: number; out: number } {
    if (this.v3.liquidity === 0n && limit === undefined) return { in: 0, out: 0 };
    const r = this.v3.swap(zeroForOne, rawIn, limit);
    const raw0 = r.amount0 < 0n ? -r.amount0 : r.amount0;
    const raw1 = r.amount1 < 0n ? -r.amount1 : r.amount1;
    if (raw0 === 0n && raw1 === 0n) return { in: 0, out: 0 };
    this.record(tsMs, trader, raw0, raw1, zeroForOne, priorityGwei);
    return zeroForOne
      ? { in: fromRaw(raw0, DECIMALS0), out: fromRaw(raw1, DECIMALS1) }
      : { in: fromRaw(raw1, DECIMALS1), out: fromRaw(raw0, DECIMALS0) };
  }
}

/** Tick of a human price (for tests and reports). */
export function tickOfPrice(price: number): number {
  return getTickAtSqrtRatio(sqrtPriceX96FromPrice(price));
}
