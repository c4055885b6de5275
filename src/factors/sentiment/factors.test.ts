import { describe, expect, it } from 'vitest';
import { sharedDataAvailable, sharedDataPath } from '../../data/sharedData.js';
import { computeFactor } from '../engine.js';
import { readCsvTable } from '../onchain/sharedCsv.js';
import { DAY_MS } from '../spec.js';
import { assertFactorProperties } from '../testing/checkFactor.js';
import { LexiconSentimentScorer } from '../text/lexiconScorer.js';
import { TEXT_FIELD_NAMES, textEventFields } from '../text/textFields.js';
import { fearGreed } from './fear_greed.js';
import { sentimentFactors } from './index.js';
import { regulatoryNews } from './regulatory_news.js';

describe('sentiment factors: point-in-time and batch = streaming', () => {
  it('registers the 10 sentiment factors of the seed', () => {
    expect(sentimentFactors).toHaveLength(10);
    expect(new Set(sentimentFactors.map((f) => f.id)).size).toBe(10);
    for (const f of sentimentFactors) expect(f.category).toBe('sentiment');
  });
  for (const spec of sentimentFactors) {
    it(spec.id, () => {
      const r = assertFactorProperties(spec);
      expect(r.rows).toBeGreaterThan(100);
    });
  }
});

describe.skipIf(!sharedDataAvailable())('sentiment factors on real data', () => {
  const day = (d: string) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`);

  it('fear_greed on alternative.me: level, changes, point-in-time on the real series (with its gaps)', () => {
    const t = readCsvTable(sharedDataPath('sentiment', 'fear_greed_index_alternative_me.csv'));
    const ts = Float64Array.from(t.column('date'), day);
    const fng = t.numeric('fng');
    const grid = { from: day('2019-01-01'), to: day('2025-12-31'), barMs: DAY_MS };
    const res = computeFactor(fearGreed, { fng: { ts, values: fng } }, grid);
    const dates = t.column('date');
    const j = dates.indexOf('2022-06-18');
    const i = Math.round((day('2022-06-18') - grid.from) / DAY_MS);
    expect(res.columns.fear_greed[i]).toBe(fng[j]);
    expect(res.columns.fear_greed__change_7d[i]).toBe(fng[j] - fng[j - 7]);
    expect(fng[j]).toBeLessThan(10); // June 2022: extreme fear
    assertFactorProperties(fearGreed, { data: { fng: { ts, values: fng } }, grid });
  });

  it('regulatory_news from real news through the text module equals a direct count', () => {
    const t = readCsvTable(sharedDataPath('sentiment', 'cryptonews_2023-12_textblob_sentiment.csv'));
    const scorer = new LexiconSentimentScorer();
    const idx = (f: string) => TEXT_FIELD_NAMES.indexOf(f);
    const events = t
      .column('date')
      .map((d, i) => {
        const [ymd, hm] = d.split(' ');
        const [y, m, dd] = ymd.split('/');
        const ts = Date.parse(`${y}-${m.padStart(2, '0')}-${dd.padStart(2, '0')}T${hm.padStart(5, '0')}:00Z`);
        return { ts, f: textEventFields({ text: t.column('text')[i] }, scorer) };
      })
      .sort((a, b) => a.ts - b.ts);
    const series = (field: string) => ({
      ts: Float64Array.from(events, (e) => e.ts),
      values: Float64Array.from(events, (e) => e.f[idx(field)]),
    });
    const data = {
      reg: series('label_regulatory'),
      reg_s: series('sentiment_regulatory'),
      n: series('count'),
    };
    const grid = { from: day('2023-12-13'), to: day('2023-12-19'), barMs: DAY_MS };
    const res = computeFactor(regulatoryNews, data, grid);
    // Row T sums the events in (T - 1 day, T].
    const T = day('2023-12-15');
    const inDay = events.filter((e) => e.ts > T - DAY_MS && e.ts <= T);
    const reg = inDay.reduce((a, e) => a + e.f[idx('label_regulatory')], 0);
    const regS = inDay.reduce((a, e) => a + e.f[idx('sentiment_regulatory')], 0);
    const i = (T - grid.from) / DAY_MS;
    expect(inDay.length).toBeGreaterThan(20);
    expect(reg).toBeGreaterThan(3);
    expect(res.columns.regulatory_news[i]).toBeCloseTo(reg / inDay.length, 12);
    expect(res.columns.regulatory_news__tone[i]).toBeCloseTo(regS / reg, 12);
  });
});
