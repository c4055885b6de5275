import { SimInputError, SimStateError } from '../errors/sim.js';
import {
  BUY,
  CANCEL_STP,
  CANCEL_USER,
  FOK,
  GTC,
  IOC,
  SELL,
  STATUS_CANCELLED,
  STATUS_FILLED,
  STATUS_REJECTED,
  STATUS_RESTING,
  STP_EXPIRE_BOTH,
  STP_EXPIRE_TAKER,
  STP_NONE,
  type BookListener,
  type L3Order,
  type OrderBookOptions,
  type Side,
  type StpMode,
  type TimeInForce,
} from './orderTypes.js';
import { grown } from './typedArrays.js';

/** Order ids encode their pool slot: id = generation * SLOT_SPACE + slot (at most 2^24 resting orders). */
const SLOT_SPACE = 16_777_216;

/**
 * Central limit order book with price-time priority on integer ticks and lots.
 *
 * Layout: a price ladder (per side: FIFO head/tail and aggregate size per level, plus a bitmap of non-empty
 * levels to find the next best price by word scans) and an order pool in typed arrays with intrusive doubly
 * linked FIFO queues. Nothing is allocated per add, cancel or fill. Supports limit (GTC), market, IOC, FOK,
 * post-only, cancel, modify (size reduction keeps priority; price change or size increase loses it) and
 * self-trade prevention (Binance STP modes). Matching happens at the resting order's price.
 * Reference: Gould et al. 2013, "Limit order books", Quantitative Finance 13(11); NautilusTrader matching engine.
 *
 * @example
 * const book = new OrderBook({ minPriceTicks: 90_000, levels: 20_000 }, listener);
 * const id = book.submit(owner, BUY, 100_000, 5, GTC, false);
 */
export class OrderBook {
  readonly name: string;
  readonly minPrice: number;
  readonly levels: number;
  readonly stp: StpMode;
  // ladder, index = side * levels + (price - minPrice)
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly levelQty: Float64Array;
  private readonly bits: Uint32Array; // side * words + word
  private readonly words: number;
  // order pool
  private oPrice: Int32Array;
  private oQty: Float64Array;
  private oOwner: Int32Array;
  private oSide: Uint8Array;
  private oNext: Int32Array;
  private oPrev: Int32Array;
  private oId: Float64Array;
  private free: Int32Array;
  private freeTop = 0;
  private poolSize = 0;
  private oGen: Float64Array; // ids issued per slot: id = gen * SLOT_SPACE + slot
  private bestBidIdx = -1;
  private bestAskIdx = -1;
  private readonly listener: BookListener;
  /** Lots filled by the last submit/modify. */
  lastFilledLots = 0;
  /** Lots left resting by the last submit/modify. */
  lastRestingLots = 0;
  /** Status of the last submit/modify (STATUS_*). */
  lastStatus = STATUS_RESTING;
  /** Number of resting orders. */
  orderCount = 0;

  constructor(opts: OrderBookOptions, listener: BookListener) {
    this.name = opts.name ?? 'book';
    this.minPrice = opts.minPriceTicks ?? 1;
    this.levels = opts.levels ?? 1 << 18;
    this.stp = opts.stp ?? STP_EXPIRE_TAKER;
    if (!Number.isInteger(this.levels) || this.levels < 1 || this.levels > 1 << 26)
      throw new SimInputError(this.name, 'levels', `must be an integer in [1, 2^26], got ${this.levels}`);
    if (!Number.isSafeInteger(this.minPrice) || this.minPrice < 0)
      throw new SimInputError(this.name, 'minPriceTicks', `must be an integer >= 0, got ${this.minPrice}`);
    this.head = new Int32Array(2 * this.levels).fill(-1);
    this.tail = new Int32Array(2 * this.levels).fill(-1);
    this.levelQty = new Float64Array(2 * this.levels);
    this.words = (this.levels + 31) >>> 5;
    this.bits = new Uint32Array(2 * this.words);
    const cap = opts.capacity ?? 4096;
    this.oPrice = new Int32Array(cap);
    this.oQty = new Float64Array(cap);
    this.oOwner = new Int32Array(cap);
    this.oSide = new Uint8Array(cap);
    this.oNext = new Int32Array(cap);
    this.oPrev = new Int32Array(cap);
    this.oId = new Float64Array(cap);
    this.free = new Int32Array(cap);
    this.oGen = new Float64Array(cap);
    this.listener = listener;
  }

  /** Best bid in ticks, or NaN when there are no bids. */
  get bestBid(): number {
    return this.bestBidIdx < 0 ? Number.NaN : this.bestBidIdx + this.minPrice;
  }
  /** Best ask in ticks, or NaN when there are no asks. */
  get bestAsk(): number {
    return this.bestAskIdx < 0 ? Number.NaN : this.bestAskIdx + this.minPrice;
  }
  /** Total lots at the best bid (0 when empty). */
  get bestBidLots(): number {
    return this.bestBidIdx < 0 ? 0 : this.levelQty[this.bestBidIdx];
  }
  /** Total lots at the best ask (0 when empty). */
  get bestAskLots(): number {
    return this.bestAskIdx < 0 ? 0 : this.levelQty[this.levels + this.bestAskIdx];
  }

  /** Total resting lots at `priceTicks` on `side`. */
  lotsAt(side: Side, priceTicks: number): number {
    const i = priceTicks - this.minPrice;
    if (i < 0 || i >= this.levels) return 0;
    return this.levelQty[side * this.levels + i];
  }

  /** Whether order `orderId` is resting. */
  has(orderId: number): boolean {
    return this.slotOf(orderId) >= 0;
  }

  /** Remaining lots of a resting order (0 if not resting). */
  remainingOf(orderId: number): number {
    const s = this.slotOf(orderId);
    return s < 0 ? 0 : this.oQty[s];
  }

  /** Owner of a resting order (-1 if not resting). */
  ownerOf(orderId: number): number {
    const s = this.slotOf(orderId);
    return s < 0 ? -1 : this.oOwner[s];
  }

  /**
   * Submits a limit order and returns its id. Fills are reported to the listener before this returns; the
   * outcome is in `lastStatus`, `lastFilledLots`, `lastRestingLots`.
   * @param owner account id (used for self-trade prevention)
   * @param priceTicks limit price in integer ticks
   * @param lots size in integer lots (> 0)
   * @param tif GTC rests the remainder, IOC cancels it, FOK fills all or nothing
   * @param postOnly reject (STATUS_REJECTED) if any part would take liquidity
   * @throws SimInputError for a price outside the ladder or a non-integer size
   */
  submit(
    owner: number,
    side: Side,
    priceTicks: number,
    lots: number,
    tif: TimeInForce,
    postOnly: boolean,
  ): number {
    const idx = priceTicks - this.minPrice;
    if (!(idx >= 0 && idx < this.levels) || (idx | 0) !== idx)
      throw new SimInputError(
        this.name,
        'priceTicks',
        `${priceTicks} outside the ladder [${this.minPrice}, ${this.minPrice + this.levels - 1}] or not an integer`,
      );
    if (!(lots > 0) || !Number.isSafeInteger(lots))
      throw new SimInputError(this.name, 'lots', `must be a positive integer, got ${lots}`);
    const slot = this.allocSlot();
    const id = ++this.oGen[slot] * SLOT_SPACE + slot;
    this.execute(slot, id, owner, side, idx, lots, tif, postOnly);
    return id;
  }

  /**
   * Market order: takes liquidity at any price until filled or the opposite side is empty; the rest is cancelled.
   * @returns the order id; outcome in `lastStatus` / `lastFilledLots`.
   */
  submitMarket(owner: number, side: Side, lots: number): number {
    if (!(lots > 0) || !Number.isSafeInteger(lots))
      throw new SimInputError(this.name, 'lots', `must be a positive integer, got ${lots}`);
    const slot = this.allocSlot();
    const id = ++this.oGen[slot] * SLOT_SPACE + slot;
    this.execute(slot, id, owner, side, side === BUY ? this.levels - 1 : 0, lots, IOC, false);
    return id;
  }

  /** Cancels a resting order. @returns the lots removed, 0 if the order was not resting. */
  cancel(orderId: number): number {
    const s = this.slotOf(orderId);
    if (s < 0) return 0;
    const q = this.oQty[s];
    this.listener.onCancel?.(orderId, this.oOwner[s], q, CANCEL_USER);
    this.removeSlot(s);
    return q;
  }

  /**
   * Modifies a resting order. Same price and fewer lots keeps time priority; otherwise the order is re-queued at
   * the back (and may trade if it now crosses). Outcome in `lastStatus`.
   * @throws SimStateError if the order is not resting
   */
  modify(orderId: number, priceTicks: number, lots: number): void {
    const s = this.slotOf(orderId);
    if (s < 0) throw new SimStateError(this.name, `modify: order ${orderId} is not resting`);
    if (!(lots > 0) || !Number.isSafeInteger(lots))
      throw new SimInputError(this.name, 'lots', `must be a positive integer, got ${lots}`);
    const idx = priceTicks - this.minPrice;
    if (!(idx >= 0 && idx < this.levels) || (idx | 0) !== idx)
      throw new SimInputError(this.name, 'priceTicks', `${priceTicks} outside the ladder or not an integer`);
    const side = this.oSide[s] as Side;
    if (idx === this.oPrice[s] && lots <= this.oQty[s]) {
      this.levelQty[side * this.levels + idx] -= this.oQty[s] - lots;
      this.oQty[s] = lots;
      this.lastStatus = STATUS_RESTING;
      this.lastFilledLots = 0;
      this.lastRestingLots = lots;
      return;
    }
    const owner = this.oOwner[s];
    this.unlink(s); // keep the slot: the order keeps its id
    this.execute(s, orderId, owner, side, idx, lots, GTC, false);
  }

  private execute(
    slot: number,
    id: number,
    owner: number,
    side: Side,
    idx: number,
    lots: number,
    tif: TimeInForce,
    postOnly: boolean,
  ): void {
    const L = this.levels;
    const crosses = side === BUY ? this.bestAskIdx >= 0 && this.bestAskIdx <= idx : this.bestBidIdx >= idx;
    this.lastFilledLots = 0;
    this.lastRestingLots = 0;
    if (crosses && postOnly) {
      this.lastStatus = STATUS_REJECTED;
      this.freeSlot(slot);
      return;
    }
    if (tif === FOK && !this.canFill(owner, side, idx, lots)) {
      this.lastStatus = STATUS_CANCELLED;
      this.freeSlot(slot);
      return;
    }
    let remaining = lots;
    let expired = false;
    if (crosses) {
      const opp = side === BUY ? SELL : BUY;
      const base = opp * L;
      while (remaining > 0) {
        const lv = side === BUY ? this.bestAskIdx : this.bestBidIdx;
        if (lv < 0 || (side === BUY ? lv > idx : lv < idx)) break;
        let s = this.head[base + lv];
        while (s >= 0 && remaining > 0) {
          const next = this.oNext[s];
          const mOwner = this.oOwner[s];
          if (mOwner === owner && this.stp !== STP_NONE) {
            if (this.stp === STP_EXPIRE_TAKER) {
              expired = true;
              break;
            }
            this.listener.onCancel?.(this.oId[s], mOwner, this.oQty[s], CANCEL_STP);
            this.removeSlot(s);
            if (this.stp === STP_EXPIRE_BOTH) {
              expired = true;
              break;
            }
            s = next;
            continue;
          }
          const mq = this.oQty[s];
          const fill = Math.min(mq, remaining);
          remaining -= fill;
          this.lastFilledLots += fill;
          const mId = this.oId[s];
          if (fill === mq) this.removeSlot(s);
          else {
            this.oQty[s] = mq - fill;
            this.levelQty[base + lv] -= fill;
          }
          this.listener.onFill(mId, id, lv + this.minPrice, fill, mOwner, owner, side);
          s = next;
        }
        if (expired) break;
      }
    }
    if (remaining === 0) {
      this.lastStatus = STATUS_FILLED;
      this.freeSlot(slot);
      return;
    }
    if (expired || tif !== GTC) {
      this.lastStatus = STATUS_CANCELLED;
      this.freeSlot(slot);
      return;
    }
    this.rest(slot, id, owner, side, idx, remaining);
    this.lastRestingLots = remaining;
    this.lastStatus = STATUS_RESTING;
  }

  /** FOK pre-check: are there `lots` fillable within the limit, skipping own orders when STP is on? */
  private canFill(owner: number, side: Side, idx: number, lots: number): boolean {
    const L = this.levels;
    const opp = side === BUY ? SELL : BUY;
    let lv = side === BUY ? this.bestAskIdx : this.bestBidIdx;
    let avail = 0;
    while (lv >= 0 && (side === BUY ? lv <= idx : lv >= idx)) {
      if (this.stp === STP_NONE) avail += this.levelQty[opp * L + lv];
      else {
        for (let s = this.head[opp * L + lv]; s >= 0; s = this.oNext[s]) {
          if (this.oOwner[s] === owner) return avail >= lots; // matching would stop (or skip) here
          avail += this.oQty[s];
        }
      }
      if (avail >= lots) return true;
      lv = side === BUY ? this.nextSet(SELL, lv + 1) : this.prevSet(BUY, lv - 1);
    }
    return avail >= lots;
  }

  /** Slot of a resting order id, or -1. */
  private slotOf(orderId: number): number {
    const s = orderId % SLOT_SPACE;
    return s < this.poolSize && this.oId[s] === orderId && this.oQty[s] > 0 ? s : -1;
  }

  private allocSlot(): number {
    if (this.freeTop === 0 && this.poolSize === this.oPrice.length) this.growPool();
    const s = this.freeTop > 0 ? this.free[--this.freeTop] : this.poolSize++;
    this.oQty[s] = 0;
    this.oId[s] = 0;
    return s;
  }

  private freeSlot(s: number): void {
    this.oQty[s] = 0;
    this.oId[s] = 0;
    this.free[this.freeTop++] = s;
  }

  private rest(s: number, id: number, owner: number, side: Side, idx: number, lots: number): void {
    this.oPrice[s] = idx;
    this.oQty[s] = lots;
    this.oOwner[s] = owner;
    this.oSide[s] = side;
    this.oId[s] = id;
    this.oNext[s] = -1;
    const k = side * this.levels + idx;
    const t = this.tail[k];
    this.oPrev[s] = t;
    if (t >= 0) this.oNext[t] = s;
    else {
      this.head[k] = s;
      this.bits[side * this.words + (idx >>> 5)] |= 1 << (idx & 31);
      if (side === BUY) {
        if (idx > this.bestBidIdx) this.bestBidIdx = idx;
      } else if (this.bestAskIdx < 0 || idx < this.bestAskIdx) this.bestAskIdx = idx;
    }
    this.tail[k] = s;
    this.levelQty[k] += lots;
    this.orderCount++;
  }

  private removeSlot(s: number): void {
    this.unlink(s);
    this.freeSlot(s);
  }

  /** Takes a resting order out of its level (the slot stays allocated). */
  private unlink(s: number): void {
    const side = this.oSide[s];
    const idx = this.oPrice[s];
    const k = side * this.levels + idx;
    const p = this.oPrev[s];
    const n = this.oNext[s];
    if (p >= 0) this.oNext[p] = n;
    else this.head[k] = n;
    if (n >= 0) this.oPrev[n] = p;
    else this.tail[k] = p;
    this.levelQty[k] -= this.oQty[s];
    this.oQty[s] = 0;
    this.orderCount--;
    if (this.head[k] < 0) {
      this.levelQty[k] = 0;
      this.bits[side * this.words + (idx >>> 5)] &= ~(1 << (idx & 31));
      if (side === BUY) {
        if (idx === this.bestBidIdx) this.bestBidIdx = this.prevSet(BUY, idx - 1);
      } else if (idx === this.bestAskIdx) this.bestAskIdx = this.nextSet(SELL, idx + 1);
    }
  }

  /** Lowest non-empty level index >= from on `side`, or -1. */
  private nextSet(side: Side, from: number): number {
    if (from >= this.levels) return -1;
    const off = side * this.words;
    let w = from >>> 5;
    let word = this.bits[off + w] & (0xffffffff << (from & 31));
    for (;;) {
      if (word !== 0) {
        const i = (w << 5) + (31 - Math.clz32(word & -word));
        return i < this.levels ? i : -1;
      }
      if (++w >= this.words) return -1;
      word = this.bits[off + w];
    }
  }

  /** Highest non-empty level index <= from on `side`, or -1. */
  private prevSet(side: Side, from: number): number {
    if (from < 0) return -1;
    const off = side * this.words;
    let w = from >>> 5;
    const sh = 31 - (from & 31);
    let word = sh === 0 ? this.bits[off + w] : this.bits[off + w] & (0xffffffff >>> sh);
    for (;;) {
      if (word !== 0) return (w << 5) + 31 - Math.clz32(word);
      if (--w < 0) return -1;
      word = this.bits[off + w];
    }
  }

  private growPool(): void {
    const cap = Math.min(this.oPrice.length * 2, SLOT_SPACE);
    if (cap === this.oPrice.length)
      throw new SimStateError(this.name, `order pool full (${SLOT_SPACE} resting orders)`);
    this.oPrice = grown(this.oPrice, cap);
    this.oNext = grown(this.oNext, cap);
    this.oPrev = grown(this.oPrev, cap);
    this.oOwner = grown(this.oOwner, cap);
    this.free = grown(this.free, cap);
    this.oQty = grown(this.oQty, cap);
    this.oId = grown(this.oId, cap);
    this.oGen = grown(this.oGen, cap);
    this.oSide = grown(this.oSide, cap);
  }

  /**
   * L2 snapshot of one side: fills `outPrices` (ticks) and `outLots` best first, up to their length.
   * @returns the number of levels written
   */
  depth(side: Side, outPrices: Float64Array, outLots: Float64Array): number {
    let n = 0;
    let lv = side === BUY ? this.bestBidIdx : this.bestAskIdx;
    while (lv >= 0 && n < outPrices.length) {
      outPrices[n] = lv + this.minPrice;
      outLots[n] = this.levelQty[side * this.levels + lv];
      n++;
      lv = side === BUY ? this.prevSet(BUY, lv - 1) : this.nextSet(SELL, lv + 1);
    }
    return n;
  }

  /** L3 snapshot: every resting order of the best `maxLevels` levels of `side`, best price first, FIFO order. */
  ordersL3(side: Side, maxLevels: number): L3Order[] {
    const out: L3Order[] = [];
    let lv = side === BUY ? this.bestBidIdx : this.bestAskIdx;
    for (let n = 0; lv >= 0 && n < maxLevels; n++) {
      for (let s = this.head[side * this.levels + lv]; s >= 0; s = this.oNext[s])
        out.push({
          orderId: this.oId[s],
          owner: this.oOwner[s],
          side,
          priceTicks: lv + this.minPrice,
          lots: this.oQty[s],
        });
      lv = side === BUY ? this.prevSet(BUY, lv - 1) : this.nextSet(SELL, lv + 1);
    }
    return out;
  }
}
