import { SimInputError } from '../../errors/sim.js';
import type { Ledger } from './ledger.js';

interface InFlight {
  fromChain: string;
  toChain: string;
  recipient: string;
  token: string;
  amount: bigint;
  arrivalMs: number;
}

/** Endpoint of a bridge on one chain. */
export interface BridgeEndpoint {
  chain: string;
  ledger: Ledger;
}

/**
 * Lock-and-mint bridge between a home chain and a remote chain. Sending home -> remote locks the token in the
 * escrow address on home and, after `delayMs`, mints `wrapped(token)` (`<token>.<home>`) on remote; sending back
 * burns the wrapped token on remote and, after the delay, releases escrow on home.
 * Invariant (`checkBacking`): escrow(home) = wrapped supply(remote) + amount in flight either way (outbound
 * transfers are locked but not yet minted; returns are burned but not yet released).
 * Reference: the lock/mint design of canonical rollup bridges (e.g. Optimism StandardBridge), without proofs.
 */
export class Bridge {
  readonly escrow = '0xbridge';
  private readonly queue: InFlight[] = [];

  constructor(
    readonly home: BridgeEndpoint,
    readonly remote: BridgeEndpoint,
    readonly delayMs: number,
  ) {
    if (!(delayMs >= 0)) throw new SimInputError('bridge', 'delayMs', `must be >= 0, got ${delayMs}`);
  }

  /** Name of the wrapped token on the remote chain. */
  wrapped(token: string): string {
    return `${token}.${this.home.chain}`;
  }

  /**
   * Starts a transfer of `amount` from `sender` on `fromChain` (home or remote) to the same address on the other
   * chain: locks (home) or burns (remote) now, delivers after the delay (`deliver`).
   * @throws SimInputError for a chain this bridge does not connect
   */
  send(fromChain: string, sender: string, token: string, amount: bigint, nowMs: number): void {
    if (fromChain === this.home.chain) {
      this.home.ledger.transfer(token, sender, this.escrow, amount);
      this.queue.push({
        fromChain,
        toChain: this.remote.chain,
        recipient: sender,
        token,
        amount,
        arrivalMs: nowMs + this.delayMs,
      });
    } else if (fromChain === this.remote.chain) {
      const home = token.endsWith(`.${this.home.chain}`)
        ? token.slice(0, -this.home.chain.length - 1)
        : token;
      this.remote.ledger.burn(this.wrapped(home), sender, amount);
      this.queue.push({
        fromChain,
        toChain: this.home.chain,
        recipient: sender,
        token: home,
        amount,
        arrivalMs: nowMs + this.delayMs,
      });
    } else throw new SimInputError('bridge', 'fromChain', `${fromChain} is not connected by this bridge`);
  }

  /** Delivers every transfer to `chain` that has arrived by `nowMs`; returns how many. */
  deliver(chain: string, nowMs: number): number {
    let n = 0;
    for (let i = 0; i < this.queue.length; ) {
      const f = this.queue[i];
      if (f.toChain === chain && f.arrivalMs <= nowMs) {
        if (chain === this.remote.chain)
          this.remote.ledger.mint(this.wrapped(f.token), f.recipient, f.amount);
        else this.home.ledger.transfer(f.token, this.escrow, f.recipient, f.amount);
        this.queue.splice(i, 1);
        n++;
      } else i++;
    }
    return n;
  }

  /** Amount of `token` in flight in either direction. */
  inFlight(token: string): bigint {
    let s = 0n;
    for (const f of this.queue) if (f.token === token) s += f.amount;
    return s;
  }

  /** Checks escrow(home) = wrapped supply(remote) + in flight. */
  checkBacking(token: string): boolean {
    const escrow = this.home.ledger.balanceOf(token, this.escrow);
    return escrow === this.remote.ledger.supply(this.wrapped(token)) + this.inFlight(token);
  }
}
