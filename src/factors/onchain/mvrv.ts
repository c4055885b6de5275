import { $, cumsum, div, finiteFlag, gt, mul, sqrt, square, sub } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import { dailyInput } from './inputs.js';

const mc = $('market_cap');
const rc = $('realized_cap');
// Expanding moments of every market cap seen so far (NaN days skipped).
const n = cumsum(finiteFlag(mc));
const s1 = cumsum(mc);
const s2 = cumsum(square(mc));
const expandingVar = div(sub(s2, div(square(s1), n)), sub(n, 1));
/** 1 once 365 market caps have been seen, NaN before (1/0 is NaN in the DSL). */
const warm = div(1, gt(n, 364));

/** Days of history the expanding z-score reads before the requested start (one halving cycle). */
export const MVRV_WARMUP_DAYS = 4 * 365;

/** Realized cap vs market cap (MVRV) and its z-score. */
export const mvrvFactor: FactorSpec = {
  id: 'mvrv',
  category: 'onchain',
  name: 'Realized cap vs market cap (MVRV)',
  definition:
    'MVRV = market cap / realized cap (Coin Metrics CapMrktCurUSD / CapRealUSD = CapMVRVCur). MVRV z-score = ' +
    '(market cap_t - realized cap_t) / std(market cap over all days <= t), sample std (ddof 1) of the expanding ' +
    'history, NaN until 365 market caps exist. The expanding history starts 1460 days (one halving cycle; ' +
    'the declared warm-up) before the requested start, or at the first stored day when later, so the z-score ' +
    'is defined from the first requested day. NUPL = 1 - 1/MVRV.',
  reference:
    'Mahmudov & Puell (2018), "Bitcoin MVRV Ratio"; Glassnode, "MVRV Z-Score"; Coin Metrics CapMVRVCur.',
  inputs: [
    dailyInput('market_cap', 'onchain', 'market_cap_usd'),
    dailyInput('realized_cap', 'onchain', 'realized_cap_usd'),
  ],
  frequency: '1d',
  unit: 'ratio',
  /** Expanding moments: 4 years of history before the requested start (>= the 365 days the z-score needs). */
  warmup: MVRV_WARMUP_DAYS,
  outputs: [
    { name: 'value', unit: 'ratio', description: 'MVRV' },
    { name: 'z_score', unit: 'z', description: 'MVRV z-score (expanding std of market cap)' },
    { name: 'nupl', unit: 'ratio', description: 'net unrealized profit/loss 1 - RC/MC' },
  ],
  expr: {
    value: div(mc, rc),
    z_score: mul(div(sub(mc, rc), sqrt(expandingVar)), warm),
    nupl: sub(1, div(rc, mc)),
  },
};
