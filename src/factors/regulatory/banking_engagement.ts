import { eventIntensityFactor } from './eventIntensity.js';

/** Banking sector crypto engagement. */
export const bankingEngagement = eventIntensityFactor({
  id: 'banking_engagement',
  name: 'Banking sector crypto engagement',
  label: 'banking',
  what: 'banking-sector engagement (banks offering custody, trading, stablecoins, crypto-friendly or exiting banks)',
  reference:
    'BIS (2022), "Prudential treatment of cryptoasset exposures"; keyword event classification as in Auer & Claessens (2018).',
});
