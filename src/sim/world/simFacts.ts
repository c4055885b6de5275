import type { RecordKind } from '../../data/schemas/index.js';
import type { RecordSink } from '../population/recordSink.js';
import type { Scenario } from './scenario.js';
import { computeStylizedFacts, type StylizedFacts } from './stylizedFacts.js';
import { World } from './world.js';

/** Hourly series of one simulated asset collected during a run. */
class HourlyCollector implements RecordSink {
  close: number[] = [];
  volume: number[] = [];
  funding: number[] = [];
  basis: number[] = [];
  constructor(private readonly symbol: string) {}
  push(kind: RecordKind, r: Record<string, unknown>): void {
    if (kind === 'bars') {
      if (r.interval === '1h' && r.venue === 'binance' && r.symbol === `${this.symbol}/USDT`) {
        this.close.push(r.close as number);
        this.volume.push(r.volume as number);
      }
    } else if (kind === 'funding' && r.symbol === `${this.symbol}/USDT:USDT`)
      this.funding.push(r.rate as number);
    else if (kind === 'basis' && r.symbol === `${this.symbol}/USDT:USDT`) this.basis.push(r.basis as number);
  }
}

/**
 * Runs the world for `days` (in memory, no store) and measures the stylized facts of `symbol`'s hourly
 * returns on `binance`, with its funding and basis ranges.
 */
export function simulateFacts(
  scenario: Scenario,
  seed: number,
  days: number,
  symbol: string,
  onDay?: (day: number) => void,
): StylizedFacts {
  const sink = new HourlyCollector(symbol);
  const quiet: Scenario = {
    ...scenario,
    record: { ...scenario.record, trades: false, blocks: false, quotesEveryMin: 60, booksEveryMin: 1440 },
  };
  const world = new World(quiet, seed, sink);
  world.assetIndex(symbol);
  world.runDays(days, onDay);
  return computeStylizedFacts({
    close: Float64Array.from(sink.close),
    volume: Float64Array.from(sink.volume),
    barMs: 3_600_000,
    funding: Float64Array.from(sink.funding),
    basis: Float64Array.from(sink.basis),
  });
}
