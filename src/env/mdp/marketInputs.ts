import type { Frame } from '../../data/frame.js';
import { FactorPanel } from './factorPanel.js';
import { type AssetData, buildReplayData, type ReplayData } from './replayData.js';

/** Replay data and factor panel built from one set of assets. */
export interface MarketInputs {
  replay: ReplayData;
  panel: FactorPanel;
}

/**
 * How factor frames are stamped: `'bar'` like the bars (row t = bar t, known at its close), or `'asOf'` by
 * the time the value became known (the factor engine's grid: the row for bar t is stamped t + interval).
 */
export type FactorStamp = 'bar' | 'asOf';

const cache = new WeakMap<object, Map<string, MarketInputs>>();

/**
 * Builds (once) the replay data and the point-in-time factor panel for `assets`, memoized by the identity
 * of the first asset's bar frame and the factor selection, so N env copies over the same data share one
 * panel (a 10-asset, 64-factor, 4096-bar panel is 10 MB). Inputs are treated as read-only.
 */
export function marketInputs(
  assets: readonly AssetData[],
  factors: readonly string[] | undefined,
  envId: string,
  factorStamp: FactorStamp = 'bar',
): MarketInputs {
  const key0 = assets[0]?.bars as object | undefined;
  const key = `${assets.length}|${assets.map((a) => a.symbol).join(',')}|${factors ? factors.join(',') : '*'}|${factorStamp}`;
  const hit = key0 ? cache.get(key0)?.get(key) : undefined;
  if (hit && sameFrames(hit, assets)) return hit;
  const replay = buildReplayData(assets, envId);
  const panel = new FactorPanel(
    replay.ts,
    assets.map((a) => a.factors as Frame),
    factors,
    envId,
    factorStamp === 'asOf' ? replay.intervalMs : 0,
  );
  const made = { replay, panel, frames: assets.map((a) => a.bars) };
  if (key0) {
    let m = cache.get(key0);
    if (!m) {
      m = new Map();
      cache.set(key0, m);
    }
    m.set(key, made);
  }
  return made;
}

function sameFrames(hit: MarketInputs, assets: readonly AssetData[]): boolean {
  const frames = (hit as MarketInputs & { frames: Frame[] }).frames;
  return frames.length === assets.length && frames.every((f, i) => f === assets[i].bars);
}
