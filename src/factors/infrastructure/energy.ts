import { dailyInput } from '../onchain/inputs.js';
import type { FactorComputeInputs, FactorSpec } from '../spec.js';
import { energyTwhPerYear, fleetEfficiency } from './kernels.js';

/**
 * Fleet-average miner efficiency path (J/TH), UTC date and value, interpolated log-linearly. Calibrated so that
 * hash rate x efficiency reproduces the order of magnitude of the Cambridge CBECI best-guess consumption
 * (about 100 TWh/yr in early 2022, 150-170 TWh/yr in 2024) and consistent with the dominant ASIC generations
 * (S9 98, S17 45, S19 34, S19 XP 21.5, S21 17.5 J/TH) deployed with a lag.
 */
export const FLEET_EFFICIENCY_J_PER_TH: ReadonlyArray<readonly [number, number]> = [
  [Date.UTC(2016, 0, 1), 600],
  [Date.UTC(2018, 0, 1), 200],
  [Date.UTC(2020, 0, 1), 75],
  [Date.UTC(2022, 0, 1), 60],
  [Date.UTC(2024, 0, 1), 35],
  [Date.UTC(2026, 0, 1), 25],
];

function compute(inp: FactorComputeInputs): Record<string, Float64Array> {
  const { n, ts, columns } = inp;
  const value = new Float64Array(n);
  const power = new Float64Array(n);
  const perTx = new Float64Array(n);
  const eff = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = fleetEfficiency(ts[i], FLEET_EFFICIENCY_J_PER_TH);
    const twh = energyTwhPerYear(columns.hash_rate[i], e);
    eff[i] = e;
    value[i] = twh;
    power[i] = (twh * 1e3) / 8760; // TWh/yr -> GW
    const tx = columns.tx_count[i];
    perTx[i] = tx > 0 ? (twh * 1e9) / (tx * 365) : Number.NaN; // kWh per transaction
  }
  return { value, power_gw: power, kwh_per_tx: perTx, efficiency_j_per_th: eff };
}

/** Energy consumption and sustainability. */
export const energy: FactorSpec = {
  id: 'energy',
  category: 'infrastructure',
  name: 'Energy consumption and sustainability',
  definition:
    'Energy estimate from hash rate (PoW): power P = H (TH/s) x fleet efficiency (J/TH), annualized energy ' +
    'E = P x 8760 h in TWh/yr; efficiency follows a dated fleet-average path (600 J/TH in 2016, 200 in 2018, ' +
    '75 in 2020, 60 in 2022, 35 in 2024, 25 in 2026, log-linear in between, flat outside); power in GW; energy ' +
    'per transaction in kWh = E / (daily transactions x 365).',
  reference:
    'Cambridge Bitcoin Electricity Consumption Index methodology (CCAF 2019-2023); de Vries (2018), "Bitcoin\'s Growing Energy Problem", Joule 2(5).',
  inputs: [
    dailyInput('hash_rate', 'onchain', 'hash_rate'),
    dailyInput('tx_count', 'onchain', 'tx_count', { optional: true }),
  ],
  frequency: '1d',
  unit: 'TWh/yr',
  outputs: [
    { name: 'value', unit: 'TWh/yr', description: 'annualized energy consumption' },
    { name: 'power_gw', unit: 'GW', description: 'mean network power draw' },
    { name: 'kwh_per_tx', unit: 'kWh', description: 'energy per transaction' },
    { name: 'efficiency_j_per_th', unit: 'J/TH', description: 'fleet efficiency assumed at t' },
  ],
  compute,
  lookback: 0,
};
