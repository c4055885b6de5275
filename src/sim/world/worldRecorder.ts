import { BUY, SELL } from '../population/limitBook.js';
import { SIM_SOURCE } from '../population/venue.js';
import { barRecord } from './barAggregator.js';
import { compoundSupplyRate, morphoSupplyRate } from './protocolYields.js';
import type { AssetRuntime, World } from './world.js';

const MIN_MS = 60_000;
const HOUR_MS = 3_600_000;
const px = new Float64Array(64);
const qty = new Float64Array(64);

function levels(a: AssetRuntime, v: number, side: number, n: number): Array<[number, number]> {
  const venue = a.market.venues[v];
  const k = venue.book.depth(side, n, px, qty);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < k; i++) out.push([px[i] * venue.tickSize, qty[i]]);
  return out;
}

/** Minute-end records: 1m bars (spot A/B, perp), blocks, funding, quotes and book snapshots. */
export function writeMinute(w: World, tsOpen: number, minuteOfDay: number): void {
  const sink = w.sink;
  const rec = w.scenario.record;
  const endMs = tsOpen + MIN_MS;
  for (const a of w.assets) {
    const m = a.market;
    const chain = a.ctx.chain;
    chain.produceBlocks(endMs, w.view.activity, m.mid(), rec.blocks && chain.chain !== 'solana');
    if (chain.chain === 'solana') chain.hourTx += Math.round(2500 * 60 * w.view.activity);
    let spotVolA = 0;
    for (let v = 0; v < 2; v++) {
      const venue = m.venues[v];
      venue.closeBar(a.bar);
      if (a.bar[4] > 0 || v === 0) {
        sink.push('bars', barRecord(venue.venue, venue.symbol, '1m', tsOpen, a.bar));
        a.hourBars[v].add(a.bar);
        a.dayBars[v].add(a.bar);
      }
      if (v === 0) {
        const r = Math.log(a.bar[3] / a.prevClose);
        a.prevClose = a.bar[3];
        const r2 = r * r;
        m.varEwma += (r2 - m.varEwma) / 240;
        m.varBase += (r2 - m.varBase) / Math.min(10_080, w.minutes + 1);
        a.realizedVar24h += (r2 - a.realizedVar24h) / 1440;
        a.hourVolume += a.bar[4];
      }
      a.dayQuoteVolume += a.bar[5];
      if (v === 0) spotVolA = a.bar[4];
    }
    // Perpetual: index from spot mids, premium noise and natural decay, one-minute mark bar.
    const perp = a.perp;
    perp.index = 0.5 * (m.venues[0].mid() + m.venues[1].mid());
    perp.premium = perp.premium * 0.995 + 0.00004 * a.fRng.normal();
    perp.sample();
    const mark = perp.mark();
    const open = a.prevMark;
    a.bar[0] = open;
    a.bar[1] = Math.max(open, mark);
    a.bar[2] = Math.min(open, mark);
    a.bar[3] = mark;
    a.bar[4] = perp.volumeMinuteUsd / mark + 1.5 * spotVolA;
    a.bar[5] = a.bar[4] * mark;
    a.bar[6] = Math.round(a.bar[4] > 0 ? 1 + a.bar[4] * 10 : 0);
    sink.push('bars', barRecord('binance', perp.symbol, '1m', tsOpen, a.bar));
    a.hourBars[2].add(a.bar);
    a.dayBars[2].add(a.bar);
    perp.volumeMinuteUsd = 0;
    a.prevMark = mark;
    if ((minuteOfDay + 1) % 480 === 0) {
      sink.push('funding', {
        tsEvent: endMs,
        source: SIM_SOURCE,
        venue: 'binance',
        symbol: perp.symbol,
        rate: perp.settleFunding(),
        intervalMs: 8 * HOUR_MS,
        markPrice: mark,
      });
    }
    if ((minuteOfDay + 1) % rec.quotesEveryMin === 0) {
      for (let v = 0; v < 2; v++) {
        const venue = m.venues[v];
        const bid = venue.bid();
        const ask = venue.ask();
        if (!(bid > 0 && ask > bid)) continue;
        let bd = 0;
        let ad = 0;
        const kb = venue.book.depth(BUY, 10, px, qty);
        for (let i = 0; i < kb; i++) bd += qty[i];
        const ka = venue.book.depth(SELL, 10, px, qty);
        for (let i = 0; i < ka; i++) ad += qty[i];
        sink.push('quotes', {
          tsEvent: endMs,
          source: SIM_SOURCE,
          venue: venue.venue,
          symbol: venue.symbol,
          bidPrice: bid,
          bidSize: venue.book.qtyAt(venue.book.bestBid),
          askPrice: ask,
          askSize: venue.book.qtyAt(venue.book.bestAsk),
          bidDepth: bd,
          askDepth: ad,
          depthLevels: 10,
        });
      }
    }
    if ((minuteOfDay + 1) % rec.booksEveryMin === 0) {
      for (let v = 0; v < 2; v++) {
        const bids = levels(a, v, BUY, 20);
        const asks = levels(a, v, SELL, 20);
        if (bids.length && asks.length && bids[0][0] < asks[0][0]) {
          sink.push('bookSnapshots', {
            tsEvent: endMs,
            source: SIM_SOURCE,
            venue: m.venues[v].venue,
            symbol: m.venues[v].symbol,
            bids,
            asks,
          });
        }
      }
    }
  }
}

/** Hour-end records: 1h bars, sentiment indices, OI, basis, options, on-chain, DeFi and pool state. */
export function writeHourly(
  w: World,
  hourOpen: number,
  newsCount: number,
  upgrades: number,
  etfUsd: number,
): void {
  const sink = w.sink;
  const ts = hourOpen + HOUR_MS;
  const view = w.view;
  const lead = w.assets[0];
  w.indices.hour({
    logReturn: Math.log(lead.market.mid() / lead.hourOpenMid),
    volume: lead.hourVolume,
    mood: view.mood,
    newsCount,
    upgrades,
  });
  const idx = (index: string, subject: string, value: number) =>
    sink.push('indexSeries', { tsEvent: ts, source: SIM_SOURCE, index, subject, value });
  idx('fear_greed', 'crypto', w.indices.fearGreed);
  idx('search_trends', lead.market.spec.symbol, w.indices.searchInterest);
  idx('dev_activity', 'crypto', w.indices.devActivity);
  idx('etf_net_flow_usd', lead.market.spec.symbol, etfUsd);
  for (const a of w.assets) {
    const m = a.market;
    const mid = m.mid();
    for (const b of a.hourBars) b.flush(hourOpen, sink);
    const perp = a.perp;
    const oi = perp.openInterest();
    sink.push('openInterest', {
      tsEvent: ts,
      source: SIM_SOURCE,
      venue: 'binance',
      symbol: perp.symbol,
      openInterest: oi,
      openInterestUsd: oi * perp.mark(),
    });
    sink.push('basis', {
      tsEvent: ts,
      source: SIM_SOURCE,
      venue: 'binance',
      symbol: perp.symbol,
      basis: perp.mark() / perp.index - 1,
      futuresPrice: perp.mark(),
      spotPrice: perp.index,
      annualized: false,
    });
    a.future.hour(ts, perp.index, view.policyRate, perp.lastFunding, view.mood);
    a.options.hour(ts, Math.sqrt(a.realizedVar24h * 525_600), view.mood, view.activity);
    a.realizedPrice += (mid - a.realizedPrice) / (24 * 180);
    a.ctx.lending.accrueTo(ts);
    for (const pool of [a.ctx.pool, a.ctx.v3]) {
      if (!pool) continue;
      sink.push('poolReserves', {
        tsEvent: ts,
        source: SIM_SOURCE,
        chain: a.ctx.chain.chain,
        venue: pool.venue,
        pool: pool.pool,
        token0: pool.token0,
        token1: 'USDC',
        reserve0: pool.reserve0(),
        reserve1: pool.reserve1(),
        blockNumber: a.ctx.chain.blockNumber,
      });
    }
    m.logMidHourAgo = Math.log(mid);
    a.hourOpenMid = mid;
    a.hourVolume = 0;
  }
}

/**
 * Day-end records with the metric names of the factor catalogue (Coin Metrics / DefiLlama style): on-chain
 * activity, fees, flows, valuation, staking, chain-specific (gas or hash rate, mempool), lending and DEX
 * state, developer and community indices. `tsEvent` is the day's start (the value covers that UTC day).
 */
export function writeDaily(w: World, dayOpen: number, day: DailyState): void {
  const sink = w.sink;
  const ts = dayOpen;
  const idx = (index: string, subject: string, value: number) =>
    sink.push('indexSeries', { tsEvent: ts, source: SIM_SOURCE, index, subject, value });
  // Discrete events as daily counts (index series `event_<name>`), known when the day closes.
  const ev = (name: string, subject: string, value: number) =>
    sink.push('indexSeries', {
      tsEvent: ts,
      tsInit: ts + 86_400_000,
      source: SIM_SOURCE,
      index: `event_${name}`,
      subject,
      value,
    });
  idx('dev_commits', 'crypto', Math.round(w.indices.devActivity * 4));
  idx('dev_releases', 'crypto', day.upgrades);
  idx('dev_active_developers', 'crypto', Math.round(w.indices.devActivity * 1.6));
  idx('dev_active_repos', 'crypto', Math.round(w.indices.devActivity * 0.9));
  day.community += Math.round(200 * w.indices.searchInterest);
  idx('community_members', 'crypto', day.community);
  idx('corporate_treasury_holdings', w.assets[0].market.spec.symbol, day.treasury);
  const all = {
    tvl: 0,
    lendingTvl: 0,
    borrowed: 0,
    liquidated: 0,
    atRisk: 0,
    dexVolume: 0,
    flash: 0,
    aaveFees: 0,
    aaveRevenue: 0,
  };
  for (const a of w.assets) {
    const m = a.market;
    const spec = m.spec;
    const px = m.mid();
    const c = a.ctx.chain;
    idx('cex_spot_volume_usd', spec.symbol, a.dayQuoteVolume);
    a.dayQuoteVolume = 0;
    const om = (metric: string, value: number) => {
      if (Number.isFinite(value)) {
        sink.push('onchainMetrics', {
          tsEvent: ts,
          source: SIM_SOURCE,
          chain: c.chain,
          asset: spec.symbol,
          metric,
          value,
        });
      }
    };
    const feesUsd = c.hourFeesNative * px;
    om('TxCnt', c.hourTx);
    om('AdrActCnt', Math.round(c.hourTx * 0.45));
    om('FeeTotUSD', feesUsd);
    om('FeeMedUSD', c.hourTx > 0 ? (0.6 * feesUsd) / c.hourTx : Number.NaN);
    om('FlowInExUSD', c.hourInflow * px);
    om('FlowOutExUSD', c.hourOutflow * px);
    om('exchange_reserve', c.exchangeBalance);
    om('whale_tx_count', c.hourWhale);
    om('whale_tx_volume_usd', (c.hourInflow + c.hourOutflow) * px);
    om('TxTfrValAdjUSD', c.hourTransferUsd);
    om('TxTfrValAdjNtv', c.hourTransferUsd / px);
    om('SplyCur', c.supply);
    om('CapMrktCurUSD', px * c.supply);
    om('CapRealUSD', a.realizedPrice * c.supply);
    om('BlkCnt', c.hourBlocks);
    const ai = w.assets.indexOf(a);
    ev('upgrade', spec.symbol, day.chainUpgrades[ai]);
    day.chainUpgrades[ai] = 0;
    om('holder_gini', 0.88 + 0.02 * Math.tanh(w.view.mood));
    om('cdd', c.supply * 0.002 * (1 + 20 * Math.abs(Math.log(px / a.realizedPrice))));
    om('utxo_age_1y_share', 0.6 - 0.1 * Math.tanh(Math.log(px / a.realizedPrice)));
    if (c.stakingRatio > 0) {
      om('staked_supply', c.stakingRatio * c.supply);
      om(
        'validator_count',
        Math.round((c.stakingRatio * c.supply) / (spec.chain === 'ethereum' ? 32 : 10_000)),
      );
    }
    if (c.eip1559) {
      const perBlockGas = c.hourBlocks ? c.dayGas / c.hourBlocks : 0;
      om('base_fee_gwei', Number(c.baseFee) / 1e9);
      om('priority_fee_gwei', c.hourBlocks ? 1.5 + c.hourPriority / c.hourBlocks : 1.5);
      om('gas_used', perBlockGas);
      om('gas_limit', Number(c.gasLimit));
      om('contract_call_count', Math.round(c.hourTx * 0.6));
      // Block size from the day's transactions per block (about 800 bytes each, calldata included); the public
      // mempool grows with activity and its tip percentiles with the MEV bundles' priority bids (gwei).
      om('BlkSizeMeanByte', c.hourBlocks ? (c.hourTx / c.hourBlocks) * 800 : Number.NaN);
      const tip = c.hourBlocks ? 1.5 + c.hourPriority / c.hourBlocks : 1.5;
      const pendingTx = Math.round(3000 * w.view.activity);
      om('mempool_tx_count', pendingTx);
      om('mempool_size_bytes', pendingTx * 800);
      om('mempool_fee_p50', tip);
      om('mempool_fee_p90', tip * (2 + w.view.activity));
    } else if (spec.chain === 'bitcoin') {
      const hashEh = 600 * (px / 60_000) ** 0.3;
      om('hash_rate', hashEh);
      om('difficulty', (hashEh * 1e18 * 600) / 2 ** 32);
      om('BlkSizeMeanByte', c.hourBlocks ? Math.min(4e6, (c.hourTx / c.hourBlocks) * 500) : Number.NaN);
      const pending = Math.round(20_000 * w.view.activity);
      om('mempool_tx_count', pending);
      om('mempool_size_bytes', pending * 400);
      om('mempool_fee_p50', 5 * w.view.activity);
      om('mempool_fee_p90', 20 * w.view.activity);
      om('nakamoto_coefficient', 3);
      om('top_pool_share', 0.3);
      om('fund_reserve', day.fundReserve);
    }
    c.hourTx = c.hourFeesNative = c.hourInflow = c.hourOutflow = c.hourWhale = c.hourTransferUsd = 0;
    c.hourBlocks = c.hourPriority = c.dayGas = 0;
    const l = a.ctx.lending;
    const dm = (protocol: string, metric: string, value: number) =>
      sink.push('defiMetrics', {
        tsEvent: ts,
        source: SIM_SOURCE,
        protocol,
        chain: 'ethereum',
        asset: spec.symbol,
        metric,
        value,
      });
    let atRisk = 0;
    for (let i = 0; i < l.nBorrowers; i++) if (l.health(i, px * 0.9) < 1) atRisk += l.debtOf(i);
    dm('aave', 'lending_tvl_usd', l.supplied + l.collateral * px);
    dm('aave', 'tvl_usd', l.supplied + l.collateral * px);
    dm('aave', 'supply_rate', l.supplyRate());
    dm('aave', 'borrow_rate', l.borrowRate());
    dm('aave', 'utilization', l.utilization());
    dm('aave', 'borrowed_usd', l.borrowed);
    dm('aave', 'liquidations_usd', l.liquidationsUsdHour);
    dm('aave', 'liquidation_at_risk_10pct_usd', atRisk);
    dm('aave', 'revenue_usd', (l.borrowed * l.borrowRate() * l.reserveFactor) / 365);
    dm('aave', 'fees_usd', (l.borrowed * l.borrowRate()) / 365);
    all.aaveFees += (l.borrowed * l.borrowRate()) / 365;
    all.aaveRevenue += (l.borrowed * l.borrowRate() * l.reserveFactor) / 365;
    // Competing lending markets priced off the desk's own utilization and rates.
    dm('compound', 'supply_rate', compoundSupplyRate(l.utilization()));
    dm('morpho', 'supply_rate', morphoSupplyRate(l.supplyRate(), l.borrowRate(), l.utilization()));
    all.lendingTvl += l.supplied + l.collateral * px;
    all.borrowed += l.borrowed;
    all.liquidated += l.liquidationsUsdHour;
    all.atRisk += atRisk;
    dm('aave', 'bad_debt_usd', l.badDebtUsdDay);
    l.liquidationsUsdHour = 0;
    l.badDebtUsdDay = 0;
    const pools = [a.ctx.pool, a.ctx.v3].filter((p) => p !== undefined);
    if (pools.length > 0) {
      let tvl = 0;
      let r0 = 0;
      let r1 = 0;
      let vol = 0;
      let fees = 0;
      let flash = 0;
      for (const p of pools) {
        const v0 = p.reserve0() * px;
        const v1 = p.reserve1();
        tvl += v0 + v1;
        r0 += v0;
        r1 += v1;
        vol += p.volumeUsdHour;
        fees += p.feesUsdHour;
        flash += p.flashUsdDay;
        all.flash += p.flashUsdDay;
        p.volumeUsdHour = p.feesUsdHour = p.flashUsdDay = 0;
      }
      all.tvl += tvl;
      all.dexVolume += vol;
      dm('uniswap', 'price_usd', pools[0].price());
      dm('uniswap', 'tvl_usd', tvl);
      dm('uniswap', 'reserve0_usd', r0);
      dm('uniswap', 'reserve1_usd', r1);
      dm('uniswap', 'volume_usd', vol);
      dm('uniswap', 'fees_usd', fees);
      dm('uniswap', 'flash_loan_volume_usd', flash);
    }
  }
  all.tvl += all.lendingTvl;
  const agg = (protocol: string, metric: string, value: number) =>
    sink.push('defiMetrics', {
      tsEvent: ts,
      source: SIM_SOURCE,
      protocol,
      chain: 'all',
      asset: '',
      metric,
      value,
    });
  agg('all', 'tvl_usd', all.tvl);
  agg('all', 'lending_tvl_usd', all.lendingTvl);
  agg('all', 'borrowed_usd', all.borrowed);
  agg('all', 'liquidations_usd', all.liquidated);
  agg('all', 'liquidation_at_risk_10pct_usd', all.atRisk);
  agg('all', 'volume_usd', all.dexVolume);
  agg('all', 'flash_loan_volume_usd', all.flash);
  // The lending protocol across its markets (DefiLlama fees/revenue: all chains and versions).
  agg('aave', 'fees_usd', all.aaveFees);
  agg('aave', 'revenue_usd', all.aaveRevenue);
  // Bridge flows of the L2 (DefiLlama bridges convention): delivered to it, delivered back to Ethereum.
  const b = w.bridge;
  b.deliver(ts);
  agg('all', 'bridge_inflow_usd', b.inflowUsdDay);
  agg('all', 'bridge_outflow_usd', b.outflowUsdDay);
  agg('all', 'bridge_net_usd', b.inflowUsdDay - b.outflowUsdDay);
  agg('all', 'bridge_locked_usd', b.lockedUsd());
  b.inflowUsdDay = b.outflowUsdDay = 0;
  b.transfersDay = 0;
  // The lending protocol's governance token (market cap moves with the protocol's TVL).
  agg('aave', 'mcap_usd', 0.6 * all.lendingTvl);
  // Governance of the lending protocol: turnout of the proposals closed today (written on close days only).
  const gov = w.governance.endDay(ts, w.assets[0].market.mid(), w.view.mood);
  if (gov.closed > 0) {
    agg('aave', 'gov_votes_cast', gov.votesCast);
    agg('aave', 'gov_voting_supply', gov.votingSupply);
    agg('aave', 'gov_top10_vote_share', gov.top10Share);
  }
  // Daily governance lifecycle counts of the market's lending protocol (events: 0 on a day without any).
  ev('exploit', 'crypto', day.exploits);
  ev('exploit_loss_usd', 'crypto', day.exploitLossUsd);
  day.exploits = day.exploitLossUsd = 0;
  ev('governance_proposal', 'crypto', gov.submitted);
  ev('governance_closed', 'crypto', gov.closed);
  ev('governance_passed', 'crypto', gov.passed);
  ev('governance_executed', 'crypto', gov.executed);
  ev('governance_execution_delay_days', 'crypto', gov.executionDelayDays);
  day.upgrades = 0;
}

/** World-level day accumulators for {@link writeDaily}. */
export interface DailyState {
  upgrades: number;
  /** Scheduled protocol upgrades activated today, per asset (chain), in `World.assets` order. */
  chainUpgrades: number[];
  /** Hacks/exploits reported today (news) and their stolen funds, USD. */
  exploits: number;
  exploitLossUsd: number;
  community: number;
  /** Corporate treasury holdings of the lead asset (units). */
  treasury: number;
  /** Fund (ETF) reserves of the lead asset (units). */
  fundReserve: number;
}
