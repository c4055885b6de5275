import { dailyInput } from '../onchain/inputs.js';
import type { FactorComputeInputs, FactorSpec } from '../spec.js';

/** Chains whose TVL shares form the cross-chain concentration. */
export const TVL_CHAINS = [
  'ethereum',
  'tron',
  'bsc',
  'arbitrum',
  'solana',
  'polygon',
  'avalanche',
  'optimism',
  'base',
  'sui',
] as const;

function compute(inp: FactorComputeInputs): Record<string, Float64Array> {
  const { n, columns } = inp;
  const cols = TVL_CHAINS.map((c) => columns[c]);
  const eth = columns.ethereum;
  const effective = new Float64Array(n);
  const hhi = new Float64Array(n);
  const nonEth = new Float64Array(n);
  const bridge = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let total = 0;
    let c = 0;
    for (const col of cols) {
      if (col[i] >= 0) {
        total += col[i];
        c++;
      }
    }
    let h = 0;
    if (total > 0) for (const col of cols) if (col[i] > 0) h += (col[i] / total) ** 2;
    const ok = c >= 2 && total > 0;
    hhi[i] = ok ? h : Number.NaN;
    effective[i] = ok ? 1 / h : Number.NaN;
    nonEth[i] = ok && eth[i] >= 0 ? 1 - eth[i] / total : Number.NaN;
    const bi = columns.bridge_in[i];
    const bo = columns.bridge_out[i];
    bridge[i] = bi >= 0 && bo >= 0 ? bi + bo : Number.NaN;
  }
  return { value: effective, hhi, non_ethereum_share: nonEth, bridge_volume_usd: bridge };
}

/** Interoperability and cross-chain metrics. */
export const crossChain: FactorSpec = {
  id: 'cross_chain',
  category: 'infrastructure',
  name: 'Interoperability and cross-chain metrics',
  definition:
    `Multi-chain dispersion of DeFi TVL over ${TVL_CHAINS.join(', ')} (DefiLlama chain TVL, field ` +
    'chain_tvl_usd.<chain>): Herfindahl index HHI = sum of squared TVL shares over chains present (needs >= 2), ' +
    'effective number of chains 1/HHI, non-Ethereum TVL share; cross-chain bridge volume = bridge inflow + ' +
    'outflow in USD per day (all bridges).',
  reference:
    'Hirschman (1964); Adelman (1969), "Comment on the H concentration measure as a numbers-equivalent", REStat; DefiLlama chains and bridges.',
  inputs: [
    ...TVL_CHAINS.map((c) => dailyInput(c, 'defi', `chain_tvl_usd.${c}`, { optional: true })),
    dailyInput('bridge_in', 'defi', 'bridge_inflow_usd', { source: 'all', optional: true }),
    dailyInput('bridge_out', 'defi', 'bridge_outflow_usd', { source: 'all', optional: true }),
  ],
  minInputs: 2,
  frequency: '1d',
  unit: 'chains',
  outputs: [
    { name: 'value', unit: 'chains', description: 'effective number of chains 1/HHI of TVL' },
    { name: 'hhi', unit: 'ratio', description: 'Herfindahl index of chain TVL shares' },
    { name: 'non_ethereum_share', unit: 'ratio', description: 'TVL share outside Ethereum' },
    { name: 'bridge_volume_usd', unit: 'usd', description: 'bridge inflow + outflow per day' },
  ],
  compute,
  lookback: 0,
};
