import type { PanelView } from '../backtest/panel.js';
import type { Strategy } from '../backtest/strategy.js';
import { ModelInputError } from '../errors/risk.js';
import { filterHmm, type GaussianHmm } from '../math/hmm.js';
import { fitRegimes, regimeFeatures } from './regimes.js';
import { drawdownScale, volTargetScale } from './sizing.js';

/** Settings of {@link riskOverlay}; every rule is optional and they multiply. */
export interface RiskOverlayOptions {
  /** Annualized volatility target (decimal, e.g. 0.2); exposure scales by target / ex-ante vol. */
  targetVol?: number;
  /** Bars of history for the ex-ante volatility of the proposed weights (default 30). */
  volLookback?: number;
  /** Drawdown control: de-risk linearly from `ddStart` to `maxDrawdown` (positive fractions) down to `ddFloor`. */
  maxDrawdown?: number;
  ddStart?: number;
  ddFloor?: number;
  /** Cap on gross exposure after scaling (default 1). */
  maxGross?: number;
  /** Regime-aware limits: probabilities of each regime at the view's bar (point in time) and a scale per regime. */
  regime?: { probabilities: (view: PanelView) => ArrayLike<number> | undefined; scales: ArrayLike<number> };
}

/**
 * Wraps any weight-based strategy in risk rules: volatility targeting (Moreira and Muir 2017), drawdown
 * control on the overlay's own shadow equity (Grossman and Zhou 1993), regime-dependent limits from an
 * HMM, and a gross-exposure cap. Uses only the point-in-time view, like the strategy it wraps.
 *
 * @throws {ModelInputError} when the wrapped strategy has no `targetWeights`.
 * @example
 * runBacktest(panel, riskOverlay(equalWeight(), { targetVol: 0.4, maxDrawdown: 0.3 }));
 */
export function riskOverlay(inner: Strategy, opts: RiskOverlayOptions): Strategy {
  if (!inner.targetWeights)
    throw new ModelInputError('riskOverlay', `strategy "${inner.name}" has no targetWeights to scale`);
  const lookback = opts.volLookback ?? 30;
  const maxGross = opts.maxGross ?? 1;
  let held: Float64Array | undefined;
  let lastT = -1;
  let equity = 1;
  let peak = 1;
  /** Last overlay multiplier, for inspection. */
  const state = { scale: 1, drawdown: 0 };
  const overlay: Strategy & { state: typeof state } = {
    name: `${inner.name}+risk`,
    warmup: Math.max(inner.warmup, opts.targetVol ? lookback + 1 : 1),
    rebalanceEvery: inner.rebalanceEvery,
    state,
    reset() {
      held = undefined;
      lastT = -1;
      equity = 1;
      peak = 1;
      inner.reset?.();
    },
    targetWeights(view, out) {
      const n = view.nAssets;
      // Advance the shadow equity with the weights held since the last call.
      if (held && lastT >= 0) {
        for (let k = view.t - lastT - 1; k >= 0; k--) {
          let r = 0;
          for (let a = 0; a < n; a++) {
            const c1 = view.close(a, k);
            const c0 = view.close(a, k + 1);
            if (held[a] !== 0 && c1 > 0 && c0 > 0) r += held[a] * (c1 / c0 - 1);
          }
          equity *= 1 + r;
          peak = Math.max(peak, equity);
        }
      }
      lastT = view.t;
      if (!inner.targetWeights?.(view, out)) return false;
      let scale = 1;
      if (opts.targetVol) {
        const P = (365 * 86_400_000) / view.intervalMs;
        let s = 0;
        let s2 = 0;
        let m = 0;
        for (let k = 0; k < lookback; k++) {
          let r = 0;
          for (let a = 0; a < n; a++) {
            const w = out[a];
            const c1 = view.close(a, k);
            const c0 = view.close(a, k + 1);
            if (Number.isFinite(w) && w !== 0 && c1 > 0 && c0 > 0) r += w * (c1 / c0 - 1);
          }
          s += r;
          s2 += r * r;
          m++;
        }
        const vol = Math.sqrt(Math.max(0, (s2 - (s * s) / m) / (m - 1)) * P);
        scale *= volTargetScale(vol, opts.targetVol, maxGross);
      }
      state.drawdown = 1 - equity / peak;
      if (opts.maxDrawdown)
        scale *= drawdownScale(state.drawdown, opts.maxDrawdown, opts.ddStart ?? 0, opts.ddFloor ?? 0);
      if (opts.regime) {
        const p = opts.regime.probabilities(view);
        if (p) {
          let s = 0;
          for (let k = 0; k < opts.regime.scales.length; k++) s += p[k] * opts.regime.scales[k];
          scale *= s;
        }
      }
      let gross = 0;
      for (let a = 0; a < n; a++) if (Number.isFinite(out[a])) gross += Math.abs(out[a] * scale);
      if (gross > maxGross) scale *= maxGross / gross;
      state.scale = scale;
      if (!held) held = new Float64Array(n);
      for (let a = 0; a < n; a++) {
        if (Number.isFinite(out[a])) {
          out[a] *= scale;
          held[a] = out[a];
        }
      }
      return true;
    },
  };
  return overlay;
}

/** Options of {@link hmmRegimeProbabilities}. */
export interface HmmRegimeOptions {
  /** Number of regimes (default 2: calm, turbulent). */
  nStates?: number;
  /** Rolling-volatility window of the features (default 20). */
  volWindow?: number;
  /** Refit the HMM every this many bars (default 90). */
  refitEvery?: number;
  /** Bars of history before the first fit; earlier calls return undefined (default 400). */
  minBars?: number;
}

/**
 * Point-in-time regime probabilities for {@link riskOverlay}'s `regime` option: an HMM fitted (and
 * periodically refitted) on the equal-weight returns of the view's assets using only bars up to t, then
 * filtered forward to t. State 0 is the calmest regime.
 */
export function hmmRegimeProbabilities(
  opts: HmmRegimeOptions = {},
): (view: PanelView) => Float64Array | undefined {
  const nStates = opts.nStates ?? 2;
  const volWindow = opts.volWindow ?? 20;
  const refitEvery = opts.refitEvery ?? 90;
  const minBars = opts.minBars ?? 400;
  let model: GaussianHmm | undefined;
  let fittedAt = Number.NEGATIVE_INFINITY;
  return (view) => {
    const r: number[] = [];
    for (let t = 1; t <= view.t; t++) {
      let s = 0;
      let k = 0;
      for (let a = 0; a < view.nAssets; a++) {
        const c1 = view.close(a, view.t - t);
        const c0 = view.close(a, view.t - t + 1);
        if (c1 > 0 && c0 > 0) {
          s += c1 / c0 - 1;
          k++;
        }
      }
      if (k > 0) r.push(s / k);
    }
    if (r.length < minBars) return undefined;
    if (!model || view.t - fittedAt >= refitEvery) {
      model = fitRegimes(r, nStates, volWindow).model;
      fittedAt = view.t;
    }
    const f = filterHmm(model, regimeFeatures(r, volWindow));
    return f.subarray(f.length - nStates);
  };
}
