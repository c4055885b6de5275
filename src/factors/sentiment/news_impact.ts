import { closeInput, sumInput } from '../onchain/inputs.js';
import type { FactorComputeInputs, FactorSpec } from '../spec.js';

/** Event classes whose abnormal returns are measured (text-classifier labels). */
export const IMPACT_CLASSES = ['regulatory', 'hack', 'etf', 'macro'] as const;
/** Event window length after the event day, days. */
const H = 5;
/** Estimation window before the event day, days. */
const L = 60;

function logReturns(c: Float64Array): Float64Array {
  const r = new Float64Array(c.length);
  r[0] = Number.NaN;
  for (let i = 1; i < c.length; i++) r[i] = c[i] > 0 && c[i - 1] > 0 ? Math.log(c[i] / c[i - 1]) : Number.NaN;
  return r;
}

/**
 * Fills the event-study model of every possible event bar e (estimation window [e - L, e - 1]): the OLS market
 * model on BTC returns when at least L/2 pairs exist there, else the constant-mean model (beta 0) when at
 * least L/2 asset returns exist; NaN alpha otherwise. Same formulas as `marketModel` and
 * `cumulativeAbnormalReturn` in kernels.ts, computed once per e instead of once per (class, row).
 */
function fitModels(r: Float64Array, rm: Float64Array, alpha: Float64Array, beta: Float64Array): void {
  const n = r.length;
  for (let e = 0; e < n; e++) {
    alpha[e] = Number.NaN;
    beta[e] = Number.NaN;
    if (e - L < 0) continue;
    let np = 0;
    let sx = 0;
    let sy = 0;
    let na = 0;
    let sa = 0;
    for (let i = e - L; i < e; i++) {
      if (!Number.isNaN(r[i])) {
        na++;
        sa += r[i];
      }
      if (Number.isNaN(r[i]) || Number.isNaN(rm[i])) continue;
      np++;
      sx += rm[i];
      sy += r[i];
    }
    if (np >= L / 2) {
      const mx = sx / np;
      const my = sy / np;
      let sxx = 0;
      let sxy = 0;
      for (let i = e - L; i < e; i++) {
        if (Number.isNaN(r[i]) || Number.isNaN(rm[i])) continue;
        sxx += (rm[i] - mx) ** 2;
        sxy += (rm[i] - mx) * (r[i] - my);
      }
      if (sxx > 0) {
        beta[e] = sxy / sxx;
        alpha[e] = my - beta[e] * mx;
      }
    } else if (na >= L / 2) {
      alpha[e] = sa / na;
      beta[e] = 0;
    }
  }
}

function compute(inp: FactorComputeInputs): Record<string, Float64Array> {
  const { n, columns } = inp;
  const r = logReturns(columns.close);
  const rm = logReturns(columns.market);
  const alpha = new Float64Array(n);
  const beta = new Float64Array(n);
  fitModels(r, rm, alpha, beta);
  const news = columns.news_n;
  const s = columns.news_s;
  const out: Record<string, Float64Array> = {
    value: new Float64Array(n),
    news_count: new Float64Array(n),
    car_any: new Float64Array(n),
  };
  for (const c of IMPACT_CLASSES) out[`car_${c}`] = new Float64Array(n);
  const any = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let a = 0;
    let known = false;
    for (const c of IMPACT_CLASSES) {
      const v = columns[c][i];
      if (!Number.isNaN(v)) known = true;
      if (v > 0) a = 1;
    }
    any[i] = known ? a : Number.NaN;
  }
  const car = (events: Float64Array, i: number): number => {
    for (let e = i; e >= Math.max(0, i - H); e--) {
      const v = events[e];
      if (Number.isNaN(v)) return Number.NaN;
      if (v > 0) {
        const al = alpha[e];
        const be = beta[e];
        if (Number.isNaN(al)) return Number.NaN;
        let acc = 0;
        for (let j = e; j <= i; j++) acc += r[j] - al - be * (be === 0 ? 0 : rm[j]);
        return acc;
      }
    }
    return Number.NaN;
  };
  for (let i = 0; i < n; i++) {
    out.value[i] = news[i] > 0 ? s[i] / news[i] : Number.NaN;
    out.news_count[i] = news[i];
    out.car_any[i] = car(any, i);
    for (const c of IMPACT_CLASSES) out[`car_${c}`][i] = car(columns[c], i);
  }
  return out;
}

/** News sentiment and event impact scoring. */
export const newsImpact: FactorSpec = {
  id: 'news_impact',
  category: 'sentiment',
  name: 'News sentiment and event impact scoring',
  definition:
    'Daily mean news sentiment (TextScorer) and news count. Event study per class (regulatory, hack, etf, ' +
    'macro; an event day has >= 1 news item with that label): cumulative abnormal log return CAR from the ' +
    `most recent event day e within the last ${H} days through t, AR = r - alpha - beta * r_BTC with the OLS ` +
    `market model estimated on the ${L} days before e (constant-mean model when BTC returns are unavailable); ` +
    'NaN when no event of the class occurred in the window. car_any uses any of the four classes.',
  reference:
    'MacKinlay (1997), "Event Studies in Economics and Finance", JEL 35(1); Auer & Claessens (2018), BIS QR.',
  inputs: [
    sumInput('news_s', 'text', 'sentiment', { source: 'news' }),
    sumInput('news_n', 'text', 'count', { source: 'news' }),
    ...IMPACT_CLASSES.map((c) => sumInput(c, 'text', `label_${c}`, { source: 'news' })),
    closeInput('close'),
    closeInput('market', 'BTC/USDT', true),
  ],
  frequency: '1d',
  unit: 'score',
  outputs: [
    { name: 'value', unit: 'score', description: 'mean news sentiment per day' },
    { name: 'news_count', unit: 'articles', description: 'news items per day' },
    { name: 'car_any', unit: 'log', description: 'CAR since the latest classified news event' },
    ...IMPACT_CLASSES.map((c) => ({
      name: `car_${c}`,
      unit: 'log',
      description: `CAR since the latest ${c} event`,
    })),
  ],
  compute,
  lookback: L + H + 1,
};
