/** One directed edge of the world's causal graph. */
export interface CausalEdge {
  /** Driver: an exogenous variable, hidden state or agent group. */
  from: string;
  /** Driven observable series (store table and column, e.g. `bars.close`). */
  to: string;
  /** Delay before the effect shows, ms (0 = within the same bar). */
  lagMs: number;
  /** +1 the driver raises the series, -1 lowers it, 0 sign depends on state. */
  sign: 1 | -1 | 0;
  /** How the effect is produced in the simulator. */
  mechanism: string;
}

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * The default world's causal graph as data: which exogenous variables and agent groups drive which
 * observable series, with lags. Edges are what the code does (see the named classes), so causal discovery
 * can be scored against it.
 */
export function defaultCausalGraph(): CausalEdge[] {
  return [
    {
      from: 'regime',
      to: 'bars.close',
      lagMs: 0,
      sign: 0,
      mechanism: 'regime drift of the latent fundamental (RegimeChain)',
    },
    {
      from: 'regime',
      to: 'bars.volume',
      lagMs: 0,
      sign: 1,
      mechanism: 'regime activity multiplier on agent arrivals',
    },
    {
      from: 'regime',
      to: 'textEvents.count',
      lagMs: 0,
      sign: 0,
      mechanism: 'mood tilts news signs and hack rates (NewsStream)',
    },
    {
      from: 'macroSeries.SPX',
      to: 'bars.close',
      lagMs: DAY,
      sign: 1,
      mechanism: 'fundamental loads on equity returns with regime beta',
    },
    {
      from: 'macroSeries.DXY',
      to: 'bars.close',
      lagMs: DAY,
      sign: -1,
      mechanism: 'fundamental loads on dollar returns with regime beta',
    },
    {
      from: 'macroSeries.DFF',
      to: 'textEvents.macro_surprise',
      lagMs: 0,
      sign: -1,
      mechanism: 'rate surprises become macro headlines',
    },
    {
      from: 'macroSeries.CPIAUCSL',
      to: 'textEvents.macro_surprise',
      lagMs: 0,
      sign: -1,
      mechanism: 'CPI surprises become macro headlines',
    },
    {
      from: 'macroSeries.DFF',
      to: 'macroSeries.DGS2',
      lagMs: DAY,
      sign: 1,
      mechanism: 'OU pull of 2y toward policy rate',
    },
    {
      from: 'macroSeries.DFF',
      to: 'macroSeries.DGS10',
      lagMs: DAY,
      sign: 1,
      mechanism: 'OU pull of 10y toward policy rate',
    },
    {
      from: 'news',
      to: 'bars.close',
      lagMs: MIN,
      sign: 0,
      mechanism: 'belief shift of value and sentiment traders',
    },
    { from: 'news', to: 'mood', lagMs: 0, sign: 0, mechanism: 'mood moves with signed news size' },
    {
      from: 'mood',
      to: 'bars.volume',
      lagMs: MIN,
      sign: 0,
      mechanism: 'retail herding on mood (SentimentRetail)',
    },
    {
      from: 'mood',
      to: 'indexSeries.fear_greed',
      lagMs: HOUR,
      sign: 1,
      mechanism: 'SentimentIndices mood component',
    },
    {
      from: 'bars.close',
      to: 'indexSeries.fear_greed',
      lagMs: HOUR,
      sign: 1,
      mechanism: 'momentum component',
    },
    {
      from: 'bars.close',
      to: 'indexSeries.search_trends',
      lagMs: HOUR,
      sign: 0,
      mechanism: 'attention to large moves',
    },
    {
      from: 'news.protocol_upgrade',
      to: 'indexSeries.dev_commits',
      lagMs: HOUR,
      sign: 1,
      mechanism: 'upgrade bumps dev activity',
    },
    { from: 'agents.noise', to: 'bars.volume', lagMs: 0, sign: 1, mechanism: 'Poisson market orders' },
    {
      from: 'agents.momentum',
      to: 'bars.close',
      lagMs: MIN,
      sign: 1,
      mechanism: 'trend following of recent returns',
    },
    {
      from: 'agents.value',
      to: 'bars.close',
      lagMs: MIN,
      sign: 0,
      mechanism: 'mean reversion toward latent fundamental',
    },
    {
      from: 'agents.market_maker',
      to: 'quotes.spread',
      lagMs: 0,
      sign: 0,
      mechanism: 'Avellaneda-Stoikov spread from volatility and inventory',
    },
    {
      from: 'agents.leveraged',
      to: 'funding.rate',
      lagMs: 8 * HOUR,
      sign: 1,
      mechanism: 'long demand lifts perp premium, funding from premium',
    },
    {
      from: 'agents.funding_arb',
      to: 'basis.basis',
      lagMs: HOUR,
      sign: -1,
      mechanism: 'arbitrage compresses basis',
    },
    {
      from: 'agents.leveraged',
      to: 'openInterest.openInterest',
      lagMs: 0,
      sign: 1,
      mechanism: 'leveraged positions are open interest',
    },
    {
      from: 'bars.close',
      to: 'liquidations.amount',
      lagMs: 0,
      sign: -1,
      mechanism: 'falling prices breach long maintenance margins (Liquidator)',
    },
    {
      from: 'liquidations.amount',
      to: 'bars.close',
      lagMs: MIN,
      sign: -1,
      mechanism: 'forced selling pushes price (cascade)',
    },
    {
      from: 'bars.close',
      to: 'defiMetrics.utilization',
      lagMs: HOUR,
      sign: 1,
      mechanism: 'borrowers lever up in rising markets',
    },
    {
      from: 'agents.arbitrage',
      to: 'poolReserves.reserve1_over_reserve0',
      lagMs: MIN,
      sign: 1,
      mechanism: 'CEX-DEX arbitrage aligns pool price with CEX',
    },
    {
      from: 'agents.whale',
      to: 'onchainMetrics.FlowInExUSD',
      lagMs: 0,
      sign: 1,
      mechanism: 'whale deposits before selling',
    },
    {
      from: 'onchainMetrics.FlowInExUSD',
      to: 'bars.close',
      lagMs: HOUR,
      sign: -1,
      mechanism: 'whale sells after deposit',
    },
    {
      from: 'bars.volume',
      to: 'onchainMetrics.TxCnt',
      lagMs: 0,
      sign: 1,
      mechanism: 'activity raises chain usage and gas',
    },
    {
      from: 'agents.mev',
      to: 'onchainMetrics.priority_fee_gwei',
      lagMs: 0,
      sign: 1,
      mechanism: 'sandwich bundles bid priority fees',
    },
    {
      from: 'bars.volume',
      to: 'optionsSummary.putVolume_over_callVolume',
      lagMs: HOUR,
      sign: 0,
      mechanism: 'hedging demand follows mood',
    },
    {
      from: 'bars.close',
      to: 'optionsSummary.impliedVol',
      lagMs: HOUR,
      sign: -1,
      mechanism: 'IV tracks realized vol (leverage effect)',
    },
  ];
}
