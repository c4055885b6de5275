import { $, log, nanMean, sum, zscore } from '../dsl.js';
import { macroInput, seriesInput } from '../inputs.js';
import { HOUR_MS, type FactorSpec } from '../spec.js';

/** Geopolitical / risk-off intensity from VIX and news. */
export const riskOff: FactorSpec = {
  id: 'risk_off',
  category: 'macro',
  name: 'Geopolitical events and risk-off sentiment',
  definition:
    'value: mean of the available components vix_z and news_z; vix_z: 1-year (365-row) z-score of ln VIX (CBOE close, ' +
    'lag 22 h); news_z: 1-year z-score of the 7-day count of news events the text classifier tags as geopolitical / ' +
    'risk-off (field label_geopolitical of news text events, summed per day, known 1 h after publication). NaN when neither ' +
    'component is available.',
  reference:
    'Caldara & Iacoviello (2022), "Measuring geopolitical risk", AER 112 (news-count GPR index); CBOE VIX.',
  inputs: [
    macroInput('vix', 'VIX'),
    seriesInput('news_risk_off', 'text', 'label_geopolitical', HOUR_MS, HOUR_MS, {
      source: 'news',
      align: 'sum',
      optional: true,
    }),
  ],
  frequency: '1d',
  unit: 'z',
  outputs: [
    { name: 'value', unit: 'z', description: 'risk-off composite' },
    { name: 'vix_z', unit: 'z', description: 'ln VIX z-score, 1 year' },
    { name: 'news_z', unit: 'z', description: 'risk-off news count z-score, 1 year' },
  ],
  expr: () => {
    const vixZ = zscore(log($('vix')), 365);
    const newsZ = zscore(sum($('news_risk_off'), 7), 365);
    return { value: nanMean([vixZ, newsZ], 1), vix_z: vixZ, news_z: newsZ };
  },
};
