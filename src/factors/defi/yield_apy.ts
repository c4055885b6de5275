import type { FactorComputeInputs, FactorSpec } from '../spec.js';
import { dailyInput } from '../onchain/inputs.js';

/** Protocols whose supply APY of the asset enters the cross-section. */
export const APY_PROTOCOLS = [
  'aave',
  'compound',
  'spark',
  'morpho',
  'venus',
  'justlend',
  'radiant',
  'fluid',
] as const;

const WINDOW = 30;

/**
 * Per row: mean, sample std (ddof 1) and range of the protocols' APYs present (NaN below 2); 30-day change
 * of the mean. Finite memory (lookback 30).
 */
function compute(inp: FactorComputeInputs): Record<string, Float64Array> {
  const { n } = inp;
  const cols = APY_PROTOCOLS.map((p) => inp.columns[p]);
  const mean = new Float64Array(n);
  const std = new Float64Array(n);
  const range = new Float64Array(n);
  const change = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let c = 0;
    let s = 0;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const col of cols) {
      const v = col[i];
      if (Number.isNaN(v)) continue;
      c++;
      s += v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const m = c >= 2 ? s / c : Number.NaN;
    let ss = 0;
    for (const col of cols) if (!Number.isNaN(col[i])) ss += (col[i] - m) ** 2;
    mean[i] = m;
    std[i] = c >= 2 ? Math.sqrt(ss / (c - 1)) : Number.NaN;
    range[i] = c >= 2 ? hi - lo : Number.NaN;
    change[i] = i >= WINDOW ? m - mean[i - WINDOW] : Number.NaN;
  }
  return { value: mean, dispersion: std, range, change_30d: change };
}

/** Yield farming rates and APY dynamics. */
export const yieldApy: FactorSpec = {
  id: 'yield_apy',
  category: 'defi',
  name: 'Yield farming rates and APY dynamics',
  definition:
    `Supply APY (decimal per year) of the asset on ${APY_PROTOCOLS.join(', ')} (DefiLlama/protocol metric ` +
    'supply_rate): cross-protocol equal-weight mean (needs >= 2 protocols); dispersion = cross-sectional sample ' +
    'std (ddof 1); range max - min; 30-day change of the mean (difference).',
  reference:
    'Cousaert, Xu & Matsui (2022), "SoK: Yield Aggregators in DeFi", IEEE ICBC; Gudgeon et al. (2020), "DeFi Protocols for Loanable Funds", AFT.',
  inputs: APY_PROTOCOLS.map((p) => dailyInput(p, 'defi', 'supply_rate', { source: p, optional: true })),
  minInputs: 2,
  frequency: '1d',
  unit: 'decimal',
  outputs: [
    { name: 'value', unit: 'decimal', description: 'mean supply APY across protocols' },
    { name: 'dispersion', unit: 'decimal', description: 'cross-protocol std of APY' },
    { name: 'range', unit: 'decimal', description: 'max - min APY' },
    { name: 'change_30d', unit: 'decimal', description: '30-day change of the mean APY' },
  ],
  compute,
  lookback: WINDOW,
};
