import { $, coalesce, div, mul, sub } from '../dsl.js';
import type { FactorSpec } from '../spec.js';
import {
  basisRate,
  basisTenor,
  CARRY_FEES_ANNUALIZED,
  DEFAULT_FUNDING_MS,
  fundingInterval,
  fundingRate,
  YEAR_MS,
} from './common.js';

/** Basis-minus-funding carry of a dated future against the perpetual, net of fees. */
export const basisCarry: FactorSpec = {
  id: 'basis_carry',
  category: 'derivatives',
  name: 'Basis trading opportunities',
  definition:
    'value: annualized dated-future basis minus annualized perpetual funding minus round-trip fees ' +
    `(4 legs x 5 bps amortized over 30 days = ${CARRY_FEES_ANNUALIZED.toFixed(5)} a year): the carry of long perp / short ` +
    'future (or the reverse when negative) net of costs; gross: before fees; cash_and_carry: annualized basis minus ' +
    'fees (long spot / short future).',
  reference: 'Schmeling, Schrimpf & Todorov (2023), "Crypto carry", BIS WP 1087.',
  inputs: [basisRate(), { ...basisTenor(), optional: false }, fundingRate(), fundingInterval()],
  frequency: 'grid',
  unit: 'annualized decimal',
  outputs: [
    { name: 'value', unit: 'annualized decimal', description: 'basis minus funding, net of fees' },
    { name: 'gross', unit: 'annualized decimal', description: 'basis minus funding before fees' },
    { name: 'cash_and_carry', unit: 'annualized decimal', description: 'annualized basis minus fees' },
  ],
  expr: () => {
    const basisAnn = div(mul($('basis'), 365), $('tenor_days'));
    const fundingAnn = mul($('funding'), div(YEAR_MS, coalesce($('funding_interval'), DEFAULT_FUNDING_MS)));
    const gross = sub(basisAnn, fundingAnn);
    return {
      value: sub(gross, CARRY_FEES_ANNUALIZED),
      gross,
      cash_and_carry: sub(basisAnn, CARRY_FEES_ANNUALIZED),
    };
  },
};
