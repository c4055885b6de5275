import { SimInputError } from '../errors/sim.js';
import { V2Pair } from './amm/v2Pair.js';
import { Chain } from './chain/chain.js';
import { toWad } from './lending/rateModel.js';
import { LendingMarket } from './lending/lendingMarket.js';
import { IvSurface } from './derivatives/ivSurface.js';
import { OptionsVenue } from './derivatives/optionsVenue.js';
import { PerpVenue } from './derivatives/perpVenue.js';
import { Exchange } from './exchange.js';
import { type AgentHandle, Kernel, NS_PER_MS, PairLatency, type SimAgent } from './kernel.js';
import { BUY, SELL, type Side } from './orderTypes.js';
import { MemorySink } from './recordSink.js';

/** Options of the mechanics scenario. */
export interface MechanicsScenarioOptions {
  seed: number;
  /** Simulated duration, ms (default 1 hour). */
  durationMs?: number;
  /** Noise traders (default 250). */
  noiseTraders?: number;
  /** Market makers (default 10). */
  marketMakers?: number;
  /** On-chain users (default 40). */
  chainUsers?: number;
  /** Epoch ms of simulated time 0 (default 2024-01-01). */
  startMs?: number;
}

/** What a scenario run produced. */
export interface MechanicsScenarioResult {
  sink: MemorySink;
  events: number;
  agents: number;
  /** The venues, for inspection and invariant checks after the run. */
  venues: {
    exchange: Exchange;
    perp: PerpVenue;
    chain: Chain;
    lending: LendingMarket;
    options: OptionsVenue;
  };
}

type Order = {
  venue: 'spot' | 'perp';
  kind: 'limit' | 'market' | 'cancelAll';
  side: Side;
  ticks: number;
  lots: number;
};

const SPOT = 'BTC/USDT';
const E18 = 10n ** 18n;
const E6 = 10n ** 6n;

/**
 * A one-hour multi-venue scenario on the mechanics alone (no world model): an index price following a
 * geometric random walk; market makers and noise traders on a spot exchange and a perpetual whose orders
 * reach the venue as kernel messages after per-pair latency (makers co-located); on-chain users swapping on a
 * Uniswap v2 pool, transferring to an exchange and using a lending market, with EIP-1559 blocks every 12 s;
 * a dealer options venue. Every venue writes its records to one `MemorySink`. Same seed, same bytes.
 * @throws SimInputError for non-positive sizes
 */
export function runMechanicsScenario(opts: MechanicsScenarioOptions): MechanicsScenarioResult {
  const durationMs = opts.durationMs ?? 3_600_000;
  const nNoise = opts.noiseTraders ?? 250;
  const nMakers = opts.marketMakers ?? 10;
  const nChain = opts.chainUsers ?? 40;
  if (!(durationMs > 0) || nNoise < 0 || nMakers < 1 || nChain < 0)
    throw new SimInputError(
      'mechanicsScenario',
      'options',
      'need durationMs > 0, marketMakers >= 1, counts >= 0',
    );
  const startMs = opts.startMs ?? Date.UTC(2024, 0, 1);
  const sink = new MemorySink();
  const latency = new PairLatency(2 * NS_PER_MS);
  const kernel = new Kernel({ seed: opts.seed, startMs, latency });
  const clock = () => kernel.nowMs;
  const ex = new Exchange({ venue: 'simx', sink, clockMs: clock, barIntervals: ['1m'] });
  const inst = ex.addInstrument({
    symbol: SPOT,
    venue: 'simx',
    pricePrecision: 1,
    tickSize: 0.1,
    sizePrecision: 3,
    lotSize: 0.001,
    makerFee: 0.0001,
    takerFee: 0.0005,
    baseDecimals: 8,
    quoteDecimals: 6,
    book: { minPriceTicks: 400_000, levels: 400_000 },
  });
  const perp = new PerpVenue(
    {
      symbol: 'BTC/USDT:USDT',
      venue: 'simx',
      pricePrecision: 1,
      tickSize: 0.1,
      sizePrecision: 3,
      lotSize: 0.001,
      makerFee: 0.0002,
      takerFee: 0.0005,
      sink,
      book: { minPriceTicks: 400_000, levels: 400_000 },
      insuranceFund: 1e6,
    },
    startMs,
  );
  const chain = new Chain({
    name: 'ethereum',
    sink,
    rng: kernel.rng.fork('chain'),
    exchangeAddresses: ['0xsimx'],
    tokenDecimals: { USDC: 6 },
  });
  const lending = new LendingMarket('0xlend', chain.ledger);
  const options = new OptionsVenue(
    'simopt',
    'BTC',
    new IvSurface({ atmShort: 0.65, atmLong: 0.55, termDecayYears: 0.25, skew: -0.04, smile: 0.08 }),
    sink,
  );
  let index = 60_000;

  // --- genesis on chain (lending time is epoch seconds, as the chain passes it)
  const startSec = Math.floor(startMs / 1000);
  const L = chain.ledger;
  L.mint('USDC', '0xlp', 120_000_000n * E6);
  L.mint('WETH', '0xlp', 40_000n * E18);
  const pair = new V2Pair('WETH/USDC');
  chain.addV2Pool('0xpairweth', pair, 'WETH', 'USDC');
  chain.seedV2('0xpairweth', '0xlp', 20_000n * E18, 60_000_000n * E6);
  const rm = { baseRate: toWad(0.01), multiplier: toWad(0.1), jumpMultiplier: toWad(2), kink: toWad(0.8) };
  const reserve = {
    liquidationThreshold: toWad(0.83),
    liquidationBonus: toWad(0.05),
    reserveFactor: toWad(0.1),
    rateModel: rm,
  };
  lending.listReserve(
    { token: 'WETH', decimals: 18, collateralFactor: toWad(0.8), ...reserve },
    3000,
    startSec,
  );
  lending.listReserve(
    {
      token: 'USDC',
      decimals: 6,
      ...reserve,
      collateralFactor: toWad(0.85),
      liquidationThreshold: toWad(0.88),
    },
    1,
    startSec,
  );
  chain.setLendingMarket(lending);
  lending.supply('0xlp', 'USDC', 50_000_000n * E6, startSec);
  for (let i = 0; i < 8; i++) {
    L.mint('ETH', `0xval${i}`, 64n * E18);
    chain.submit(
      {
        from: `0xval${i}`,
        gasLimit: 100_000n,
        maxFeePerGas: 100n * 10n ** 9n,
        maxPriorityFeePerGas: 10n ** 9n,
        call: { type: 'stake', amount: 32n * E18 * BigInt(1 + (i % 2)) },
      },
      0,
    );
  }
  const expiry = startMs + 7 * 86_400_000;
  const strikes = [50_000, 55_000, 60_000, 65_000, 70_000];
  for (const k of strikes) {
    options.list(k, expiry, 'call');
    options.list(k, expiry, 'put');
  }

  // --- the venue agent: receives orders as messages
  const venue: SimAgent = {
    name: 'venue',
    onMessage(_k, _me, from, msg) {
      const o = msg as Order;
      try {
        if (o.venue === 'spot') {
          if (o.kind === 'cancelAll') clearOrders(makerOrders.get(from), (id) => ex.cancel(id));
          else if (o.kind === 'market') ex.placeMarket(from, SPOT, o.side, o.lots);
          else {
            const id = ex.placeLimit(from, SPOT, o.side, o.ticks, o.lots);
            if (ex.book(SPOT).has(id)) pushOrder(from, id);
          }
        } else if (o.kind === 'cancelAll') clearOrders(makerPerpOrders.get(from), (id) => perp.cancel(id));
        else if (o.kind === 'market') perp.placeMarket(from, o.side, o.lots);
        else {
          const id = perp.placeOrder(from, o.side, o.ticks, o.lots);
          if (perp.book.has(id)) pushPerp(from, id);
        }
      } catch (e) {
        if (!(e instanceof Error) || !/free|margin|insufficient|outside the ladder/.test(e.message)) throw e;
      }
    },
  };
  const clearOrders = (ids: number[] | undefined, cancel: (id: number) => void) => {
    if (!ids) return;
    for (const id of ids) cancel(id);
    ids.length = 0;
  };
  const makerOrders = new Map<number, number[]>();
  const makerPerpOrders = new Map<number, number[]>();
  const pushOrder = (o: number, id: number) => {
    const l = makerOrders.get(o);
    if (l) l.push(id);
  };
  const pushPerp = (o: number, id: number) => {
    const l = makerPerpOrders.get(o);
    if (l) l.push(id);
  };
  const venueH = kernel.addAgent(venue);

  // --- the clock agent: index random walk, perp updates, quotes, blocks, metrics
  let blockDue = startMs + 12_000;
  const clockAgent: SimAgent = {
    name: 'clock',
    onStart: (k, me) => k.wakeAt(me.id, 1000 * NS_PER_MS),
    onWakeup(k, me, now) {
      index *= Math.exp(0.0001 * me.rng.normal());
      const ms = k.nowMs;
      perp.update(ms, index);
      ex.advanceBars();
      if (now % (10_000 * NS_PER_MS) === 0) ex.emitQuote(SPOT);
      if (now % (60_000 * NS_PER_MS) === 0) {
        ex.emitBook(SPOT, 10);
        options.emit(index, ms);
        chain.emitMetrics(ms);
        lending.setPrice('WETH', index / 20);
        lending.accrueAll(Math.floor(ms / 1000));
        lending.emitMetrics(sink, 'sim_lending', 'ethereum', ms);
        perp.emitQuote();
        perp.emitOpenInterest();
      }
      if (ms >= blockDue) {
        chain.produceBlock(ms);
        blockDue += 12_000;
      }
      if (now + 1000 * NS_PER_MS <= durationMs * NS_PER_MS) k.wakeAt(me.id, now + 1000 * NS_PER_MS);
    },
  };
  kernel.addAgent(clockAgent);

  // --- market makers (co-located: 100 us to the venue)
  for (let m = 0; m < nMakers; m++) {
    const h = kernel.addAgent(makerAgent(m));
    latency.set(h.id, venueH.id, 100_000);
    makerOrders.set(h.id, []);
    makerPerpOrders.set(h.id, []);
    ex.deposit(h.id, 'USDT', 50_000_000 * 1e6);
    ex.deposit(h.id, 'BTC', 1000 * 1e8);
    perp.deposit(h.id, 5_000_000);
  }
  function makerAgent(m: number): SimAgent {
    const periodNs = (1500 + 250 * m) * NS_PER_MS;
    return {
      name: `maker-${m}`,
      onStart: (k, me) => k.wakeAt(me.id, periodNs),
      onWakeup(k, me, now) {
        const send = (o: Order) => k.send(me.id, venueH.id, o);
        send({ venue: 'spot', kind: 'cancelAll', side: BUY, ticks: 0, lots: 0 });
        send({ venue: 'perp', kind: 'cancelAll', side: BUY, ticks: 0, lots: 0 });
        const mid = inst.makePrice(index) + me.rng.int(5) - 2;
        const half = 2 + me.rng.int(5) + m;
        for (let l = 0; l < 3; l++) {
          const lots = 50 + me.rng.int(200);
          send({ venue: 'spot', kind: 'limit', side: BUY, ticks: mid - half - 10 * l, lots });
          send({ venue: 'spot', kind: 'limit', side: SELL, ticks: mid + half + 10 * l, lots });
          send({ venue: 'perp', kind: 'limit', side: BUY, ticks: mid - half - 10 * l + 5, lots });
          send({ venue: 'perp', kind: 'limit', side: SELL, ticks: mid + half + 10 * l + 5, lots });
        }
        k.wakeAt(me.id, now + periodNs);
      },
    };
  }

  // --- noise traders: Poisson arrivals, market or limit orders on spot or perp
  for (let i = 0; i < nNoise; i++) {
    const h = kernel.addAgent(noiseAgent(i));
    makerOrders.set(h.id, []);
    makerPerpOrders.set(h.id, []);
    ex.deposit(h.id, 'USDT', 2_000_000 * 1e6);
    ex.deposit(h.id, 'BTC', 20 * 1e8);
    perp.deposit(h.id, 200_000);
    options.deposit(h.id, 100_000);
  }
  function noiseAgent(i: number): SimAgent {
    const meanGapMs = 15_000 + (i % 7) * 5_000;
    const next = (k: Kernel, me: AgentHandle) =>
      k.wakeAt(me.id, k.now + Math.max(1, Math.round(me.rng.exponential(1 / meanGapMs) * NS_PER_MS)));
    return {
      name: `noise-${i}`,
      onStart: next,
      onWakeup(k, me) {
        // a noise trader's previous resting orders expire at its next decision
        k.send(me.id, venueH.id, {
          venue: 'spot',
          kind: 'cancelAll',
          side: BUY,
          ticks: 0,
          lots: 0,
        } satisfies Order);
        k.send(me.id, venueH.id, {
          venue: 'perp',
          kind: 'cancelAll',
          side: BUY,
          ticks: 0,
          lots: 0,
        } satisfies Order);
        const side: Side = me.rng.uniform() < 0.5 ? BUY : SELL;
        const lots = 1 + Math.floor(me.rng.exponential(1 / 30));
        const v = me.rng.uniform() < 0.6 ? 'spot' : 'perp';
        const u = me.rng.uniform();
        if (u < 0.35)
          k.send(me.id, venueH.id, { venue: v, kind: 'market', side, ticks: 0, lots } satisfies Order);
        else if (u < 0.97) {
          const off = Math.round(me.rng.exponential(1 / 40));
          const ticks = inst.makePrice(index) + (side === BUY ? -off : off);
          k.send(me.id, venueH.id, { venue: v, kind: 'limit', side, ticks, lots } satisfies Order);
        } else {
          const names = [...options.series.keys()];
          options.trade(
            me.id,
            names[me.rng.int(names.length)],
            me.rng.uniform() < 0.5 ? 1 : -1,
            index,
            k.nowMs,
          );
        }
        next(k, me);
      },
    };
  }

  // --- on-chain users: swaps, exchange deposits, lending
  for (let i = 0; i < nChain; i++) {
    const addr = `0xuser${i}`;
    L.mint('ETH', addr, 50n * E18);
    L.mint('USDC', addr, 200_000n * E6);
    L.mint('WETH', addr, 20n * E18);
    kernel.addAgent(chainAgent(addr));
  }
  function chainAgent(addr: string): SimAgent {
    const next = (k: Kernel, me: AgentHandle) =>
      k.wakeAt(me.id, k.now + Math.max(1, Math.round(me.rng.exponential(1 / 90_000) * NS_PER_MS)));
    return {
      name: `chain-${addr}`,
      onStart: next,
      onWakeup(k, me) {
        const u = me.rng.uniform();
        const tip = BigInt(1 + me.rng.int(3)) * 10n ** 9n;
        const base = {
          from: addr,
          gasLimit: 300_000n,
          maxFeePerGas: chain.baseFee * 2n + tip,
          maxPriorityFeePerGas: tip,
        };
        if (u < 0.5) {
          const zeroForOne = me.rng.uniform() < 0.5;
          const amountIn = zeroForOne
            ? (BigInt(1 + me.rng.int(5)) * E18) / 10n
            : BigInt(100 + me.rng.int(5000)) * E6;
          chain.submit(
            { ...base, call: { type: 'swapV2', pool: '0xpairweth', zeroForOne, amountIn, minOut: 1n } },
            k.nowMs,
          );
        } else if (u < 0.75) {
          chain.submit(
            {
              ...base,
              call: { type: 'transfer', to: '0xsimx', amount: (BigInt(1 + me.rng.int(10)) * E18) / 10n },
            },
            k.nowMs,
          );
        } else if (u < 0.9) {
          chain.submit(
            { ...base, call: { type: 'lend', action: 'supply', token: 'WETH', amount: E18 } },
            k.nowMs,
          );
        } else {
          chain.submit(
            { ...base, call: { type: 'lend', action: 'borrow', token: 'USDC', amount: 1000n * E6 } },
            k.nowMs,
          );
        }
        next(k, me);
      },
    };
  }

  kernel.run(durationMs * NS_PER_MS);
  ex.flushBars();
  return {
    sink,
    events: kernel.eventsProcessed,
    agents: nNoise + nMakers + nChain + 2,
    venues: { exchange: ex, perp, chain, lending, options },
  };
}
