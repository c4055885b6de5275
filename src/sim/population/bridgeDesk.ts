import { Bridge } from '../chain/bridge.js';
import { Ledger } from '../chain/ledger.js';
import { toRaw } from './dex.js';

/** The bridged stablecoin and its decimals. */
const TOKEN = 'USDC';
const DEC = 6;
const SCALE = 10 ** DEC;

/**
 * Cross-chain transfers of the world: issue 3's lock-and-mint {@link Bridge} between Ethereum (home, escrow)
 * and an L2 (remote, wrapped USDC), each chain with its own token ledger. Senders bring USDC from outside on
 * Ethereum; transfers arrive after `delayMs`. Inflow is USD delivered to the L2, outflow USD delivered back to
 * Ethereum (DefiLlama bridges' per-chain convention), accumulated until the daily report reads and resets them.
 * Reference: the lock/mint design of canonical rollup bridges (Optimism StandardBridge).
 */
export class BridgeDesk {
  readonly bridge: Bridge;
  readonly home: Ledger;
  readonly remote: Ledger;
  /** USD delivered to the L2 / back to Ethereum since the last daily report. */
  inflowUsdDay = 0;
  outflowUsdDay = 0;
  /** Transfers started since the last daily report. */
  transfersDay = 0;

  constructor(
    readonly homeChain = 'ethereum',
    readonly remoteChain = 'arbitrum',
    delayMs = 10 * 60_000,
  ) {
    this.home = new Ledger(homeChain);
    this.remote = new Ledger(remoteChain);
    this.bridge = new Bridge(
      { chain: homeChain, ledger: this.home },
      { chain: remoteChain, ledger: this.remote },
      delayMs,
    );
  }

  /** Wrapped USDC `user` holds on the L2, USD. */
  remoteBalance(user: string): number {
    return Number(this.remote.balanceOf(this.bridge.wrapped(TOKEN), user)) / SCALE;
  }

  /**
   * `user` bridges `usd` to the L2 (`toRemote`) or back (capped by its wrapped balance).
   * @returns the USD sent
   */
  send(tsMs: number, user: string, usd: number, toRemote: boolean): number {
    this.deliver(tsMs);
    if (toRemote) {
      const raw = toRaw(usd, DEC);
      if (raw <= 0n) return 0;
      this.home.mint(TOKEN, user, raw);
      this.bridge.send(this.homeChain, user, TOKEN, raw, tsMs);
      this.transfersDay++;
      return Number(raw) / SCALE;
    }
    const have = this.remote.balanceOf(this.bridge.wrapped(TOKEN), user);
    let raw = toRaw(usd, DEC);
    if (raw > have) raw = have;
    if (raw <= 0n) return 0;
    this.bridge.send(this.remoteChain, user, this.bridge.wrapped(TOKEN), raw, tsMs);
    this.transfersDay++;
    return Number(raw) / SCALE;
  }

  /** Delivers transfers that arrived by `tsMs` on both chains and adds them to the day's flows. */
  deliver(tsMs: number): void {
    const w = this.bridge.wrapped(TOKEN);
    const supply0 = this.remote.supply(w);
    this.bridge.deliver(this.remoteChain, tsMs);
    this.inflowUsdDay += Number(this.remote.supply(w) - supply0) / SCALE;
    const escrow0 = this.home.balanceOf(TOKEN, this.bridge.escrow);
    this.bridge.deliver(this.homeChain, tsMs);
    this.outflowUsdDay += Number(escrow0 - this.home.balanceOf(TOKEN, this.bridge.escrow)) / SCALE;
  }

  /** USD locked in the bridge escrow (wrapped supply plus in flight). */
  lockedUsd(): number {
    return Number(this.home.balanceOf(TOKEN, this.bridge.escrow)) / SCALE;
  }
}
