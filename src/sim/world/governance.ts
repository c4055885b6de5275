import type { Rng } from '../../math/rng.js';

/** Voting period of a proposal, ms (Aave governance: 3 days). */
const VOTING_MS = 3 * 86_400_000;
/** Baseline proposal arrivals per day without news. */
const BASE_PROPOSALS_PER_DAY = 0.15;
/** Circulating voting supply of the governance token (tokens). */
const VOTING_SUPPLY = 16_000_000;
/** Quorum: votes for must reach this share of the voting supply (Aave short executor: 2%). */
const QUORUM = 0.02;
/** Execution timelock after a passed vote, ms (Aave short executor: 1 day). */
const TIMELOCK_MS = 86_400_000;

/** What the proposals closed during one day produced. */
export interface GovernanceDay {
  /** Proposals whose vote closed that day. */
  closed: number;
  /** Tokens voting on them (sum over the closed proposals). */
  votesCast: number;
  /** Circulating voting supply (tokens). */
  votingSupply: number;
  /** Share of the closed proposals' votes cast by the 10 largest voters (vote-weighted mean). */
  top10Share: number;
  /** Proposals submitted that day. */
  submitted: number;
  /** Closed proposals that passed (quorum met and majority for). */
  passed: number;
  /** Passed proposals executed that day (after the timelock). */
  executed: number;
  /** Sum over the executed proposals of days from vote close to execution. */
  executionDelayDays: number;
}

/**
 * Token governance of the world's lending protocol: proposals arrive as a Poisson process whose rate rises with
 * protocol-upgrade and hack news; each votes for 3 days. Turnout follows attention: it grows with the size of
 * the price move and of the news over the voting window and with the absolute market mood (voters turn out in
 * excitement and in stress), with lognormal noise; whales (top 10 voters) hold a fixed block of votes, so their
 * share falls as retail turnout rises. The share of votes for a proposal rises with the market mood; a proposal
 * passes with a majority for and votes for above quorum, then executes after a timelock plus a random
 * guardian/keeper delay, unless the mood is so poor that it is cancelled.
 * Reference: Fritsch, Müller & Wattenhofer (2022), "Analyzing Voting Power in Decentralized Governance"
 * (arXiv:2204.01176); Barbereau et al. (2022), HICSS (typical turnout of a few percent of supply).
 */
export class GovernanceDao {
  private closeMs: number[] = [];
  private attention: number[] = [];
  private newsRate = 0;
  private lastPrice = Number.NaN;
  /** Passed proposals waiting for execution: vote close time, earliest execution time. */
  private queuedClose: number[] = [];
  private queuedReady: number[] = [];

  constructor(
    private readonly rng: Rng,
    startMs: number,
  ) {
    // a proposal already in its voting period when the world starts, closing during the first day
    this.closeMs.push(startMs + Math.floor(0.5 * 86_400_000));
    this.attention.push(0);
  }

  /** A news item: upgrades and exploits prompt proposals; every item adds to open proposals' attention. */
  onNews(category: string, size: number): void {
    if (category === 'protocol_upgrade' || category === 'hack_exploit') this.newsRate += 2 * size;
    for (let i = 0; i < this.attention.length; i++) this.attention[i] += size;
  }

  /**
   * Closes the day starting at `dayOpenMs`: submits the day's proposals and tallies those whose vote ends
   * before the day's end. `price` is the lead asset's price at the day's end, `mood` the market mood (-1..1).
   */
  endDay(dayOpenMs: number, price: number, mood: number): GovernanceDay {
    const dayEnd = dayOpenMs + 86_400_000;
    const move = Number.isFinite(this.lastPrice) ? Math.abs(Math.log(price / this.lastPrice)) : 0;
    this.lastPrice = price;
    for (let i = 0; i < this.attention.length; i++) this.attention[i] += 10 * move;
    const out: GovernanceDay = {
      closed: 0,
      votesCast: 0,
      votingSupply: VOTING_SUPPLY,
      top10Share: Number.NaN,
      submitted: 0,
      passed: 0,
      executed: 0,
      executionDelayDays: 0,
    };
    for (let i = this.queuedReady.length - 1; i >= 0; i--) {
      if (this.queuedReady[i] >= dayEnd) continue;
      if (mood > -0.8) {
        out.executed++;
        out.executionDelayDays += (this.queuedReady[i] - this.queuedClose[i]) / 86_400_000;
      }
      this.queuedReady.splice(i, 1);
      this.queuedClose.splice(i, 1);
    }
    const whales = 0.035 * VOTING_SUPPLY;
    let whaleVotes = 0;
    for (let i = this.closeMs.length - 1; i >= 0; i--) {
      if (this.closeMs[i] >= dayEnd) continue;
      const turnout = Math.min(
        0.6,
        0.02 * (1 + this.attention[i] + 2 * Math.abs(mood)) * Math.exp(0.3 * this.rng.normal()),
      );
      const votes = whales + turnout * VOTING_SUPPLY;
      const forShare = Math.min(1, Math.max(0, 0.7 + 0.2 * mood + 0.2 * this.rng.normal()));
      if (forShare > 0.5 && forShare * votes >= QUORUM * VOTING_SUPPLY) {
        out.passed++;
        this.queuedClose.push(this.closeMs[i]);
        this.queuedReady.push(
          this.closeMs[i] + TIMELOCK_MS + Math.floor(this.rng.exponential(1 / 43_200_000)),
        );
      }
      out.closed++;
      out.votesCast += votes;
      whaleVotes += whales;
      this.closeMs.splice(i, 1);
      this.attention.splice(i, 1);
    }
    if (out.closed > 0) out.top10Share = whaleVotes / out.votesCast;
    const n = this.rng.poisson(BASE_PROPOSALS_PER_DAY + this.newsRate);
    this.newsRate *= 0.5;
    for (let k = 0; k < n; k++) {
      this.closeMs.push(dayOpenMs + Math.floor(this.rng.uniform() * 86_400_000) + VOTING_MS);
      this.attention.push(0);
    }
    out.submitted = n;
    return out;
  }
}
