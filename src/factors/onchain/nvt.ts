import { $, div, mean, zscore } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { dailyInput } from './inputs.js';

const mc = $('market_cap');
const tv = $('transfer_value');
const signal = div(mc, mean(tv, 90));

/** Network value to transactions. */
export const nvtRatio: FactorSpec = {
  id: 'nvt',
  category: 'onchain',
  name: 'Network value to transactions (NVT) ratio',
  definition:
    'NVT = market cap (CapMrktCurUSD) / adjusted transfer value (TxTfrValAdjUSD), both USD per day ' +
    '(Coin Metrics NVTAdj). NVT signal = market cap / SMA_90(adjusted transfer value) (Coin Metrics NVTAdj90). ' +
    'Signal z-score over 365 days (ddof 1).',
  reference: 'Woo (2017), Forbes; Kalichkin (2018), "Rethinking NVT ratio"; Coin Metrics NVTAdj, NVTAdj90.',
  inputs: [
    dailyInput('market_cap', 'onchain', 'market_cap_usd'),
    dailyInput('transfer_value', 'onchain', 'transfer_value_adj_usd'),
  ],
  frequency: '1d',
  unit: 'ratio',
  outputs: [
    { name: 'value', unit: 'ratio', description: 'NVT' },
    { name: 'signal', unit: 'ratio', description: 'NVT signal (90-day smoothed transfer value)' },
    { name: 'signal_z365', unit: 'z', description: '365-day z-score of the NVT signal' },
  ],
  expr: { value: div(mc, tv), signal, signal_z365: zscore(signal, 365) },
};
