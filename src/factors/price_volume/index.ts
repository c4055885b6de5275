import type { FactorSpec } from '../spec.js';
import { crossExchangeArbitrage } from './cross_exchange_arbitrage.js';
import { kyleLambda } from './kyle_lambda.js';
import { momentumReversion } from './momentum_reversion.js';
import { orderbookLiquidity } from './orderbook_liquidity.js';
import { priceDiscovery } from './price_discovery.js';
import { spotReturns } from './spot_returns.js';
import { spreadEstimators } from './spread_estimators.js';
import { supportResistance } from './support_resistance.js';
import { volatility } from './volatility.js';
import { volumeVwap } from './volume_vwap.js';

/** The price_volume factors of the catalogue, in the seed's order (one file per factor in this folder). */
export const priceVolumeFactors: FactorSpec[] = [
  spotReturns,
  volumeVwap,
  orderbookLiquidity,
  spreadEstimators,
  volatility,
  supportResistance,
  crossExchangeArbitrage,
  kyleLambda,
  momentumReversion,
  priceDiscovery,
];
