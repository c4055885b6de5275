import { type Frame, getColumn } from '../data/frame.js';
import { BacktestConfigError, StrategyError } from '../errors/backtest.js';

/**
 * Multi-asset bars on one common time grid: what the backtester and risk reports consume.
 *
 * Bar t covers [ts[t], ts[t] + intervalMs) and is known at its close. Per-asset columns have length T;
 * an asset that does not trade yet (or any more) has `NaN` there (unavailable, never 0).
 */
export interface MarketPanel {
  symbols: string[];
  /** Bar open times, UTC ms, strictly increasing. */
  ts: Float64Array;
  /** Bar length in ms. */
  intervalMs: number;
  open: Float64Array[];
  high: Float64Array[];
  low: Float64Array[];
  close: Float64Array[];
  /** Volume in base units. */
  volume: Float64Array[];
  /** Funding paid by longs during the bar (decimal, summed over the bar's funding events); perps only. */
  funding?: (Float64Array | undefined)[];
  /** Which assets are perpetuals. */
  perp?: boolean[];
}

/**
 * Aligns per-symbol OHLCV frames (columns open, high, low, close, volume) on the union of their
 * timestamps; missing bars are `NaN`.
 *
 * @param intervalMs bar length (default: the most common spacing).
 * @throws {BacktestConfigError} when no frame is given.
 * @throws {SchemaViolationError} when a frame lacks an OHLCV column.
 */
export function alignPanel(frames: Record<string, Frame>, intervalMs?: number): MarketPanel {
  const symbols = Object.keys(frames);
  if (symbols.length === 0) throw new BacktestConfigError('no symbols given', 'symbols');
  const all = new Set<number>();
  for (const s of symbols) for (const t of frames[s].ts) all.add(t);
  const ts = Float64Array.from([...all].sort((a, b) => a - b));
  const index = new Map<number, number>();
  for (let i = 0; i < ts.length; i++) index.set(ts[i], i);
  const mk = (): Float64Array[] => symbols.map(() => new Float64Array(ts.length).fill(Number.NaN));
  const panel: MarketPanel = {
    symbols,
    ts,
    intervalMs: intervalMs ?? modeSpacing(ts),
    open: mk(),
    high: mk(),
    low: mk(),
    close: mk(),
    volume: mk(),
  };
  symbols.forEach((s, a) => {
    const f = frames[s];
    const cols = ['open', 'high', 'low', 'close', 'volume'] as const;
    for (const c of cols) {
      const src = getColumn(f, c);
      const dst = panel[c][a];
      for (let i = 0; i < f.ts.length; i++) dst[index.get(f.ts[i]) as number] = src[i];
    }
  });
  return panel;
}

function modeSpacing(ts: Float64Array): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < ts.length; i++) counts.set(ts[i] - ts[i - 1], (counts.get(ts[i] - ts[i - 1]) ?? 0) + 1);
  let best = 86_400_000;
  let bc = -1;
  for (const [d, c] of counts) if (c > bc) [best, bc] = [d, c];
  return best;
}

/** Rows [start, end) of a panel as views (no copy). */
export function slicePanel(p: MarketPanel, start: number, end: number): MarketPanel {
  const sl = (cols: Float64Array[]): Float64Array[] => cols.map((c) => c.subarray(start, end));
  return {
    symbols: p.symbols,
    ts: p.ts.subarray(start, end),
    intervalMs: p.intervalMs,
    open: sl(p.open),
    high: sl(p.high),
    low: sl(p.low),
    close: sl(p.close),
    volume: sl(p.volume),
    funding: p.funding?.map((c) => c?.subarray(start, end)),
    perp: p.perp,
  };
}

/** Bars per year for the panel's interval (365-day year). */
export function periodsPerYear(p: MarketPanel): number {
  return (365 * 86_400_000) / p.intervalMs;
}

/**
 * A point-in-time view of a panel for strategies: at decision index `t` only bars 0..t (closed) are
 * visible. Reading a later bar throws {@link StrategyError}: look-ahead is impossible, not merely discouraged.
 */
export class PanelView {
  /** Index of the last closed bar the strategy may see. */
  t = -1;

  constructor(
    private readonly panel: MarketPanel,
    /** Strategy name (for error messages). */
    readonly owner = 'strategy',
  ) {}

  get nAssets(): number {
    return this.panel.symbols.length;
  }

  get symbols(): string[] {
    return this.panel.symbols;
  }

  /** Close time of bar t (UTC ms): when the decision is made. */
  get nowMs(): number {
    return this.panel.ts[this.t] + this.panel.intervalMs;
  }

  get intervalMs(): number {
    return this.panel.intervalMs;
  }

  private check(lag: number): number {
    const i = this.t - lag;
    if (lag < 0 || !Number.isInteger(lag)) {
      throw new StrategyError(
        this.owner,
        `asked for lag ${lag}: only past bars (lag >= 0) are visible`,
        this.nowMs,
      );
    }
    return i;
  }

  /** Close of `asset` `lag` bars ago (0 = the bar just closed); `NaN` before the first bar. */
  close(asset: number, lag = 0): number {
    const i = this.check(lag);
    return i >= 0 ? this.panel.close[asset][i] : Number.NaN;
  }

  /** Volume of `asset` `lag` bars ago. */
  volume(asset: number, lag = 0): number {
    const i = this.check(lag);
    return i >= 0 ? this.panel.volume[asset][i] : Number.NaN;
  }

  /** Funding paid by longs during bar t - lag (decimal), `NaN` when the asset has none. */
  funding(asset: number, lag = 0): number {
    const i = this.check(lag);
    const f = this.panel.funding?.[asset];
    return i >= 0 && f ? f[i] : Number.NaN;
  }

  /** The visible history of a field for one asset, bars 0..t, as a view (no copy). */
  history(asset: number, field: 'open' | 'high' | 'low' | 'close' | 'volume' = 'close'): Float64Array {
    return this.panel[field][asset].subarray(0, this.t + 1);
  }

  /** Visible funding history of one asset (bars 0..t), or undefined. */
  fundingHistory(asset: number): Float64Array | undefined {
    return this.panel.funding?.[asset]?.subarray(0, this.t + 1);
  }
}
