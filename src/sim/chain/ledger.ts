import { SimInputError, SimStateError } from '../../errors/sim.js';

/** Moves token balances between addresses; implemented by `Ledger` (and by the chain, which journals it). */
export interface TokenLedger {
  /** Balance of `owner` in `token` (raw units). */
  balanceOf(token: string, owner: string): bigint;
  /** Moves `amount` from `from` to `to`. @throws SimStateError on insufficient balance */
  transfer(token: string, from: string, to: string, amount: bigint): void;
}

/**
 * Token balances in exact bigint raw units, keyed by (token, address), with explicit `mint` and `burn` as the
 * only ways supply changes, and a journal so that a failed transaction can be rolled back (EVM revert).
 * Conservation: for every token, the sum of balances equals minted - burned (`checkConservation`).
 */
export class Ledger implements TokenLedger {
  private readonly balances = new Map<string, Map<string, bigint>>();
  private readonly minted = new Map<string, bigint>();
  private readonly burned = new Map<string, bigint>();
  private journal: [Map<string, bigint>, string, bigint | undefined][] | undefined;

  constructor(readonly name: string) {}

  balanceOf(token: string, owner: string): bigint {
    return this.balances.get(token)?.get(owner) ?? 0n;
  }

  transfer(token: string, from: string, to: string, amount: bigint): void {
    if (amount < 0n) throw new SimInputError(this.name, 'amount', `negative transfer ${amount} of ${token}`);
    if (amount === 0n || from === to) {
      if (this.balanceOf(token, from) < amount)
        throw new SimStateError(
          this.name,
          `${from} has ${this.balanceOf(token, from)} ${token}, needs ${amount}`,
        );
      return;
    }
    const b = this.book(token);
    const fb = b.get(from) ?? 0n;
    if (fb < amount) throw new SimStateError(this.name, `${from} has ${fb} ${token}, needs ${amount}`);
    this.set(b, from, fb - amount);
    this.set(b, to, (b.get(to) ?? 0n) + amount);
  }

  /** Creates `amount` of `token` at `to` (issuance, bridge mint, faucet). */
  mint(token: string, to: string, amount: bigint): void {
    if (amount < 0n) throw new SimInputError(this.name, 'amount', `negative mint ${amount}`);
    const b = this.book(token);
    this.set(b, to, (b.get(to) ?? 0n) + amount);
    this.bump(this.minted, token, amount);
  }

  /** Destroys `amount` of `token` held by `from` (base-fee burn, bridge burn). */
  burn(token: string, from: string, amount: bigint): void {
    const b = this.book(token);
    const fb = b.get(from) ?? 0n;
    if (fb < amount) throw new SimStateError(this.name, `burn: ${from} has ${fb} ${token}, needs ${amount}`);
    this.set(b, from, fb - amount);
    this.bump(this.burned, token, amount);
  }

  /** Total minted minus burned of `token`. */
  supply(token: string): bigint {
    return (this.minted.get(token) ?? 0n) - (this.burned.get(token) ?? 0n);
  }

  /** Total burned of `token`. */
  burnedOf(token: string): bigint {
    return this.burned.get(token) ?? 0n;
  }

  /** Sum of all balances of `token`. */
  sumBalances(token: string): bigint {
    let s = 0n;
    for (const v of this.balances.get(token)?.values() ?? []) s += v;
    return s;
  }

  /** Tokens that ever had a balance. */
  tokens(): string[] {
    return [...this.balances.keys()];
  }

  /** Holders of `token` with a non-zero balance. */
  holders(token: string): [string, bigint][] {
    return [...(this.balances.get(token)?.entries() ?? [])].filter(([, v]) => v > 0n);
  }

  /** Whether every token's balances sum to minted - burned. */
  checkConservation(): boolean {
    for (const t of this.balances.keys()) if (this.sumBalances(t) !== this.supply(t)) return false;
    return true;
  }

  /** Starts recording changes (for rollback). Nested calls are not supported. */
  begin(): void {
    this.journal = [];
  }

  /** Keeps the changes since `begin`. */
  commit(): void {
    this.journal = undefined;
  }

  /** Undoes every change since `begin` (mint/burn totals included). */
  rollback(): void {
    const j = this.journal;
    this.journal = undefined;
    if (!j) return;
    for (let i = j.length - 1; i >= 0; i--) {
      const [m, k, old] = j[i];
      if (old === undefined) m.delete(k);
      else m.set(k, old);
    }
  }

  private book(token: string): Map<string, bigint> {
    let b = this.balances.get(token);
    if (!b) {
      b = new Map();
      this.balances.set(token, b);
    }
    return b;
  }

  private set(m: Map<string, bigint>, k: string, v: bigint): void {
    this.journal?.push([m, k, m.get(k)]);
    m.set(k, v);
  }

  private bump(m: Map<string, bigint>, token: string, amount: bigint): void {
    this.journal?.push([m, token, m.get(token)]);
    m.set(token, (m.get(token) ?? 0n) + amount);
  }
}
