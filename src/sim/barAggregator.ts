import { SimInputError } from '../errors/sim.js';
import { intervalToMs } from '../data/identifiers.js';
import type { Bar } from '../data/schemas/index.js';
import { SIM_SOURCE } from './recordSink.js';

/**
 * Builds OHLCV bars at any interval from trade prints. A bar stamped t covers [t, t + interval) and is emitted
 * (and known) at its close, `tsInit = t + interval`. Empty intervals produce no bar.
 */
export class BarAggregator {
  readonly intervalMs: number;
  private openTs = Number.NaN;
  private o = 0;
  private h = 0;
  private l = 0;
  private c = 0;
  private v = 0;
  private qv = 0;
  private n = 0;

  /**
   * @param interval e.g. `1s`, `1m`, `1h`
   * @param onBar receives each completed bar
   */
  constructor(
    readonly venue: string,
    readonly symbol: string,
    readonly interval: string,
    private readonly onBar: (bar: Bar) => void,
  ) {
    this.intervalMs = intervalToMs(interval);
    if (!(this.intervalMs > 0))
      throw new SimInputError('BarAggregator', 'interval', `bad interval ${interval}`);
  }

  /** Adds a trade at epoch ms `tsMs`, price in quote, amount in base; closes earlier bars first. */
  addTrade(tsMs: number, price: number, amount: number): void {
    const start = Math.floor(tsMs / this.intervalMs) * this.intervalMs;
    if (start !== this.openTs) {
      this.flush();
      this.openTs = start;
      this.o = this.h = this.l = price;
      this.v = this.qv = 0;
      this.n = 0;
    }
    if (price > this.h) this.h = price;
    if (price < this.l) this.l = price;
    this.c = price;
    this.v += amount;
    this.qv += price * amount;
    this.n++;
  }

  /** Closes the open bar if its interval ended at or before `tsMs`. */
  advance(tsMs: number): void {
    if (!Number.isNaN(this.openTs) && tsMs >= this.openTs + this.intervalMs) this.flush();
  }

  /** Emits the open bar (if any) now. */
  flush(): void {
    if (!(this.n > 0)) return;
    this.onBar({
      tsEvent: this.openTs,
      tsInit: this.openTs + this.intervalMs,
      source: SIM_SOURCE,
      venue: this.venue,
      symbol: this.symbol,
      interval: this.interval,
      open: this.o,
      high: this.h,
      low: this.l,
      close: this.c,
      volume: this.v,
      quoteVolume: this.qv,
      tradeCount: this.n,
    });
    this.n = 0;
    this.openTs = Number.NaN;
  }
}
