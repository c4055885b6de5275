import type { RecordSink } from '../population/recordSink.js';
import { SIM_SOURCE } from '../population/venue.js';

/**
 * Rolls 1-minute bars up into a coarser bar (1h, 1d): first open, max high, min low, last close, summed
 * volumes and trade counts. A bar stamped t covers [t, t + interval).
 */
export class BarAggregator {
  private open = Number.NaN;
  private high = Number.NaN;
  private low = Number.NaN;
  private close = Number.NaN;
  private volume = 0;
  private quoteVolume = 0;
  private trades = 0;

  constructor(
    readonly venue: string,
    readonly symbol: string,
    readonly interval: string,
  ) {}

  /** Adds one finer bar: `b` = [open, high, low, close, volume, quoteVolume, trades]. */
  add(b: Float64Array): void {
    if (Number.isNaN(this.open)) {
      this.open = b[0];
      this.high = b[1];
      this.low = b[2];
    }
    if (b[1] > this.high) this.high = b[1];
    if (b[2] < this.low) this.low = b[2];
    this.close = b[3];
    this.volume += b[4];
    this.quoteVolume += b[5];
    this.trades += b[6];
  }

  /** Writes the bar opened at `tsOpen` (ms) and resets; no-op when empty. */
  flush(tsOpen: number, sink: RecordSink): void {
    if (Number.isNaN(this.open)) return;
    sink.push(
      'bars',
      barRecord(this.venue, this.symbol, this.interval, tsOpen, [
        this.open,
        this.high,
        this.low,
        this.close,
        this.volume,
        this.quoteVolume,
        this.trades,
      ]),
    );
    this.open = this.high = this.low = this.close = Number.NaN;
    this.volume = this.quoteVolume = this.trades = 0;
  }
}

/** A `bars` record from [open, high, low, close, volume, quoteVolume, trades]. */
export function barRecord(
  venue: string,
  symbol: string,
  interval: string,
  tsOpen: number,
  b: ArrayLike<number>,
): Record<string, unknown> {
  return {
    tsEvent: tsOpen,
    source: SIM_SOURCE,
    venue,
    symbol,
    interval,
    open: b[0],
    high: b[1],
    low: b[2],
    close: b[3],
    volume: b[4],
    quoteVolume: b[5],
    tradeCount: b[6],
  };
}
