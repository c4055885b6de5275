import { Rng } from '../../math/rng.js';
import type { AgentContext, PopulationAgent } from '../population/agent.js';
import { AssetMarket, type WorldView } from '../population/assetMarket.js';
import { accountSlots, buildPopulation } from '../population/buildPopulation.js';
import { ChainState } from '../population/chain.js';
import { BridgeDesk } from '../population/bridgeDesk.js';
import { V2Dex, V3Dex } from '../population/dex.js';
import { LendingDesk } from '../population/lending.js';
import { BUY, SELL } from '../population/limitBook.js';
import { Mempool } from '../population/mempool.js';
import { PerpMarket } from '../population/perpMarket.js';
import type { RecordSink } from '../population/recordSink.js';
import { WakeHeap } from '../population/wakeHeap.js';
import { ScenarioError } from '../../errors/simWorld.js';
import { BarAggregator } from './barAggregator.js';
import { type CausalEdge, defaultCausalGraph } from './causalGraph.js';
import { MacroProcess } from './macro.js';
import { type NewsEvent, NewsStream } from './news.js';
import { DatedFuture } from './datedFuture.js';
import { OptionsDesk } from './optionsDesk.js';
import { MARKET_REGIMES, type MarketRegimeLabel, DEFAULT_REGIME_EFFECTS, RegimeChain } from './regimes.js';
import type { Scenario } from './scenario.js';
import { SentimentIndices } from './sentimentIndices.js';
import { GovernanceDao } from './governance.js';
import { type DailyState, writeDaily, writeHourly, writeMinute } from './worldRecorder.js';

const MIN_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const DAY_NS = 86_400 * 1e9;

/** One asset's simulated markets and bookkeeping. */
/** Mean gap between scheduled protocol upgrades of one chain, ms (about four a year). */
const UPGRADE_MEAN_MS = 90 * DAY_MS;

export interface AssetRuntime {
  ctx: AgentContext;
  market: AssetMarket;
  perp: PerpMarket;
  options: OptionsDesk;
  /** Quarterly dated future on the perp's market (hourly `basis` records with an expiry). */
  future: DatedFuture;
  /** Hour and day aggregators for [venue A spot, venue B spot, perp]. */
  hourBars: BarAggregator[];
  dayBars: BarAggregator[];
  /** Scratch minute bar. */
  bar: Float64Array;
  prevClose: number;
  prevMark: number;
  hourOpenMid: number;
  hourVolume: number;
  realizedVar24h: number;
  /** Slow EWMA of price (a realized-price proxy for MVRV). */
  realizedPrice: number;
  /** Quote volume of both spot venues since the day began. */
  dayQuoteVolume: number;
  fRng: Rng;
}

/** Ground truth of a run: hidden regimes, latent fundamentals, labelled news and the causal graph. */
export interface GroundTruth {
  startMs: number;
  /** Regime label of each simulated hour, oldest first. */
  regimes: MarketRegimeLabel[];
  /** Latent fundamental price (USDT) of each asset at each hour's end. */
  fundamentals: Record<string, number[]>;
  /** Every news item and social post with its label. */
  news: NewsEvent[];
  causalGraph: CausalEdge[];
}

/**
 * The default crypto world: exogenous macro, hidden regimes and news drive a background agent population
 * trading on two CEXs, a DEX pool, a lending market and perpetuals per asset; every record kind of the data
 * schemas goes to a {@link RecordSink}. Discrete-event inside each minute (nanosecond wake-ups from a heap),
 * bars at 1m/1h/1d, hourly news/sentiment/on-chain/DeFi, daily macro and option chains. Step it in-process
 * (RL environments) with {@link World.stepMinute} or run whole days with {@link World.runDays}.
 *
 * @example
 * const world = new World(loadScenario('default'), 42, new MemorySink());
 * world.runDays(1);
 */
export class World {
  readonly startMs: number;
  /** Ethereum <-> L2 bridge (issue 3's lock-and-mint Bridge); its users live on the first Ethereum asset. */
  readonly bridge = new BridgeDesk();
  /** Minutes simulated so far. */
  minutes = 0;
  readonly assets: AssetRuntime[] = [];
  readonly view: WorldView;
  readonly regimes: RegimeChain;
  readonly macro: MacroProcess;
  readonly indices = new SentimentIndices();
  private readonly news: NewsStream;
  private readonly heap = new WakeHeap(4096);
  private readonly agents: PopulationAgent[] = [];
  private readonly agentAsset: number[] = [];
  private dayStartMs: number;
  private minuteOfDay = 0;
  private readonly fRng: Rng;
  private readonly pending: NewsEvent[] = [];
  private hourNews = 0;
  private hourUpgrades = 0;
  private hourEtfUsd = 0;
  private newsBoost = 0;
  private macroMovePerMin = new Float64Array(0);
  private readonly shocksDone: boolean[];
  private eventSeq = 0;
  private cpiLevel = 310;
  private vix = 15;
  private readonly truth: GroundTruth;
  /** Token governance of the lending protocol (proposals, turnout). */
  readonly governance: GovernanceDao;
  /** Next scheduled protocol upgrade (hard fork) activation of each asset's chain, UTC ms. */
  private readonly upgradeAt: number[] = [];
  private readonly upgradeRng: Rng;
  private readonly daily: DailyState = {
    upgrades: 0,
    chainUpgrades: [],
    exploits: 0,
    exploitLossUsd: 0,
    community: 2_000_000,
    treasury: 400_000,
    fundReserve: 900_000,
  };

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
    readonly sink: RecordSink,
  ) {
    const root = new Rng(seed);
    this.startMs = Date.parse(`${scenario.start}T00:00:00Z`);
    if (!Number.isFinite(this.startMs)) throw new ScenarioError('start', `not a date: ${scenario.start}`);
    this.dayStartMs = this.startMs;
    this.fRng = root.fork('fundamental');
    this.regimes = new RegimeChain(
      root.fork('regime'),
      undefined,
      MARKET_REGIMES.indexOf(scenario.initialRegime),
    );
    this.macro = new MacroProcess(root.fork('macro'));
    this.governance = new GovernanceDao(root.fork('governance'), this.startMs);
    this.upgradeRng = root.fork('upgrades');
    this.news = new NewsStream(
      root.fork('news'),
      scenario.assets.map((a) => a.symbol),
    );
    this.news.impact = scenario.params.newsImpact;
    const eff = DEFAULT_REGIME_EFFECTS[this.regimes.state];
    this.view = {
      mood: eff.mood,
      activity: 1,
      policyRate: this.macro.get('policy_rate'),
      nowMs: this.startMs,
      leverageMult: 1,
    };
    this.shocksDone = scenario.shocks.map(() => false);
    this.truth = {
      startMs: this.startMs,
      regimes: [],
      fundamentals: {},
      news: [],
      causalGraph: defaultCausalGraph(),
    };
    const p = scenario.params;
    const counts = scenario.population;
    let bridged = false;
    for (const spec of scenario.assets) {
      const aRng = root.fork(`asset-${spec.symbol}`);
      const slots = accountSlots(counts);
      const market = new AssetMarket(spec, slots, sink);
      for (const v of market.venues) v.recordTrades = scenario.record.trades;
      const chainKind = spec.chain === 'ethereum' ? 'eth' : spec.chain === 'bitcoin' ? 'btc' : 'other';
      const chain = new ChainState(
        spec.chain,
        chainKind === 'eth' ? 12_000 : chainKind === 'btc' ? 600_000 : MIN_MS,
        chainKind === 'eth',
        chainKind === 'btc' ? 19_700_000 : chainKind === 'eth' ? 120_000_000 : 580_000_000,
        aRng.fork('chain'),
        sink,
        this.startMs,
      );
      const perp = new PerpMarket(`${spec.symbol}/USDT:USDT`, spec.price, counts.leveraged);
      const lending = new LendingDesk(spec.symbol, counts.borrowers, spec.price, this.startMs);
      const pool = spec.dex
        ? new V2Dex(
            `0xpool${spec.symbol.toLowerCase()}usdc`,
            spec.symbol,
            spec.price,
            80_000_000,
            chain,
            sink,
          )
        : undefined;
      const v3 = spec.dex
        ? new V3Dex(
            `0xv3pool${spec.symbol.toLowerCase()}usdc`,
            spec.symbol,
            spec.price,
            40_000_000,
            0.3,
            chain,
            sink,
          )
        : undefined;
      const ctx: AgentContext = {
        market,
        view: this.view,
        perp,
        lending,
        chain,
        pool,
        v3,
        mempool: pool ? new Mempool() : undefined,
        bridge: spec.chain === 'ethereum' && !bridged ? this.bridge : undefined,
      };
      if (ctx.bridge) bridged = true;
      const sym = `${spec.symbol}/USDT`;
      const mk = (iv: string) => [
        new BarAggregator('binance', sym, iv),
        new BarAggregator('coinbase', sym, iv),
        new BarAggregator('binance', perp.symbol, iv),
      ];
      const rt: AssetRuntime = {
        ctx,
        market,
        perp,
        options: new OptionsDesk(spec.symbol, aRng.fork('options'), sink),
        future: new DatedFuture(perp.symbol, aRng.fork('dated-future'), sink),
        hourBars: mk('1h'),
        dayBars: mk('1d'),
        bar: new Float64Array(9),
        prevClose: spec.price,
        prevMark: spec.price,
        hourOpenMid: spec.price,
        hourVolume: 0,
        realizedVar24h: (0.03 * 0.03) / 1440,
        realizedPrice: spec.price * 0.8,
        dayQuoteVolume: 0,
        fRng: aRng.fork('idio'),
      };
      const ai = this.assets.length;
      this.assets.push(rt);
      this.upgradeAt.push(this.startMs + Math.round(this.upgradeRng.exponential(1 / UPGRADE_MEAN_MS)));
      this.daily.chainUpgrades.push(0);
      this.truth.fundamentals[spec.symbol] = [];
      const pop = buildPopulation(ctx, counts, p, aRng.fork('population'), sink);
      for (const { agent, firstNs } of pop) {
        this.heap.push(firstNs, this.agents.length);
        this.agents.push(agent);
        this.agentAsset.push(ai);
      }
    }
    this.macroMovePerMin = new Float64Array(this.assets.length);
  }

  /** Number of background agents. */
  get agentCount(): number {
    return this.agents.length;
  }

  /** Current simulated time, UTC ms. */
  get nowMs(): number {
    return this.startMs + this.minutes * MIN_MS;
  }

  /** Index of an asset by symbol. @throws {ScenarioError} when unknown. */
  assetIndex(symbol: string): number {
    const i = this.assets.findIndex((a) => a.market.spec.symbol === symbol);
    if (i < 0)
      throw new ScenarioError(
        'asset',
        `unknown asset "${symbol}" (have ${this.assets.map((a) => a.market.spec.symbol).join(', ')})`,
      );
    return i;
  }

  /** Mid price (USDT) of an asset on `binance`. */
  mid(symbol: string): number {
    return this.assets[this.assetIndex(symbol)].market.mid();
  }

  /**
   * Market order of the external (RL) agent, account id 0, on venue 0 (`binance`) or 1.
   * @returns base quantity filled (fees and slippage are real: it walks the book).
   */
  marketOrder(symbol: string, side: 'buy' | 'sell', qty: number, venue = 0): number {
    const a = this.assets[this.assetIndex(symbol)];
    a.market.venues[venue].nowMs = this.nowMs;
    return a.market.market(venue, 0, side === 'buy' ? BUY : SELL, qty);
  }

  /** External agent's holdings on a venue: base units and USDT. */
  position(symbol: string, venue = 0): { base: number; quote: number } {
    const v = this.assets[this.assetIndex(symbol)].market.venues[venue];
    return { base: v.base[0], quote: v.quote[0] };
  }

  /** Runs `days` whole days; `onDay(dayIndex)` is called after each. */
  runDays(days: number, onDay?: (day: number) => void): void {
    const n = Math.round(days * 1440);
    for (let i = 0; i < n; i++) {
      this.stepMinute();
      if (onDay && this.minuteOfDay === 0) onDay(this.minutes / 1440);
    }
  }

  /** Advances the world by one minute. */
  stepMinute(): void {
    const m = this.minuteOfDay;
    if (m === 0) this.dayBegin();
    if (m % 60 === 0) this.hourBegin();
    this.updateFundamentals();
    const endNs = (m + 1) * 60e9;
    const heap = this.heap;
    const dayStart = this.dayStartMs;
    while (heap.peekTime() < endNs) {
      const t = heap.peekTime();
      const g = heap.pop();
      const ms = dayStart + Math.floor(t / 1e6);
      this.view.nowMs = ms;
      const ai = this.agentAsset[g];
      const vs = this.assets[ai].market.venues;
      vs[0].nowMs = ms;
      vs[1].nowMs = ms;
      heap.push(t + this.agents[g].wake(t), g);
    }
    const endMs = dayStart + (m + 1) * MIN_MS;
    this.view.nowMs = endMs;
    this.applyNews(endMs);
    writeMinute(this, dayStart + m * MIN_MS, m);
    this.minutes++;
    this.minuteOfDay++;
    if (this.minuteOfDay % 60 === 0) {
      writeHourly(this, endMs - HOUR_MS, this.hourNews, this.hourUpgrades, this.hourEtfUsd);
      this.hourNews = this.hourUpgrades = this.hourEtfUsd = 0;
      this.truth.regimes.push(this.regimes.label);
      for (const a of this.assets)
        this.truth.fundamentals[a.market.spec.symbol].push(Math.exp(a.market.logFundamental));
    }
    if (this.minuteOfDay === 1440) this.dayEnd();
  }

  /** Ground truth so far (regimes, fundamentals, news labels, causal graph). */
  groundTruth(): GroundTruth {
    return this.truth;
  }

  private dayBegin(): void {
    const day = this.macro.step();
    const reg = this.regimes.state;
    const p = this.scenario.params;
    const ts = this.dayStartMs;
    for (let i = 0; i < this.assets.length; i++) {
      const beta = this.assets[i].market.spec.beta;
      this.macroMovePerMin[i] =
        (beta * (p.equityBeta[reg] * day.equityReturn + p.dxyBeta[reg] * day.dxyReturn)) / 1440;
    }
    if (Number.isFinite(day.cpiSurprise)) this.news.macro(ts + 13.5 * HOUR_MS, day.cpiSurprise, this.pending);
    if (Number.isFinite(day.rateSurprise)) this.news.macro(ts + 19 * HOUR_MS, day.rateSurprise, this.pending);
    this.view.policyRate = this.macro.get('policy_rate');
    // FRED-style series ids (the factor catalogue's names); CPIAUCSL is an index level compounding CPI YoY.
    const v = this.macro.values;
    this.cpiLevel *= (1 + v[5]) ** (1 / 365);
    this.vix += 0.1 * (100 * Math.sqrt(252) * Math.abs(day.equityReturn) * 1.25 + 4 - this.vix);
    const series: Array<[string, number]> = [
      ['DFF', v[0]],
      ['DXY', v[1]],
      ['SPX', v[2]],
      ['NDX', v[2] * 4.3],
      ['DGS10', v[3]],
      ['DGS2', v[4]],
      ['CPIAUCSL', this.cpiLevel],
      ['T10YIE', 0.6 * v[5] + 0.008],
      ['VIX', this.vix],
      ['GOLD_USD', v[6]],
      ['WTI', v[7]],
    ];
    for (const [id, value] of series)
      this.sink.push('macroSeries', { tsEvent: ts, source: 'cwm-sim', series: id, value });
    this.pending.sort((a, b) => a.ts - b.ts);
  }

  private hourBegin(): void {
    const ts = this.dayStartMs + this.minuteOfDay * MIN_MS;
    const prev = this.regimes.state;
    this.regimes.step();
    this.applyShocks(ts);
    const eff = DEFAULT_REGIME_EFFECTS[this.regimes.state];
    if (this.regimes.state !== prev) this.view.mood += 0.3 * (eff.mood - this.view.mood);
    this.view.mood += 0.08 * (eff.mood - this.view.mood);
    this.view.mood = Math.max(-1, Math.min(1, this.view.mood));
    this.news.hour(ts, this.view.mood, eff.activityMult, this.pending);
    this.scheduledUpgrades(ts);
    this.pending.sort((a, b) => a.ts - b.ts);
  }

  /**
   * Scheduled protocol upgrades (hard forks) activating within the hour starting at `ts`: each is announced as
   * protocol-upgrade news about its asset and counted for the chain's daily `upgrade` metric; the next
   * activation of that chain is drawn (exponential gaps, mean {@link UPGRADE_MEAN_MS}).
   */
  private scheduledUpgrades(ts: number): void {
    for (let i = 0; i < this.assets.length; i++) {
      while (this.upgradeAt[i] < ts + HOUR_MS) {
        const at = Math.max(ts, this.upgradeAt[i]);
        const size = 0.1 + 0.3 * this.upgradeRng.uniform();
        this.pending.push(this.news.make(at, 'protocol_upgrade', 1, size, this.assets[i].market.spec.symbol));
        this.daily.chainUpgrades[i]++;
        this.upgradeAt[i] += Math.max(DAY_MS, Math.round(this.upgradeRng.exponential(1 / UPGRADE_MEAN_MS)));
      }
    }
  }

  private applyShocks(ts: number): void {
    const sc = this.scenario.shocks;
    for (let i = 0; i < sc.length; i++) {
      if (this.shocksDone[i]) continue;
      const s = sc[i];
      const at = this.startMs + s.day * DAY_MS;
      if (at >= ts + HOUR_MS) continue;
      this.shocksDone[i] = true;
      const t = Math.max(ts, Math.round(at));
      const lead = this.assets[0];
      switch (s.kind) {
        case 'news':
          this.pending.push(this.news.make(t, s.category, s.sign, s.size, s.asset));
          break;
        case 'regime':
          this.regimes.force(MARKET_REGIMES.indexOf(s.regime));
          break;
        case 'rate':
          this.macro.values[0] = Math.max(0, this.macro.values[0] + s.bps / 1e4);
          this.view.policyRate = this.macro.values[0];
          this.pending.push(
            this.news.make(t, 'macro_surprise', s.bps > 0 ? -1 : 1, Math.min(1, Math.abs(s.bps) / 75)),
          );
          break;
        case 'depeg': {
          const e = this.news.make(t, 'hack_exploit', -1, Math.min(1, s.depth * 8), 'USDT');
          this.pending.push(e);
          // Prices quoted in a depegged stablecoin rise by 1/(1 - depth).
          for (const a of this.assets) {
            a.market.logFundamental -= Math.log(1 - s.depth);
            a.ctx.lending.lenderRun(3 * s.depth);
          }
          this.view.mood = Math.max(-1, this.view.mood - 0.5);
          break;
        }
        case 'hack': {
          this.pending.push(
            this.news.make(t, 'hack_exploit', -1, Math.min(1, s.lossUsd / 5e8), lead.market.spec.symbol),
          );
          const q = s.lossUsd / lead.market.mid();
          lead.ctx.chain.transaction(t, `${s.venue}_hot`, '0xattacker', q);
          lead.ctx.chain.hourOutflow += q;
          lead.ctx.chain.exchangeBalance -= q;
          this.view.mood = Math.max(-1, this.view.mood - 0.4);
          break;
        }
        case 'leverage':
          this.view.leverageMult = s.factor;
          break;
      }
    }
  }

  private applyNews(endMs: number): void {
    while (this.pending.length && this.pending[0].ts < endMs) {
      const e = this.pending.shift() as NewsEvent;
      this.truth.news.push(e);
      this.hourNews++;
      this.governance.onNews(e.category, e.size);
      if (e.category === 'protocol_upgrade') {
        this.hourUpgrades++;
        this.daily.upgrades++;
      }
      if (e.category === 'hack_exploit') {
        this.daily.exploits++;
        // stolen funds grow with the event size (a size-1 exploit is a nine-figure loss)
        this.daily.exploitLossUsd += 2e8 * e.size * e.size;
      }
      if (e.category === 'etf_flows') {
        this.hourEtfUsd += e.sign * e.size * 2e9;
        this.daily.fundReserve = Math.max(
          0,
          this.daily.fundReserve + (e.sign * e.size * 2e9) / this.assets[0].market.mid(),
        );
      }
      if (e.category === 'institutional_adoption')
        this.daily.treasury = Math.max(0, this.daily.treasury + e.sign * e.size * 20_000);
      this.view.mood = Math.max(-1, Math.min(1, this.view.mood + 0.5 * e.sign * e.size));
      this.newsBoost += e.size;
      for (const a of this.assets) {
        const own = a.market.spec.symbol === e.asset;
        a.market.logFundamental += e.beliefShift * (own ? 1 : 0.4 * a.market.spec.beta);
      }
      this.sink.push('textEvents', {
        tsEvent: e.ts,
        source: 'cwm-sim',
        eventId: `sim-${this.seed}-${++this.eventSeq}`,
        category: e.source === 'social' ? 'social' : e.category === 'regulatory' ? 'regulatory' : 'news',
        text: e.text,
        title: e.source === 'news' ? e.text : undefined,
        tags: [e.category, e.asset],
        label: e.label,
        score: e.sign * e.size,
      });
    }
  }

  private updateFundamentals(): void {
    const eff = DEFAULT_REGIME_EFFECTS[this.regimes.state];
    const p = this.scenario.params;
    const zc = this.fRng.normal();
    // Mixture of distributions (Clark, 1973): information arrives with participation, so the fundamental's
    // diffusion scales with the square root of agent activity (relative to the regime's own level).
    const volScale = Math.sqrt(this.view.activity / eff.activityMult);
    const sq = 1 / Math.sqrt(1440);
    let ratio = 0;
    for (let i = 0; i < this.assets.length; i++) {
      const a = this.assets[i];
      const s = a.market.spec;
      const jump = a.fRng.uniform() < (p.jumpsPerDay * eff.volMult) / 1440 ? p.jumpSd * a.fRng.normal() : 0;
      a.market.logFundamental +=
        jump +
        eff.driftPerYear / 525_600 +
        this.macroMovePerMin[i] +
        eff.volMult * volScale * sq * (s.beta * p.commonVolDaily * zc + s.idioVolDaily * a.fRng.normal());
      ratio += a.market.varEwma / a.market.varBase;
    }
    ratio /= this.assets.length;
    this.newsBoost *= 0.99;
    const fb = Math.min(3, Math.max(0.5, ratio ** (p.volFeedback / 2)));
    this.view.activity = eff.activityMult * fb * (1 + Math.min(3, this.newsBoost));
  }

  private dayEnd(): void {
    const ts = this.dayStartMs;
    writeDaily(this, ts, this.daily);
    for (const a of this.assets) {
      for (const b of a.dayBars) b.flush(ts, this.sink);
      const mid = a.market.mid();
      a.options.chain(ts + DAY_MS - MIN_MS, mid, this.view.policyRate, this.view.mood);
    }
    this.dayStartMs += DAY_MS;
    this.minuteOfDay = 0;
    this.heap.shift(DAY_NS);
  }
}
