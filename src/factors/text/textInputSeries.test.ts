import { describe, expect, it } from 'vitest';
import { computeFactor } from '../engine.js';
import { regulatoryNews } from '../sentiment/regulatory_news.js';
import { DAY_MS } from '../spec.js';
import { LexiconSentimentScorer } from './lexiconScorer.js';
import { textInputSeries } from './textInputSeries.js';

describe('textInputSeries', () => {
  const d0 = Date.UTC(2024, 0, 1);
  const events = [
    { tsEvent: d0 + 5 * 3_600_000, category: 'news', text: 'SEC sues exchange over unregistered securities' },
    { tsEvent: d0 + 1 * 3_600_000, category: 'news', text: 'Bitcoin rallies to a new high' },
    {
      tsEvent: d0 + 2 * 3_600_000,
      tsInit: d0 + 30 * 3_600_000,
      category: 'news',
      text: 'Regulators approve the ETF',
    },
    { tsEvent: d0 + 3 * 3_600_000, category: 'social', text: 'gm, hodl' },
  ];
  const s = textInputSeries(events, new LexiconSentimentScorer(), 'news');

  it('keeps one category, stamps rows when known and sorts them', () => {
    expect(Array.from(s.count.ts)).toEqual([d0 + 3_600_000, d0 + 5 * 3_600_000, d0 + 30 * 3_600_000]);
    expect(Array.from(s.count.values)).toEqual([1, 1, 1]);
    expect(Array.from(s.label_regulatory.values)).toEqual([0, 1, 1]);
    expect(s.sentiment.values[0]).toBeGreaterThan(0.3);
  });

  it('feeds a text factor: the late-known item counts on the day it became known', () => {
    const data = { reg: s.label_regulatory, reg_s: s.sentiment_regulatory, n: s.count };
    const res = computeFactor(regulatoryNews, data, {
      from: d0 + DAY_MS,
      to: d0 + 2 * DAY_MS,
      barMs: DAY_MS,
    });
    expect(Array.from(res.columns.regulatory_news)).toEqual([0.5, 1]);
  });
});
