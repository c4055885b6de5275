import type { FactorSpec } from '../spec.js';
import { ammEfficiency } from './amm_efficiency.js';
import { bridgeFlows } from './bridge_flows.js';
import { composability } from './composability.js';
import { defiTvl } from './defi_tvl.js';
import { dexVolume } from './dex_volume.js';
import { governanceVoting } from './governance_voting.js';
import { lendingRates } from './lending_rates.js';
import { liquidations } from './liquidations.js';
import { mevFlashloans } from './mev_flashloans.js';
import { poolIl } from './pool_il.js';
import { protocolFees } from './protocol_fees.js';
import { yieldApy } from './yield_apy.js';

/** The defi factors of the catalogue (one file per factor in this folder). */
export const defiFactors: FactorSpec[] = [
  defiTvl,
  yieldApy,
  poolIl,
  dexVolume,
  lendingRates,
  mevFlashloans,
  governanceVoting,
  protocolFees,
  bridgeFlows,
  ammEfficiency,
  liquidations,
  composability,
];
