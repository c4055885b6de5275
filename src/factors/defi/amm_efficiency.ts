import { $, abs, div, mean, mul, sub } from '../dsl.js';
import { closeInput, dailyInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

const devBps = mul(sub(div($('amm_price'), $('close')), 1), 10_000);

/** Automated market maker efficiency. */
export const ammEfficiency: FactorSpec = {
  id: 'amm_efficiency',
  category: 'defi',
  name: 'Automated market maker (AMM) efficiency',
  definition:
    'AMM vs CEX price deviation in bps = (P_amm / P_cex - 1) * 1e4 (AMM pool price as-of vs the CEX close); ' +
    '7-day mean absolute deviation; capital efficiency = DEX volume / DEX TVL per day (turnover); realized ' +
    'slippage in bps (volume-weighted mean of swap execution price vs pre-trade pool price, swaps metric).',
  reference:
    'Lehar & Parlour (2021), "Decentralized Exchanges", SSRN 3905316; Angeris et al. (2019), "An analysis of Uniswap markets".',
  inputs: [
    dailyInput('amm_price', 'defi', 'price_usd', { source: 'uniswap', lagMs: 0 }),
    closeInput('close'),
    dailyInput('dex_volume', 'defi', 'volume_usd', { source: 'uniswap', optional: true }),
    dailyInput('dex_tvl', 'defi', 'tvl_usd', { source: 'uniswap', optional: true }),
    dailyInput('slippage', 'swaps', 'slippage_bps', { optional: true, lagMs: 0 }),
  ],
  frequency: '1d',
  unit: 'bps',
  outputs: [
    { name: 'value', unit: 'bps', description: 'AMM - CEX price deviation' },
    { name: 'abs_deviation_7d', unit: 'bps', description: '7-day mean absolute deviation' },
    { name: 'volume_to_tvl', unit: 'ratio', description: 'DEX volume / TVL (daily turnover)' },
    { name: 'slippage_bps', unit: 'bps', description: 'realized slippage' },
  ],
  expr: {
    value: devBps,
    abs_deviation_7d: mean(abs(devBps), 7),
    volume_to_tvl: div($('dex_volume'), $('dex_tvl')),
    slippage_bps: $('slippage'),
  },
};
