import { $, diff, div, lag, sub } from '../dsl.js';
import { macroInput } from '../inputs.js';
import { DAY_MS, type FactorSpec } from '../spec.js';

/** CPI inflation and market inflation expectations. */
export const inflation: FactorSpec = {
  id: 'inflation',
  category: 'macro',
  name: 'Inflation metrics and expectations',
  definition:
    'value: CPI year-on-year, CPI_t / CPI_{t-365d} - 1 on the daily grid from CPIAUCSL (monthly, stamped at the ' +
    'first of the month and published about mid next month: lag 45 days, staleness 70 days); breakeven_10y: 10-year ' +
    'breakeven inflation (FRED T10YIE, decimal, lag 1 day); breakeven_change_30d: its 30-day change.',
  reference: 'BLS CPI-U (FRED CPIAUCSL); FRED T10YIE.',
  inputs: [
    macroInput('cpi', 'CPIAUCSL', { publicationLagMs: 45 * DAY_MS, maxStalenessMs: 70 * DAY_MS }),
    macroInput('t10yie', 'T10YIE', { publicationLagMs: DAY_MS, maxStalenessMs: 7 * DAY_MS, optional: true }),
  ],
  frequency: '1d',
  unit: 'decimal',
  outputs: [
    { name: 'value', unit: 'decimal', description: 'CPI year-on-year' },
    { name: 'breakeven_10y', unit: 'decimal', description: '10-year breakeven inflation' },
    { name: 'breakeven_change_30d', unit: 'decimal', description: '30-day change of the breakeven' },
  ],
  expr: () => {
    const be = $('t10yie');
    return {
      value: sub(div($('cpi'), lag($('cpi'), 365)), 1),
      breakeven_10y: be,
      breakeven_change_30d: diff(be, 30),
    };
  },
};
