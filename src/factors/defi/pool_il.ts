import { $, add, div, lag, mul, sqrt, sub } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { closeInput, dailyInput } from '../onchain/inputs.js';
import type { Expr } from '../expr.js';

/** IL(k) = 2 sqrt(k) / (1 + k) - 1 of a 50/50 constant-product position, k = P_t / P_{t-w}. */
function ilOver(w: number): Expr {
  const k = div($('close'), lag($('close'), w));
  return sub(div(mul(2, sqrt(k)), add(1, k)), 1);
}

/** Liquidity pool compositions and impermanent loss. */
export const poolIl: FactorSpec = {
  id: 'pool_il',
  category: 'defi',
  name: 'Liquidity pool compositions and impermanent loss',
  definition:
    'Impermanent loss of a 50/50 constant-product (x*y=k) position in the asset against its quote, entered w ' +
    'days ago: IL = 2*sqrt(k)/(1+k) - 1 with k = P_t / P_{t-w} (daily close), for w = 7 and 30 (decimal, <= 0). ' +
    'Pool composition: value share of token0 = reserve0_usd / (reserve0_usd + reserve1_usd) of the reference ' +
    'pool (0.5 for a balanced v2 pool at the pool price).',
  reference:
    'Pintail (2019); Aigner & Dhaliwal (2021), "Uniswap: Impermanent Loss and Risk Profile of a Liquidity Provider", arXiv:2106.14404, eq. 3.',
  inputs: [
    closeInput('close'),
    dailyInput('reserve0', 'defi', 'reserve0_usd', { optional: true }),
    dailyInput('reserve1', 'defi', 'reserve1_usd', { optional: true }),
  ],
  frequency: '1d',
  unit: 'decimal',
  outputs: [
    { name: 'value', unit: 'decimal', description: '30-day impermanent loss of a 50/50 position' },
    { name: 'il_7d', unit: 'decimal', description: '7-day impermanent loss' },
    { name: 'token0_share', unit: 'ratio', description: 'token0 value share of the pool' },
  ],
  expr: {
    value: ilOver(30),
    il_7d: ilOver(7),
    token0_share: div($('reserve0'), add($('reserve0'), $('reserve1'))),
  },
};
