import { BacktestConfigError } from '../errors/backtest.js';
import type { PanelView } from './panel.js';
import type { Strategy } from './strategy.js';

/**
 * Built-in example strategies, the baselines every agent is compared with. All are long-only spot unless
 * stated, read only closed bars, and treat an asset without a price yet as untradable (weight 0).
 */

function liveAssets(view: PanelView): number {
  let n = 0;
  for (let a = 0; a < view.nAssets; a++) if (view.close(a) > 0) n++;
  return n;
}

/** Buys equal weights of the assets trading at the first decision and never trades again. */
export function buyAndHold(): Strategy {
  let done = false;
  return {
    name: 'buy-and-hold',
    warmup: 1,
    reset() {
      done = false;
    },
    targetWeights(view, out) {
      if (done) return false;
      const n = liveAssets(view);
      if (n === 0) return false;
      for (let a = 0; a < view.nAssets; a++) out[a] = view.close(a) > 0 ? 1 / n : 0;
      done = true;
      return true;
    },
  };
}

/** Equal weights over the assets trading now, rebalanced every `rebalanceEvery` bars (default 7). */
export function equalWeight(params: { rebalanceEvery?: number } = {}): Strategy {
  return {
    name: 'equal-weight',
    warmup: 1,
    rebalanceEvery: params.rebalanceEvery ?? 7,
    targetWeights(view, out) {
      const n = liveAssets(view);
      for (let a = 0; a < view.nAssets; a++) out[a] = n > 0 && view.close(a) > 0 ? 1 / n : 0;
      return n > 0;
    },
  };
}

/** Standard deviation of the last `n` log returns ending at the view's bar; `NaN` if any is missing. */
export function trailingVol(view: PanelView, asset: number, n: number): number {
  let s = 0;
  let s2 = 0;
  for (let k = 0; k < n; k++) {
    const a = view.close(asset, k);
    const b = view.close(asset, k + 1);
    if (!(a > 0 && b > 0)) return Number.NaN;
    const r = Math.log(a / b);
    s += r;
    s2 += r * r;
  }
  const m = s / n;
  return Math.sqrt(Math.max(0, (s2 - n * m * m) / (n - 1)));
}

/**
 * Inverse-volatility weights w_i proportional to 1 / sigma_i over `lookback` bars (default 30), fully
 * invested, rebalanced every `rebalanceEvery` bars (default 7). Assets without a full window get 0.
 * Reference: the naive risk-parity portfolio (Maillard, Roncalli and Teiletche 2010, equal-correlation case).
 */
export function inverseVolatility(params: { lookback?: number; rebalanceEvery?: number } = {}): Strategy {
  const lookback = params.lookback ?? 30;
  if (!(lookback >= 2))
    throw new BacktestConfigError(`lookback must be >= 2, got ${lookback}`, 'params.lookback');
  return {
    name: 'inverse-volatility',
    warmup: lookback + 1,
    rebalanceEvery: params.rebalanceEvery ?? 7,
    targetWeights(view, out) {
      let sum = 0;
      for (let a = 0; a < view.nAssets; a++) {
        const v = trailingVol(view, a, lookback);
        out[a] = v > 0 ? 1 / v : 0;
        sum += out[a];
      }
      if (!(sum > 0)) return false;
      for (let a = 0; a < view.nAssets; a++) out[a] /= sum;
      return true;
    },
  };
}

function sma(view: PanelView, asset: number, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) {
    const c = view.close(asset, k);
    if (!(c > 0)) return Number.NaN;
    s += c;
  }
  return s / n;
}

/**
 * Moving-average crossover per asset: long 1/N when the `fast`-bar SMA is above the `slow`-bar SMA
 * (defaults 20/100), else flat (or short with `allowShort`). Decides every bar.
 */
export function maCrossover(params: { fast?: number; slow?: number; allowShort?: boolean } = {}): Strategy {
  const fast = params.fast ?? 20;
  const slow = params.slow ?? 100;
  if (!(fast >= 1 && slow > fast)) {
    throw new BacktestConfigError(`needs 1 <= fast < slow, got fast ${fast}, slow ${slow}`, 'params.fast');
  }
  const short = params.allowShort ?? false;
  return {
    name: `ma-crossover(${fast},${slow})`,
    warmup: slow,
    rebalanceEvery: 1,
    targetWeights(view, out) {
      const n = view.nAssets;
      for (let a = 0; a < n; a++) {
        const f = sma(view, a, fast);
        const s = sma(view, a, slow);
        if (!(f > 0 && s > 0)) out[a] = 0;
        else out[a] = f > s ? 1 / n : short ? -1 / n : 0;
      }
      return true;
    },
  };
}

/**
 * Funding-rate carry (cash-and-carry basis trade): when the mean funding paid by longs over the last
 * `lookback` bars (default 7) exceeds `threshold` (default 0), hold `weight` long spot and the same
 * notional short the perpetual, collecting funding with no net price exposure; otherwise flat.
 * Reference: the basis trade in Schmeling, Schrimpf and Todorov (2023), "Crypto carry", BIS WP 1087.
 *
 * @param spot asset index of the spot leg; @param perp asset index of the perpetual leg (must have funding).
 */
export function fundingCarry(params: {
  spot: number;
  perp: number;
  lookback?: number;
  threshold?: number;
  weight?: number;
}): Strategy {
  const lookback = params.lookback ?? 7;
  const threshold = params.threshold ?? 0;
  const w = params.weight ?? 0.45;
  return {
    name: 'funding-carry',
    warmup: lookback,
    rebalanceEvery: 1,
    targetWeights(view, out) {
      let s = 0;
      for (let k = 0; k < lookback; k++) {
        const f = view.funding(params.perp, k);
        if (!Number.isFinite(f)) {
          out.fill(0);
          return true;
        }
        s += f;
      }
      const on = s / lookback > threshold;
      out.fill(0);
      if (on && view.close(params.spot) > 0 && view.close(params.perp) > 0) {
        out[params.spot] = w;
        out[params.perp] = -w;
      }
      return true;
    },
  };
}

/** Names of the built-in strategies accepted by {@link makeStrategy}. */
export const BUILTIN_STRATEGIES = [
  'buy-and-hold',
  'equal-weight',
  'inverse-volatility',
  'ma-crossover',
  'funding-carry',
] as const;
export type BuiltinStrategyName = (typeof BUILTIN_STRATEGIES)[number];

/**
 * Builds a built-in strategy by name with numeric parameters (as a config file or a sweep grid gives them).
 * @throws {BacktestConfigError} for an unknown name.
 */
export function makeStrategy(name: string, params: Record<string, number | boolean> = {}): Strategy {
  const num = (k: string): number | undefined =>
    typeof params[k] === 'number' ? (params[k] as number) : undefined;
  switch (name) {
    case 'buy-and-hold':
      return buyAndHold();
    case 'equal-weight':
      return equalWeight({ rebalanceEvery: num('rebalanceEvery') });
    case 'inverse-volatility':
      return inverseVolatility({ lookback: num('lookback'), rebalanceEvery: num('rebalanceEvery') });
    case 'ma-crossover':
      return maCrossover({ fast: num('fast'), slow: num('slow'), allowShort: params.allowShort === true });
    case 'funding-carry':
      return fundingCarry({
        spot: num('spot') ?? 0,
        perp: num('perp') ?? 1,
        lookback: num('lookback'),
        threshold: num('threshold'),
        weight: num('weight'),
      });
    default:
      throw new BacktestConfigError(
        `unknown strategy "${name}" (built-in: ${BUILTIN_STRATEGIES.join(', ')})`,
        'strategy',
      );
  }
}
