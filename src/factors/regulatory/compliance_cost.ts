import { eventIntensityFactor } from './eventIntensity.js';

/** Compliance cost impacts. */
export const complianceCost = eventIntensityFactor({
  id: 'compliance_cost',
  name: 'Compliance cost impacts',
  label: 'compliance',
  what: 'compliance-cost events (KYC/AML, travel rule, audits, licensing and registration, fines and penalties)',
  reference:
    'FATF (2019) travel-rule guidance; Feinstein & Werbach (2021), J. Financial Regulation (AML/KYC rule events).',
});
