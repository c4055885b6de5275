import { $, add, div, mean, sub } from '../dsl.js';
import { dailyInput } from '../onchain/inputs.js';
import type { FactorSpec } from '../spec.js';

const util = div($('borrowed'), add($('tvl'), $('borrowed')));

/** Lending/borrowing rates and utilization. */
export const lendingRates: FactorSpec = {
  id: 'lending_rates',
  category: 'defi',
  name: 'Lending/borrowing rates and utilization',
  definition:
    'Lending markets (DefiLlama lending protocols, "all"): utilization U = borrowed / supplied with supplied = ' +
    'TVL + borrowed (DefiLlama lending TVL excludes borrows); 7-day mean U; supply and borrow APR (decimal per ' +
    'year, aave reference market) and the borrow - supply spread.',
  reference:
    'Compound whitepaper (Leshner & Hayes 2019) 2.1; Gudgeon et al. (2020), "DeFi Protocols for Loanable Funds", AFT.',
  inputs: [
    dailyInput('borrowed', 'defi', 'borrowed_usd', { source: 'all' }),
    dailyInput('tvl', 'defi', 'lending_tvl_usd', { source: 'all' }),
    dailyInput('supply_rate', 'defi', 'supply_rate', { source: 'aave', optional: true }),
    dailyInput('borrow_rate', 'defi', 'borrow_rate', { source: 'aave', optional: true }),
  ],
  frequency: '1d',
  unit: 'ratio',
  outputs: [
    { name: 'value', unit: 'ratio', description: 'utilization borrowed / supplied' },
    { name: 'utilization_7d', unit: 'ratio', description: '7-day mean utilization' },
    { name: 'supply_rate', unit: 'decimal', description: 'supply APR' },
    { name: 'borrow_rate', unit: 'decimal', description: 'borrow APR' },
    { name: 'rate_spread', unit: 'decimal', description: 'borrow - supply APR' },
  ],
  expr: {
    value: util,
    utilization_7d: mean(util, 7),
    supply_rate: $('supply_rate'),
    borrow_rate: $('borrow_rate'),
    rate_spread: sub($('borrow_rate'), $('supply_rate')),
  },
};
