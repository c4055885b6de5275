import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { sharedDataPath } from '../../data/sharedData.js';
import { computeFactor } from '../engine.js';
import { readCsvTable } from '../onchain/sharedCsv.js';
import { DAY_MS } from '../spec.js';
import { assertFactorProperties } from '../testing/checkFactor.js';
import { NARRATIVE_TOPIC_NAMES } from '../text/eventClassifier.js';
import { LexiconSentimentScorer } from '../text/lexiconScorer.js';
import { TEXT_FIELD_NAMES, textEventFields } from '../text/textFields.js';
import { fearGreed } from './fear_greed.js';
import { sentimentFactors } from './index.js';
import { cumulativeAbnormalReturn } from './kernels.js';
import { narrativeShift } from './narrative_shift.js';
import { newsImpact } from './news_impact.js';
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

describeSharedData('sentiment factors on real data', () => {
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

describeSharedData('news_impact and narrative_shift on real news (Dec 2023) and Binance closes', () => {
  const day = (d: string) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`);
  const news = readCsvTable(sharedDataPath('sentiment', 'cryptonews_2023-12_textblob_sentiment.csv'));
  const scorer = new LexiconSentimentScorer();
  const idx = (f: string) => TEXT_FIELD_NAMES.indexOf(f);
  const events = news
    .column('date')
    .map((d, i) => {
      const [ymd, hm] = d.split(' ');
      const [y, m, dd] = ymd.split('/');
      const ts = Date.parse(`${y}-${m.padStart(2, '0')}-${dd.padStart(2, '0')}T${hm.padStart(5, '0')}:00Z`);
      return { ts, f: textEventFields({ text: news.column('text')[i] }, scorer) };
    })
    .sort((a, b) => a.ts - b.ts);
  const series = (field: string) => ({
    ts: Float64Array.from(events, (e) => e.ts),
    values: Float64Array.from(events, (e) => e.f[idx(field)]),
  });
  const bars = (sym: string) => {
    const t = readCsvTable(sharedDataPath('market', 'binance_spot_1d', `${sym}_1d.csv`));
    return {
      ts: Float64Array.from(t.column('timestamp'), day),
      values: t.numeric('close'),
      intervalMs: DAY_MS,
    };
  };

  it('event-study CAR of ETH around classified news equals the market-model kernel', () => {
    const eth = bars('ETHUSDT');
    const btc = bars('BTCUSDT');
    const data = {
      news_s: series('sentiment'),
      news_n: series('count'),
      regulatory: series('label_regulatory'),
      hack: series('label_hack'),
      etf: series('label_etf'),
      macro: series('label_macro'),
      close: eth,
      market: btc,
    };
    const grid = { from: day('2023-12-01'), to: day('2023-12-24'), barMs: DAY_MS };
    const res = computeFactor(newsImpact, data, grid);
    const car = res.columns.news_impact__car_etf;
    const i = Math.round((day('2023-12-19') - grid.from) / DAY_MS);
    expect(Number.isFinite(car[i])).toBe(true);
    // Recompute: daily grid rows T hold the bar of day T - 1 (known at its close) and news in (T - 1d, T].
    const rowsFrom = day('2023-09-01');
    const m = (day('2023-12-19') - rowsFrom) / DAY_MS + 1;
    const ret = (s: { ts: Float64Array; values: Float64Array }) => {
      const r = new Float64Array(m);
      for (let k = 0; k < m; k++) {
        const T = rowsFrom + k * DAY_MS;
        const a = s.values[s.ts.indexOf(T - DAY_MS)];
        const b = s.values[s.ts.indexOf(T - 2 * DAY_MS)];
        r[k] = Math.log(a / b);
      }
      return r;
    };
    const rEth = ret(eth);
    const rBtc = ret(btc);
    let e = m - 1;
    const etf = series('label_etf');
    const etfOn = (k: number) => {
      const T = rowsFrom + k * DAY_MS;
      let c = 0;
      for (let q = 0; q < etf.ts.length; q++)
        if (etf.ts[q] > T - DAY_MS && etf.ts[q] <= T) c += etf.values[q];
      return c;
    };
    while (e > m - 6 && etfOn(e) === 0) e--;
    expect(etfOn(e)).toBeGreaterThan(0);
    expect(car[i]).toBeCloseTo(cumulativeAbnormalReturn(rEth, rBtc, e, m - 1 - e, 60), 12);
    assertFactorProperties(newsImpact, { data, grid, minFinite: 0 });
  });

  it('narrative shift is a JS divergence in [0, 1] on the real news topics', () => {
    const data = Object.fromEntries(NARRATIVE_TOPIC_NAMES.map((t) => [`topic_${t}`, series(`topic_${t}`)]));
    const grid = { from: day('2023-12-05'), to: day('2023-12-20'), barMs: DAY_MS };
    const res = computeFactor(narrativeShift, data, grid);
    const js = res.columns.narrative_shift;
    // Windows before the first article have no mass (NaN); once both 7-day windows hold news it is in [0, 1].
    const at = (d: string) => js[Math.round((day(d) - grid.from) / DAY_MS)];
    expect(at('2023-12-15')).toBeNaN(); // the earlier window (Dec 2-8) has no news in this file
    expect(at('2023-12-20')).toBeGreaterThan(0);
    expect(at('2023-12-20')).toBeLessThan(1);
    assertFactorProperties(narrativeShift, { data, grid, minFinite: 0 });
  });
});
