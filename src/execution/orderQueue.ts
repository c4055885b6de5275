import { InvalidOrderError } from '../errors/execution.js';
import type { Account } from './account.js';
import type { ExecutionModel } from './executionModel.js';
import { type FillReport, type L2Book, type MarketSnapshot, OrderType } from './types.js';

// Enum members read once at load into module constants: under loaders that compile ES modules to CommonJS
// (tsx), every access to an imported object goes through a getter, and these sit on the per-order path.
const ORDER_MARKET: OrderType = OrderType.Market;

/**
 * Orders waiting for their execution bar: the latency contract of the execution model.
 *
 * An order submitted while deciding at bar (or event) index t becomes due at t + latencyBars (>= t + 1),
 * so an action never trades on the bar whose data it was computed from. Storage is a fixed-capacity ring
 * of typed arrays: no allocation per order.
 */
export class OrderQueue {
  private readonly asset: Int32Array;
  private readonly qty: Float64Array;
  private readonly type: Uint8Array;
  private readonly limitPx: Float64Array;
  private readonly due: Float64Array;
  private head = 0;
  private count = 0;
  readonly capacity: number;

  constructor(capacity = 4096) {
    this.capacity = capacity;
    this.asset = new Int32Array(capacity);
    this.qty = new Float64Array(capacity);
    this.type = new Uint8Array(capacity);
    this.limitPx = new Float64Array(capacity);
    this.due = new Float64Array(capacity);
  }

  /** Orders waiting. */
  get size(): number {
    return this.count;
  }

  /**
   * Queues an order decided at `decisionIndex`; it executes at `decisionIndex + latencyBars`.
   * @throws {InvalidOrderError} when the queue is full or the quantity is not finite.
   */
  submit(
    asset: number,
    qty: number,
    decisionIndex: number,
    latencyBars: number,
    type: OrderType = ORDER_MARKET,
    limitPx = Number.NaN,
  ): void {
    if (this.count === this.capacity)
      throw new InvalidOrderError(asset, `order queue is full (${this.capacity} orders)`);
    if (!Number.isFinite(qty)) throw new InvalidOrderError(asset, `quantity is not finite (${qty})`);
    const i = (this.head + this.count) % this.capacity;
    this.asset[i] = asset;
    this.qty[i] = qty;
    this.type[i] = type;
    this.limitPx[i] = limitPx;
    this.due[i] = decisionIndex + Math.max(1, latencyBars);
    this.count++;
  }

  /** Drops every waiting order (e.g. at the end of an episode). */
  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  /**
   * Executes, in submission order, every order due at or before `index` against snapshot `m`.
   * Orders queued later than the first not-yet-due order stay queued (FIFO with equal latency).
   *
   * @param onFill called with the (reused) report after each order; copy what you need.
   * @param books optional L2 book per asset index.
   * @returns number of orders processed.
   */
  executeDue(
    index: number,
    model: ExecutionModel,
    account: Account,
    m: MarketSnapshot,
    report: FillReport,
    onFill?: (report: FillReport, asset: number) => void,
    books?: ReadonlyArray<L2Book | undefined>,
  ): number {
    let n = 0;
    while (this.count > 0 && this.due[this.head] <= index) {
      const i = this.head;
      const a = this.asset[i];
      model.execute(
        account,
        a,
        this.qty[i],
        m,
        report,
        this.type[i] as OrderType,
        this.limitPx[i],
        books?.[a],
      );
      onFill?.(report, a);
      this.head = (this.head + 1) % this.capacity;
      this.count--;
      n++;
    }
    return n;
  }
}
