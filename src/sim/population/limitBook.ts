/** Buy side id. */
export const BUY = 0;
/** Sell side id. */
export const SELL = 1;

const SLOT_BITS = 4_194_304; // 2^22 live orders at most
const NONE = -1;

/**
 * A compact limit order book with price-time priority on integer ticks, for the background population.
 *
 * Orders live in a pool of typed arrays (no allocation per order once grown); price levels are FIFO lists in
 * a window of `window` ticks that re-centres when prices drift. Order handles carry a generation so a stale
 * handle never cancels someone else's order. Fills of the last call are in the `fill*` arrays until
 * {@link LimitBook.clearFills}. Units: prices in ticks (price = tick * tickSize), quantities in lots.
 *
 * The issue-3 exchange (`src/sim`) is the full venue (fees, IOC/FOK, STP, L3); this book keeps only what the
 * population's speed needs. Matching follows the CME/Nasdaq price-time (FIFO) rule.
 */
export class LimitBook {
  /** Lowest tick of the level window. */
  base: number;
  private readonly w: number;
  private head: Int32Array;
  private tail: Int32Array;
  private lvlQty: Float64Array;
  private cap: number;
  private oNext: Int32Array;
  private oPrev: Int32Array;
  private oTick: Int32Array;
  private oQty: Float64Array;
  private oOwner: Int32Array;
  private oSide: Uint8Array;
  private oGen: Int32Array;
  private freeTop = 0;
  private free: Int32Array;
  private used = 0;
  /** Resting orders per side (BUY, SELL): an empty side skips the best-price rescan. */
  private readonly sideOrders = new Int32Array(2);
  /** Best bid tick, or -Infinity when no bids. */
  bestBid = Number.NEGATIVE_INFINITY;
  /** Best ask tick, or +Infinity when no asks. */
  bestAsk = Number.POSITIVE_INFINITY;
  /** Fills of the current call: maker owner, taker owner, tick, lots; `nFills` entries. */
  nFills = 0;
  fillMaker = new Int32Array(256);
  fillTaker = new Int32Array(256);
  fillTick = new Float64Array(256);
  fillQty = new Float64Array(256);
  /** Aggressor side of each fill (BUY or SELL). */
  fillSide = new Uint8Array(256);
  /** Totals since construction. */
  totalOrders = 0;
  totalFills = 0;
  totalCancels = 0;

  constructor(centerTick: number, window = 1 << 16, capacity = 1 << 12) {
    this.w = window;
    this.base = Math.round(centerTick) - (window >> 1);
    this.head = new Int32Array(window).fill(NONE);
    this.tail = new Int32Array(window).fill(NONE);
    this.lvlQty = new Float64Array(window);
    this.cap = capacity;
    this.oNext = new Int32Array(capacity);
    this.oPrev = new Int32Array(capacity);
    this.oTick = new Int32Array(capacity);
    this.oQty = new Float64Array(capacity);
    this.oOwner = new Int32Array(capacity);
    this.oSide = new Uint8Array(capacity);
    this.oGen = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
  }

  /** Mid tick, or NaN when a side is empty. */
  mid(): number {
    return Number.isFinite(this.bestBid) && Number.isFinite(this.bestAsk)
      ? (this.bestBid + this.bestAsk) / 2
      : Number.NaN;
  }

  /** Lots resting at a tick. */
  qtyAt(tick: number): number {
    const i = tick - this.base;
    return i >= 0 && i < this.w ? this.lvlQty[i] : 0;
  }

  /** True when the handle still names a resting order. */
  isLive(handle: number): boolean {
    const slot = handle % SLOT_BITS;
    return (
      handle >= 0 &&
      slot < this.used &&
      this.oGen[slot] === Math.floor(handle / SLOT_BITS) &&
      this.oQty[slot] > 0
    );
  }

  /**
   * Submits a limit order: matches against the opposite side up to `tick`, rests the rest.
   * @returns the handle of the resting order, or -1 when fully filled or nothing rests (outside window).
   */
  limit(owner: number, side: number, tick: number, lots: number): number {
    this.totalOrders++;
    this.nFills = 0;
    tick = Math.round(tick);
    const left = this.match(owner, side, tick, lots);
    if (left <= 0) return -1;
    if (tick - this.base < 0 || tick - this.base >= this.w) this.recentre(tick);
    const i = tick - this.base;
    if (i < 0 || i >= this.w) return -1;
    const slot = this.alloc();
    this.oTick[slot] = tick;
    this.oQty[slot] = left;
    this.oOwner[slot] = owner;
    this.oSide[slot] = side;
    this.oNext[slot] = NONE;
    this.oPrev[slot] = this.tail[i];
    if (this.tail[i] === NONE) this.head[i] = slot;
    else this.oNext[this.tail[i]] = slot;
    this.tail[i] = slot;
    this.lvlQty[i] += left;
    this.sideOrders[side]++;
    if (side === BUY) {
      if (tick > this.bestBid) this.bestBid = tick;
    } else if (tick < this.bestAsk) this.bestAsk = tick;
    return this.oGen[slot] * SLOT_BITS + slot;
  }

  /** Market order for `lots`; returns the lots filled (less when the book runs dry). */
  market(owner: number, side: number, lots: number): number {
    this.totalOrders++;
    this.nFills = 0;
    const lim = side === BUY ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    return lots - this.match(owner, side, lim, lots);
  }

  /** Cancels a resting order; false when the handle is stale (filled or cancelled). */
  cancel(handle: number): boolean {
    if (!this.isLive(handle)) return false;
    this.totalCancels++;
    this.unlink(handle % SLOT_BITS);
    return true;
  }

  /** Resets the fill buffer. */
  clearFills(): void {
    this.nFills = 0;
  }

  /**
   * Writes up to `levels` price levels of a side, best first, into `px` (ticks) and `qty` (lots).
   * @returns the number of levels written.
   */
  depth(side: number, levels: number, px: Float64Array, qty: Float64Array): number {
    let k = 0;
    if (side === BUY) {
      for (let t = this.bestBid; k < levels && t >= this.base; t--) {
        const q = this.lvlQty[t - this.base];
        if (q > 0) {
          px[k] = t;
          qty[k++] = q;
        }
      }
    } else {
      for (let t = this.bestAsk; k < levels && t < this.base + this.w; t++) {
        const q = this.lvlQty[t - this.base];
        if (q > 0) {
          px[k] = t;
          qty[k++] = q;
        }
      }
    }
    return k;
  }

  private match(owner: number, side: number, limTick: number, lots: number): number {
    if (side === BUY) {
      while (lots > 0 && this.bestAsk <= limTick && this.bestAsk !== Number.POSITIVE_INFINITY)
        lots = this.takeLevel(owner, side, this.bestAsk, lots);
    } else {
      while (lots > 0 && this.bestBid >= limTick && this.bestBid !== Number.NEGATIVE_INFINITY)
        lots = this.takeLevel(owner, side, this.bestBid, lots);
    }
    return lots;
  }

  private takeLevel(owner: number, side: number, tick: number, lots: number): number {
    const i = tick - this.base;
    let o = this.head[i];
    while (lots > 0 && o !== NONE) {
      const q = Math.min(lots, this.oQty[o]);
      this.pushFill(this.oOwner[o], owner, tick, q, side);
      lots -= q;
      const next = this.oNext[o];
      if (q >= this.oQty[o]) this.unlink(o);
      else {
        this.oQty[o] -= q;
        this.lvlQty[i] -= q;
      }
      o = next;
    }
    return lots;
  }

  private pushFill(maker: number, taker: number, tick: number, q: number, side: number): void {
    if (this.nFills === this.fillMaker.length) {
      const n = this.nFills * 2;
      this.fillMaker = grow(this.fillMaker, n);
      this.fillTaker = grow(this.fillTaker, n);
      this.fillTick = grow(this.fillTick, n);
      this.fillQty = grow(this.fillQty, n);
      this.fillSide = grow(this.fillSide, n);
    }
    const k = this.nFills++;
    this.fillMaker[k] = maker;
    this.fillTaker[k] = taker;
    this.fillTick[k] = tick;
    this.fillQty[k] = q;
    this.fillSide[k] = side;
    this.totalFills++;
  }

  private unlink(slot: number): void {
    const i = this.oTick[slot] - this.base;
    const p = this.oPrev[slot];
    const n = this.oNext[slot];
    if (p === NONE) this.head[i] = n;
    else this.oNext[p] = n;
    if (n === NONE) this.tail[i] = p;
    else this.oPrev[n] = p;
    this.lvlQty[i] -= this.oQty[slot];
    this.oQty[slot] = 0;
    this.oGen[slot]++;
    this.free[this.freeTop++] = slot;
    const side = this.oSide[slot];
    this.sideOrders[side]--;
    if (this.head[i] === NONE) {
      this.lvlQty[i] = 0;
      const t = i + this.base;
      if (this.sideOrders[side] === 0) {
        if (side === BUY) this.bestBid = Number.NEGATIVE_INFINITY;
        else this.bestAsk = Number.POSITIVE_INFINITY;
      } else if (side === BUY && t === this.bestBid) {
        let j = i - 1;
        while (j >= 0 && this.head[j] === NONE) j--;
        this.bestBid = j >= 0 ? j + this.base : Number.NEGATIVE_INFINITY;
      } else if (side === SELL && t === this.bestAsk) {
        let j = i + 1;
        while (j < this.w && this.head[j] === NONE) j++;
        this.bestAsk = j < this.w ? j + this.base : Number.POSITIVE_INFINITY;
      }
    }
  }

  private alloc(): number {
    if (this.freeTop > 0) return this.free[--this.freeTop];
    if (this.used === this.cap) {
      const n = this.cap * 2;
      this.oNext = grow(this.oNext, n);
      this.oPrev = grow(this.oPrev, n);
      this.oTick = grow(this.oTick, n);
      this.oQty = grow(this.oQty, n);
      this.oOwner = grow(this.oOwner, n);
      this.oSide = grow(this.oSide, n);
      this.oGen = grow(this.oGen, n);
      this.free = grow(this.free, n);
      this.cap = n;
    }
    return this.used++;
  }

  /** Moves the window so `tick` sits in its middle; orders that fall outside are cancelled. */
  private recentre(tick: number): void {
    const newBase = tick - (this.w >> 1);
    const shift = newBase - this.base;
    const head = new Int32Array(this.w).fill(NONE);
    const tail = new Int32Array(this.w).fill(NONE);
    const qty = new Float64Array(this.w);
    for (let i = 0; i < this.w; i++) {
      if (this.head[i] === NONE) continue;
      const j = i - shift;
      if (j >= 0 && j < this.w) {
        head[j] = this.head[i];
        tail[j] = this.tail[i];
        qty[j] = this.lvlQty[i];
      } else {
        for (let o = this.head[i]; o !== NONE; o = this.oNext[o]) {
          this.sideOrders[this.oSide[o]]--;
          this.oQty[o] = 0;
          this.oGen[o]++;
          this.free[this.freeTop++] = o;
        }
      }
    }
    this.head = head;
    this.tail = tail;
    this.lvlQty = qty;
    this.base = newBase;
    let b = Number.NEGATIVE_INFINITY;
    let a = Number.POSITIVE_INFINITY;
    for (let j = 0; j < this.w; j++) {
      if (head[j] === NONE) continue;
      if (this.oSide[head[j]] === BUY) b = j + newBase;
      else if (a === Number.POSITIVE_INFINITY) a = j + newBase;
    }
    this.bestBid = b;
    this.bestAsk = a;
  }
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
