import type { PanelView } from './panel.js';

/**
 * A trading strategy as the backtester sees it. At the close of each bar it is called with a point-in-time
 * {@link PanelView} (bars 0..t only) and answers with target weights, orders, or nothing.
 *
 * Decisions made at the close of bar t execute through the shared execution model at bar t + 1 (latency).
 */
export interface Strategy {
  /** Name used in reports and errors. */
  readonly name: string;
  /** Closed bars needed before the first decision. */
  readonly warmup: number;
  /** Decide every `rebalanceEvery` bars (default 1: every bar). */
  readonly rebalanceEvery?: number;
  /**
   * Target weights: writes signed fractions of equity per asset into `out` (pre-filled with `NaN`, which
   * leaves that asset's position untouched). Returns false to skip trading this bar.
   */
  targetWeights?(view: PanelView, out: Float64Array): boolean;
  /** Orders: calls `submit(asset, qty)` with signed base-unit quantities (alternative to weights). */
  orders?(view: PanelView, submit: (asset: number, qty: number) => void): void;
  /** Optional training on a window (walk-forward calls it with the train window's view). */
  fit?(view: PanelView): void;
  /** Clears internal state before a run. */
  reset?(): void;
}

/** A signal in [-1, 1] per asset turned into weights signal / N (gross at most `gross`). */
export function signalStrategy(
  name: string,
  warmup: number,
  signal: (view: PanelView, asset: number) => number,
  opts: { gross?: number; rebalanceEvery?: number } = {},
): Strategy {
  const gross = opts.gross ?? 1;
  return {
    name,
    warmup,
    rebalanceEvery: opts.rebalanceEvery ?? 1,
    targetWeights(view, out) {
      let live = 0;
      for (let a = 0; a < view.nAssets; a++) if (view.close(a) > 0) live++;
      for (let a = 0; a < view.nAssets; a++) {
        if (!(view.close(a) > 0)) {
          out[a] = 0;
          continue;
        }
        const s = signal(view, a);
        out[a] = Number.isFinite(s) ? (Math.max(-1, Math.min(1, s)) * gross) / live : 0;
      }
      return true;
    },
  };
}
