import type { FactorSpec } from '../spec.js';
import { activeAddresses } from './active_addresses.js';
import { contractCalls } from './contract_calls.js';
import { exchangeFlows } from './exchange_flows.js';
import { forkUpgradeEvents } from './fork_upgrade_events.js';
import { gasFees } from './gas_fees.js';
import { hashRateDifficulty } from './hash_rate_difficulty.js';
import { hodlWaves } from './hodl_waves.js';
import { mempoolPriority } from './mempool_priority.js';
import { mvrvFactor } from './mvrv.js';
import { networkUtilization } from './network_utilization.js';
import { nvtRatio } from './nvt.js';
import { staking } from './staking.js';
import { txCountFees } from './tx_count_fees.js';
import { velocitySupply } from './velocity_supply.js';
import { whaleTransfers } from './whale_transfers.js';

/** The onchain factors of the catalogue (one file per factor in this folder). */
export const onchainFactors: FactorSpec[] = [
  activeAddresses,
  hashRateDifficulty,
  txCountFees,
  nvtRatio,
  mvrvFactor,
  exchangeFlows,
  hodlWaves,
  whaleTransfers,
  networkUtilization,
  staking,
  velocitySupply,
  contractCalls,
  gasFees,
  forkUpgradeEvents,
  mempoolPriority,
];
