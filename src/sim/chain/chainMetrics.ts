import { type RecordSink, SIM_SOURCE } from '../recordSink.js';
import type { Ledger } from './ledger.js';

/** Staking deposit contract address (its native balance is the staked supply). */
export const STAKING_ADDRESS = '0xstaking';

/**
 * Accumulates on-chain activity between two metric emissions: active addresses (senders and native
 * recipients), transaction count, fees, gas, whale transfers and exchange inflow/outflow (transfers into or out
 * of tagged exchange addresses, as on-chain analytics vendors define exchange flows).
 */
export class ChainMetricsWindow {
  private senders = new Set<string>();
  private txs = 0;
  private fees = 0n;
  private gas = 0n;
  private whales = 0;
  private inflow = 0n;
  private outflow = 0n;

  constructor(
    private readonly exchanges: Set<string>,
    private readonly whaleThreshold: bigint,
  ) {}

  /** An included transaction from `from` that paid `feeWei`. */
  recordTx(from: string, feeWei: bigint): void {
    this.senders.add(from);
    this.txs++;
    this.fees += feeWei;
  }

  /** Gas used by a block. */
  recordGas(gas: bigint): void {
    this.gas += gas;
  }

  /** A successful native transfer. */
  recordNativeTransfer(from: string, to: string, amount: bigint): void {
    if (amount >= this.whaleThreshold) this.whales++;
    if (this.exchanges.has(to) && !this.exchanges.has(from)) this.inflow += amount;
    if (this.exchanges.has(from) && !this.exchanges.has(to)) this.outflow += amount;
    this.senders.add(to);
  }

  /**
   * Emits `active_addresses`, `tx_count`, `fees_native`, `gas_used`, `base_fee_gwei`, `whale_transfer_count`,
   * `exchange_inflow`/`outflow`/`netflow` (native units), `staking_ratio` and `native_burned`, then resets.
   */
  emit(
    sink: RecordSink,
    chain: string,
    native: string,
    ledger: Ledger,
    baseFee: bigint,
    nowMs: number,
  ): void {
    const staked = ledger.balanceOf(native, STAKING_ADDRESS);
    const supply = ledger.supply(native);
    const eth = (x: bigint) => Number(x) / 1e18;
    const metrics: [string, number][] = [
      ['active_addresses', this.senders.size],
      ['tx_count', this.txs],
      ['fees_native', eth(this.fees)],
      ['gas_used', Number(this.gas)],
      ['base_fee_gwei', Number(baseFee) / 1e9],
      ['whale_transfer_count', this.whales],
      ['exchange_inflow', eth(this.inflow)],
      ['exchange_outflow', eth(this.outflow)],
      ['exchange_netflow', eth(this.inflow - this.outflow)],
      ['staking_ratio', supply > 0n ? Number((staked * 1_000_000n) / supply) / 1e6 : Number.NaN],
      ['native_burned', eth(ledger.burnedOf(native))],
    ];
    for (const [metric, value] of metrics)
      if (Number.isFinite(value))
        sink.emit('onchainMetrics', {
          tsEvent: Math.floor(nowMs),
          source: SIM_SOURCE,
          chain,
          asset: native,
          metric,
          value,
        });
    this.senders = new Set();
    this.txs = 0;
    this.fees = 0n;
    this.gas = 0n;
    this.whales = 0;
    this.inflow = 0n;
    this.outflow = 0n;
  }
}
