import { BUY, SELL } from '../population/limitBook.js';
import { SIM_SOURCE } from '../population/venue.js';
import { barRecord } from './barAggregator.js';
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
    }
    // Perpetual: index from spot mids, premium noise and natural decay, one-minute mark bar.
    const perp = a.perp;
    const spotVol = a.bar[4];
    perp.index = 0.5 * (m.venues[0].mid() + m.venues[1].mid());
    perp.premium = perp.premium * 0.995 + 0.00004 * a.fRng.normal();
    perp.sample();
    const mark = perp.mark();
    const open = a.prevMark;
    a.bar[0] = open;
    a.bar[1] = Math.max(open, mark);
    a.bar[2] = Math.min(open, mark);
    a.bar[3] = mark;
    a.bar[4] = perp.volumeMinuteUsd / mark + 1.5 * spotVol;
    a.bar[5] = a.bar[4] * mark;
    a.bar[6] = Math.round(a.bar[4] > 0 ? 1 + a.bar[4] * 10 : 0);
    sink.push('bars', barRecord('sim_cex_a', perp.symbol, '1m', tsOpen, a.bar));
    a.hourBars[2].add(a.bar);
    a.dayBars[2].add(a.bar);
    perp.volumeMinuteUsd = 0;
    a.prevMark = mark;
    if ((minuteOfDay + 1) % 480 === 0) {
      sink.push('funding', {
        tsEvent: endMs,
        source: SIM_SOURCE,
        venue: 'sim_cex_a',
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
    const spec = m.spec;
    const mid = m.mid();
    for (const b of a.hourBars) b.flush(hourOpen, sink);
    const perp = a.perp;
    const oi = perp.openInterest();
    sink.push('openInterest', {
      tsEvent: ts,
      source: SIM_SOURCE,
      venue: 'sim_cex_a',
      symbol: perp.symbol,
      openInterest: oi,
      openInterestUsd: oi * perp.mark(),
    });
    sink.push('basis', {
      tsEvent: ts,
      source: SIM_SOURCE,
      venue: 'sim_cex_a',
      symbol: perp.symbol,
      basis: perp.mark() / perp.index - 1,
      futuresPrice: perp.mark(),
      spotPrice: perp.index,
      annualized: false,
    });
    a.options.hour(ts, Math.sqrt(a.realizedVar24h * 525_600), view.mood, view.activity);
    const c = a.ctx.chain;
    a.realizedPrice += (mid - a.realizedPrice) / (24 * 180);
    const mcap = mid * c.supply;
    const om = (metric: string, value: number) =>
      sink.push('onchainMetrics', {
        tsEvent: ts,
        source: SIM_SOURCE,
        chain: c.chain,
        asset: spec.symbol,
        metric,
        value,
      });
    om('tx_count', c.hourTx);
    om('active_addresses', Math.round(c.hourTx * 0.45));
    om('fees_native', c.hourFeesNative);
    om('exchange_inflow', c.hourInflow);
    om('exchange_outflow', c.hourOutflow);
    om('exchange_netflow', c.hourInflow - c.hourOutflow);
    om('exchange_reserve', c.exchangeBalance);
    om('whale_transfers', c.hourWhale);
    om('transfer_volume_usd', c.hourTransferUsd);
    om('market_cap_usd', mcap);
    om('mvrv', mid / a.realizedPrice);
    if (c.hourTransferUsd > 0) om('nvt', mcap / (24 * c.hourTransferUsd));
    if (c.stakingRatio > 0) om('staking_ratio', c.stakingRatio);
    if (c.eip1559) {
      om('base_fee_gwei', Number(c.baseFee) / 1e9);
      om('priority_fee_gwei', c.hourBlocks ? 1.5 + c.hourPriority / c.hourBlocks : 1.5);
    }
    c.hourTx = c.hourFeesNative = c.hourInflow = c.hourOutflow = c.hourWhale = c.hourTransferUsd = 0;
    c.hourBlocks = c.hourPriority = 0;
    const l = a.ctx.lending;
    l.accrue(1 / 8760);
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
    dm('sim_lend', 'tvl_usd', l.supplied + l.collateral * mid);
    dm('sim_lend', 'supply_rate', l.supplyRate());
    dm('sim_lend', 'borrow_rate', l.borrowRate());
    dm('sim_lend', 'utilization', l.utilization());
    dm('sim_lend', 'borrowed_usd', l.borrowed);
    dm('sim_lend', 'liquidations_usd', l.liquidationsUsdHour);
    l.liquidationsUsdHour = 0;
    perp.liquidationsUsdHour = 0;
    const pool = a.ctx.pool;
    if (pool) {
      dm('sim_dex', 'tvl_usd', 2 * pool.reserve1);
      dm('sim_dex', 'volume_usd', pool.volumeUsdHour);
      dm('sim_dex', 'fees_usd', pool.feesUsdHour);
      pool.volumeUsdHour = pool.feesUsdHour = 0;
      sink.push('poolReserves', {
        tsEvent: ts,
        source: SIM_SOURCE,
        chain: c.chain,
        venue: 'sim_dex',
        pool: pool.pool,
        token0: pool.token0,
        token1: 'USDC',
        reserve0: pool.reserve0,
        reserve1: pool.reserve1,
        blockNumber: c.blockNumber,
      });
    }
    m.logMidHourAgo = Math.log(mid);
    a.hourOpenMid = mid;
    a.hourVolume = 0;
  }
}
