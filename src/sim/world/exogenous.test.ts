import { describe, expect, it } from 'vitest';
import { Rng } from '../../math/rng.js';
import { defaultCausalGraph } from './causalGraph.js';
import { DEFAULT_MACRO_PARAMS, MacroProcess } from './macro.js';
import { type NewsEvent, NewsStream } from './news.js';
import { NEWS_CATEGORIES } from './newsTemplates.js';
import { defaultRegimeTransitions, MARKET_REGIMES, RegimeChain } from './regimes.js';
import { SentimentIndices } from './sentimentIndices.js';

describe('RegimeChain', () => {
  it('has stochastic rows and visits every regime with plausible durations', () => {
    for (const row of defaultRegimeTransitions()) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const chain = new RegimeChain(new Rng(1).fork('regime'));
    const hours = new Float64Array(4);
    let switches = 0;
    for (let h = 0; h < 24 * 365 * 5; h++) {
      const prev = chain.state;
      hours[chain.step()]++;
      if (chain.state !== prev) switches++;
    }
    for (let i = 0; i < MARKET_REGIMES.length; i++) expect(hours[i]).toBeGreaterThan(0);
    // Crash is short-lived: its share of time is well below the others.
    expect(hours[2] / (24 * 365 * 5)).toBeLessThan(0.1);
    expect(switches).toBeGreaterThan(20);
  });

  it('is deterministic per seed', () => {
    const a = new RegimeChain(new Rng(9));
    const b = new RegimeChain(new Rng(9));
    for (let i = 0; i < 5000; i++) expect(a.step()).toBe(b.step());
  });
});

describe('MacroProcess', () => {
  it('moves the policy rate only on meeting days, in whole steps', () => {
    const m = new MacroProcess(new Rng(3));
    let prev = m.get('policy_rate');
    for (let d = 1; d <= 720; d++) {
      const day = m.step();
      const rate = m.get('policy_rate');
      if (d % DEFAULT_MACRO_PARAMS.meetingEveryDays !== 0) {
        expect(rate).toBe(prev);
        expect(Number.isNaN(day.rateSurprise)).toBe(true);
      } else {
        const steps = (rate - prev) / DEFAULT_MACRO_PARAMS.rateStep;
        expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-9);
      }
      if (d % DEFAULT_MACRO_PARAMS.cpiEveryDays === 0) expect(Number.isFinite(day.cpiSurprise)).toBe(true);
      expect(rate).toBeGreaterThanOrEqual(0);
      prev = rate;
    }
    expect(m.get('equity_index')).toBeGreaterThan(0);
  });
});

describe('NewsStream', () => {
  it('labels follow signs, text is filled, categories vary, bad mood gives more negative news', () => {
    const count = (mood: number) => {
      const s = new NewsStream(new Rng(5).fork('news'), ['BTC', 'ETH', 'SOL']);
      const out: NewsEvent[] = [];
      for (let h = 0; h < 24 * 60; h++) s.hour(h * 3_600_000, mood, 1, out);
      return out;
    };
    const good = count(0.8);
    const bad = count(-0.8);
    for (const e of [...good, ...bad]) {
      expect(e.label).toBe(e.sign > 0 ? 'positive' : 'negative');
      expect(e.text).not.toMatch(/\{/);
      expect(Math.sign(e.beliefShift)).toBe(e.sign);
    }
    const cats = new Set(good.map((e) => e.category));
    expect(cats.size).toBeGreaterThanOrEqual(NEWS_CATEGORIES.length - 2);
    const negShare = (xs: NewsEvent[]) => xs.filter((e) => e.sign < 0).length / xs.length;
    expect(negShare(bad)).toBeGreaterThan(negShare(good) + 0.2);
    expect(new Set(good.map((e) => e.text)).size).toBeGreaterThan(50);
  });
});

describe('SentimentIndices', () => {
  it('stays in range and reads greed after a rally with good mood, fear after a crash', () => {
    const up = new SentimentIndices();
    const down = new SentimentIndices();
    for (let h = 0; h < 24 * 60; h++) {
      up.hour({ logReturn: 0.001, volume: 100, mood: 0.6, newsCount: 1, upgrades: 0 });
      const crash = h > 24 * 50;
      down.hour({
        logReturn: crash ? -0.01 : 0.0001,
        volume: crash ? 500 : 100,
        mood: crash ? -0.8 : 0,
        newsCount: 1,
        upgrades: 0,
      });
    }
    expect(up.fearGreed).toBeGreaterThan(60);
    expect(down.fearGreed).toBeLessThan(35);
    for (const s of [up, down]) {
      expect(s.searchInterest).toBeGreaterThanOrEqual(0);
      expect(s.searchInterest).toBeLessThanOrEqual(100);
    }
    expect(down.searchInterest).toBeGreaterThan(up.searchInterest);
  });
});

describe('defaultCausalGraph', () => {
  it('names every edge with a non-negative lag and a mechanism', () => {
    const g = defaultCausalGraph();
    expect(g.length).toBeGreaterThan(20);
    for (const e of g) {
      expect(e.lagMs).toBeGreaterThanOrEqual(0);
      expect(e.mechanism.length).toBeGreaterThan(5);
    }
  });
});
