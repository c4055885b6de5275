import { $, logRet, mul, std, sub } from '../dsl.js';
import { seriesInput } from '../inputs.js';
import { DAY_MS, HOUR_MS, type FactorSpec } from '../spec.js';

const opt = (name: string, field: string) =>
  seriesInput(name, 'options', field, 0, DAY_MS + HOUR_MS, { optional: true });

/** Volatility-surface dynamics: vol of vol, ATM term-structure slope, 25-delta skew. */
export const volSurface: FactorSpec = {
  id: 'vol_surface',
  category: 'derivatives',
  name: 'Volatility surface dynamics',
  definition:
    'value: vol of vol, the annualized (sqrt 365) standard deviation of daily log changes of the 30-day implied ' +
    'volatility index (Deribit DVOL) over 30 days; level: DVOL (decimal); term_slope: ATM IV(30d) - ATM IV(7d) ' +
    '(> 0 contango); skew_25d: 25-delta put IV - 25-delta call IV at the expiry nearest 30 days (decimal), from ' +
    'chain snapshots (`surfaceMetrics` in derivatives/optionChain.ts), valid 1 day.',
  reference:
    'Deribit DVOL methodology; Carr & Wu (2009) on variance risk; Bakshi, Kapadia & Madan (2003) on skew.',
  inputs: [
    seriesInput('dvol', 'options', 'dvol', 0, DAY_MS + HOUR_MS),
    opt('iv_atm_7d', 'iv_atm_7d'),
    opt('iv_atm_30d', 'iv_atm_30d'),
    opt('skew_25d', 'skew_25d'),
  ],
  frequency: '1d',
  unit: 'annualized decimal',
  outputs: [
    { name: 'value', unit: 'annualized decimal', description: 'vol of vol, 30 days' },
    { name: 'level', unit: 'annualized decimal', description: 'DVOL, decimal' },
    { name: 'term_slope', unit: 'decimal', description: 'ATM 30d minus 7d implied vol' },
    { name: 'skew_25d', unit: 'decimal', description: '25-delta risk reversal (put minus call)' },
  ],
  expr: () => ({
    value: mul(std(logRet($('dvol'), 1), 30), Math.sqrt(365)),
    level: $('dvol'),
    term_slope: sub($('iv_atm_30d'), $('iv_atm_7d')),
    skew_25d: $('skew_25d'),
  }),
};
