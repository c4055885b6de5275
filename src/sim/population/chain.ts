import type { Rng } from '../../math/rng.js';
import { nextBaseFee } from '../chain/eip1559.js';
import type { RecordSink } from './recordSink.js';
import { SIM_SOURCE } from './venue.js';

/**
 * One chain's activity: blocks at a fixed (or exponential, for proof of work) interval with EIP-1559 fees
 * on account chains, plus hourly accumulators of the on-chain metrics (active addresses, transactions,
 * fees, exchange in/outflows, whale transfers, transfer volume). Notable transactions (whale transfers,
 * swaps, liquidations, MEV bundles) are written as `transactions` records with deterministic hashes.
 */
export class ChainState {
  blockNumber: number;
  /** Base fee per gas, wei (account chains). */
  baseFee = 20_000_000_000n;
  readonly gasLimit: bigint;
  readonly gasTarget: bigint;
  /** Next block time, ms. */
  nextBlockMs: number;
  /** Accumulators since the last daily report (names kept from the hourly design). */
  hourTx = 0;
  hourFeesNative = 0;
  hourInflow = 0;
  hourOutflow = 0;
  hourWhale = 0;
  hourTransferUsd = 0;
  hourBlocks = 0;
  hourPriority = 0;
  /** Gas used since the last daily report. */
  dayGas = 0;
  /** Exchange balance (native units), for exchange reserves. */
  exchangeBalance: number;
  /** Share of supply staked (proof of stake), decimal. */
  stakingRatio: number;
  /** Extra priority fees bid this block by MEV bundles (gwei). */
  pendingPriorityGwei = 0;
  private txSeq = 0;
  /** Pending block the position counter belongs to, and the next position in it. */
  private posBlock = -1;
  private pos = 0;

  constructor(
    readonly chain: string,
    /** Block interval, ms. */
    readonly blockMs: number,
    /** True for account chains with EIP-1559 (ethereum); false for bitcoin-style blocks. */
    readonly eip1559: boolean,
    readonly supply: number,
    private readonly rng: Rng,
    private readonly sink: RecordSink,
    startMs: number,
  ) {
    this.blockNumber = chain === 'ethereum' ? 19_000_000 : chain === 'bitcoin' ? 820_000 : 240_000_000;
    this.gasLimit = 30_000_000n;
    this.gasTarget = this.gasLimit / 2n;
    this.nextBlockMs = startMs + blockMs;
    this.exchangeBalance = supply * 0.12;
    this.stakingRatio = chain === 'ethereum' ? 0.26 : chain === 'solana' ? 0.65 : 0;
  }

  /**
   * Produces every block due up to `nowMs`. `demand` scales transaction demand (1 = normal).
   * @param price native asset price, USDT (for transfer volume).
   */
  produceBlocks(nowMs: number, demand: number, price: number, record: boolean): void {
    while (this.nextBlockMs <= nowMs) {
      const ts = this.nextBlockMs;
      this.blockNumber++;
      this.hourBlocks++;
      let txCount: number;
      let gasUsed = 0;
      const fill = Math.min(1, Math.max(0.05, 0.5 * demand * Math.exp(0.25 * this.rng.normal())));
      if (this.eip1559) {
        gasUsed = Math.round(Number(this.gasLimit) * fill);
        this.dayGas += gasUsed;
        txCount = Math.max(1, Math.round(gasUsed / 110_000));
        const fee = (Number(this.baseFee) + 1e9 * (1.5 + this.pendingPriorityGwei)) * gasUsed;
        this.hourFeesNative += fee / 1e18;
        this.hourPriority += this.pendingPriorityGwei;
        this.pendingPriorityGwei = 0;
      } else {
        txCount = Math.max(1, Math.round(3000 * fill));
        this.hourFeesNative += txCount * 2e-5 * (0.5 + fill);
      }
      this.hourTx += txCount;
      this.hourTransferUsd +=
        txCount * price * (this.chain === 'bitcoin' ? 1.5 : 0.8) * this.rng.exponential(1);
      if (record) {
        this.sink.push('blocks', {
          tsEvent: ts,
          source: SIM_SOURCE,
          chain: this.chain,
          number: this.blockNumber,
          hash: hash32(this.chain, this.blockNumber),
          parentHash: hash32(this.chain, this.blockNumber - 1),
          txCount,
          ...(this.eip1559
            ? {
                gasUsed,
                gasLimit: Number(this.gasLimit),
                baseFeePerGas: Number(this.baseFee),
              }
            : {}),
        });
      }
      if (this.eip1559) this.baseFee = nextBaseFee(this.baseFee, BigInt(gasUsed), this.gasLimit);
      this.nextBlockMs += this.eip1559
        ? this.blockMs
        : Math.max(1000, Math.round(this.rng.exponential(1 / this.blockMs)));
    }
  }

  /**
   * Position of the next transaction inside the pending block (`blockNumber + 1`), in submission order:
   * 0 for the first transaction after a block is produced.
   */
  nextTxPosition(): number {
    const b = this.blockNumber + 1;
    if (b !== this.posBlock) {
      this.posBlock = b;
      this.pos = 0;
    }
    return this.pos++;
  }

  /** Records a notable transaction (whale transfer, swap, liquidation, MEV leg) and returns its hash. */
  transaction(tsMs: number, from: string, to: string, amount: number, priorityGwei = 1.5): string {
    const h = hash32(`${this.chain}-tx`, ++this.txSeq);
    const gas = 21_000 + (this.eip1559 ? 120_000 : 0);
    const gasPrice = Number(this.baseFee) + priorityGwei * 1e9;
    this.sink.push('transactions', {
      tsEvent: tsMs,
      source: SIM_SOURCE,
      chain: this.chain,
      hash: h,
      logIndex: -1,
      blockNumber: this.blockNumber + 1,
      from,
      to,
      value: `${BigInt(Math.round(Math.max(0, amount) * 1e6)).toString()}000000000000`,
      amount: Math.max(0, amount),
      gas,
      gasPrice,
      fee: gas * gasPrice,
    });
    return h;
  }
}

/** A deterministic 32-byte hex id from a label and a number (FNV-1a based; not a cryptographic hash). */
export function hash32(label: string, n: number): string {
  let out = '0x';
  let h = 0x811c9dc5;
  const text = `${label}:${n}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  for (let k = 0; k < 8; k++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ (k * 0x9e3779b9);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}
