import { TxRevertedError } from '../../errors/sim.js';
import type { Rng } from '../../math/rng.js';

/** Address credited when no validator has stake. */
export const DEFAULT_PROPOSER = '0xcoinbase';

/**
 * Validators and their native stake; block proposers are drawn with probability proportional to stake
 * (as proof-of-stake proposer selection, without committees or slashing).
 */
export class ValidatorSet {
  private stakes = new Map<string, bigint>();

  /** Stake of `validator` (wei). */
  stakeOf(validator: string): bigint {
    return this.stakes.get(validator) ?? 0n;
  }

  /** Adds stake. */
  add(validator: string, amount: bigint): void {
    this.stakes.set(validator, this.stakeOf(validator) + amount);
  }

  /** Removes stake. @throws TxRevertedError when it exceeds the stake */
  remove(validator: string, amount: bigint): void {
    if (this.stakeOf(validator) < amount) throw new TxRevertedError('unstake exceeds stake');
    this.stakes.set(validator, this.stakeOf(validator) - amount);
  }

  /** State copy for transaction rollback (`Object.assign(set, copy)` restores it). */
  snapshot(): { stakes: Map<string, bigint> } {
    return { stakes: new Map(this.stakes) };
  }

  /** Draws the next proposer by stake weight (validators in address order, one uniform draw). */
  pickProposer(rng: Rng): string {
    let total = 0n;
    const vals = [...this.stakes.entries()].filter(([, s]) => s > 0n).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const [, s] of vals) total += s;
    if (total === 0n) return DEFAULT_PROPOSER;
    let x = (BigInt(Math.floor(rng.uniform() * 2 ** 52)) * total) >> 52n;
    for (const [v, s] of vals) {
      if (x < s) return v;
      x -= s;
    }
    return vals[vals.length - 1][0];
  }
}
