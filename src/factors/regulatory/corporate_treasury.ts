import { $, diff, sum } from '../dsl.js';
import { dailyInput, sumInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

/** Corporate treasury allocation to crypto. */
export const corporateTreasury: FactorSpec = {
  id: 'corporate_treasury',
  category: 'regulatory',
  name: 'Corporate treasury allocation to crypto',
  definition:
    "Coins held by public companies' treasuries (index corporate_treasury_holdings, native units, as-of, " +
    'stale after 35 days since filings are periodic): level and 30-day change (coins); treasury-purchase ' +
    'announcements = news items labelled "treasury" by the text classifier ("buys 12,000 bitcoin", ' +
    '"corporate treasury", "balance sheet") over 30 days.',
  reference: 'BitcoinTreasuries.net methodology; Auer et al. (2022), BIS WP 1013.',
  inputs: [
    dailyInput('holdings', 'index', 'corporate_treasury_holdings', { staleMs: 35 * 86_400_000 }),
    sumInput('news', 'text', 'label_treasury', { source: 'news', optional: true }),
  ],
  frequency: '1d',
  unit: 'coins',
  outputs: [
    { name: 'value', unit: 'coins', description: '30-day change of corporate holdings' },
    { name: 'holdings', unit: 'coins', description: 'coins held by public companies' },
    { name: 'announcements_30d', unit: 'articles', description: 'treasury-purchase news over 30 days' },
  ],
  expr: { value: diff($('holdings'), 30), holdings: $('holdings'), announcements_30d: sum($('news'), 30) },
};
