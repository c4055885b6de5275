import { dailyInput } from '../onchain/inputs.js';
import type { FactorComputeInputs, FactorSpec } from '../spec.js';

/** DEXes whose volumes form the concentration index. */
export const DEX_VENUES = [
  'uniswap',
  'curve',
  'pancakeswap',
  'sushiswap',
  'balancer',
  'aerodrome',
  'raydium',
  'orca',
] as const;

const Z = 30;

function compute(inp: FactorComputeInputs): Record<string, Float64Array> {
  const { n, columns } = inp;
  const dex = columns.dex_volume;
  const cex = columns.cex_volume;
  const venues = DEX_VENUES.map((v) => columns[v]);
  const value = new Float64Array(n);
  const ratio = new Float64Array(n);
  const hhi = new Float64Array(n);
  const top = new Float64Array(n);
  const z = new Float64Array(n);
  const count = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let total = 0;
    let c = 0;
    let mx = 0;
    for (const col of venues) {
      const v = col[i];
      if (v >= 0) {
        total += v;
        c++;
        if (v > mx) mx = v;
      }
    }
    // The all-DEX aggregate when the source has it, else the sum over the venues present (a lower bound).
    value[i] = dex[i] >= 0 ? dex[i] : c > 0 ? total : Number.NaN;
    count[i] = c;
    ratio[i] = cex[i] > 0 && value[i] >= 0 ? value[i] / cex[i] : Number.NaN;
    let h = 0;
    if (total > 0) for (const col of venues) if (col[i] > 0) h += (col[i] / total) ** 2;
    hhi[i] = c >= 2 && total > 0 ? h : Number.NaN;
    top[i] = c >= 2 && total > 0 ? mx / total : Number.NaN;
    // 30-day z-score of log volume, strict window (any NaN gives NaN).
    if (i >= Z - 1) {
      let s = 0;
      let ok = true;
      for (let j = i - Z + 1; j <= i; j++) {
        if (!(value[j] > 0)) {
          ok = false;
          break;
        }
        s += Math.log(value[j]);
      }
      if (ok) {
        const m = s / Z;
        let ss = 0;
        for (let j = i - Z + 1; j <= i; j++) ss += (Math.log(value[j]) - m) ** 2;
        const sd = Math.sqrt(ss / (Z - 1));
        z[i] = sd > 1e-12 ? (Math.log(value[i]) - m) / sd : Number.NaN;
      } else z[i] = Number.NaN;
    } else z[i] = Number.NaN;
  }
  return { value, dex_cex_ratio: ratio, hhi, top_share: top, log_volume_z30: z, venues: count };
}

/** Decentralized exchange volume and market share. */
export const dexVolume: FactorSpec = {
  id: 'dex_volume',
  category: 'defi',
  name: 'Decentralized exchange volume and market share',
  definition:
    'DEX spot volume V_dex in USD per day (DefiLlama all-DEX aggregate; where the store lacks it, the sum over ' +
    'the listed venues present, a lower bound, with their number in output venues); DEX/CEX ratio = V_dex / centralized spot ' +
    `volume (index cex_spot_volume_usd); concentration across ${DEX_VENUES.join(', ')}: Herfindahl index ` +
    'HHI = sum of squared volume shares (needs >= 2 venues) and top-venue share; 30-day z-score of ln V_dex ' +
    '(ddof 1).',
  reference:
    'Hirschman (1964); Barbon & Ranaldo (2021), "On the quality of cryptocurrency markets: centralized versus decentralized exchanges", arXiv:2112.07386.',
  inputs: [
    dailyInput('dex_volume', 'defi', 'volume_usd', { source: 'all', optional: true }),
    dailyInput('cex_volume', 'index', 'cex_spot_volume_usd', { optional: true }),
    ...DEX_VENUES.map((v) => dailyInput(v, 'defi', 'volume_usd', { source: v, optional: true })),
  ],
  minInputs: 1,
  frequency: '1d',
  unit: 'usd',
  outputs: [
    { name: 'value', unit: 'usd', description: 'DEX volume per day' },
    { name: 'dex_cex_ratio', unit: 'ratio', description: 'DEX / CEX spot volume' },
    { name: 'hhi', unit: 'ratio', description: 'Herfindahl index of DEX volume shares' },
    { name: 'top_share', unit: 'ratio', description: 'largest DEX volume share' },
    { name: 'log_volume_z30', unit: 'z', description: '30-day z-score of log DEX volume' },
    { name: 'venues', unit: 'venues', description: 'listed venues with a volume on the day' },
  ],
  compute,
  lookback: Z - 1,
};
