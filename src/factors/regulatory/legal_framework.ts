import { eventIntensityFactor } from './eventIntensity.js';

/** Legal framework developments. */
export const legalFramework = eventIntensityFactor({
  id: 'legal_framework',
  name: 'Legal framework developments',
  label: 'legal',
  what: 'legal-framework developments (court rulings, lawsuits, settlements, laws and bills passed)',
  reference:
    'Auer & Claessens (2018), BIS QR (legal-status news class); Feinstein & Werbach (2021), "The Impact of Cryptocurrency Regulation on Trading Markets", J. Financial Regulation.',
});
