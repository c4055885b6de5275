import { CwmError } from '../../errors/base.js';
import { SimInputError, SimStateError, TxRevertedError } from '../../errors/sim.js';
import type { Rng } from '../../math/rng.js';
import type { V2Pair } from '../amm/v2Pair.js';
import type { V3Pool } from '../amm/v3Pool.js';
import type { LendingMarket } from '../lending/lendingMarket.js';
import { type RecordSink, SIM_SOURCE } from '../recordSink.js';
import type { Bridge } from './bridge.js';
import { ChainMetricsWindow, STAKING_ADDRESS } from './chainMetrics.js';
import { effectivePriorityFee, nextBaseFee } from './eip1559.js';
import { Ledger } from './ledger.js';
import { ValidatorSet } from './validatorSet.js';
import { type PoolEntryV2, type PoolEntryV3, runLiquidityCall, runSwapCall } from './ammCalls.js';
import { GAS, type PendingTx, type TxCall, type TxReceipt, type TxRequest, hashId } from './txTypes.js';

/** Options of a `Chain`. */
export interface ChainOptions {
  /** Chain id, lower-case (`ethereum`, `arbitrum`). */
  name: string;
  /** Native token symbol (`ETH`), 18 decimals. */
  nativeToken?: string;
  /** Block gas limit (EIP-1559 target is half). Default 30M. */
  gasLimit?: bigint;
  /** Base fee of the first block, wei. Default 10 gwei. */
  initialBaseFee?: bigint;
  /** Native tokens minted to the proposer per block (staking issuance), wei. Default 0. */
  blockReward?: bigint;
  /** Transfers at or above this native amount count as whale transfers. Default 1000 ETH. */
  whaleThreshold?: bigint;
  /** Addresses tagged as exchange deposit wallets (for exchange inflow/outflow metrics). */
  exchangeAddresses?: string[];
  /** Decimals of tokens for human-unit amounts in records (default 18 for every token). */
  tokenDecimals?: Record<string, number>;
  sink: RecordSink;
  /** Random stream of the chain (proposer selection). */
  rng: Rng;
}

export { STAKING_ADDRESS };

/** Address holding transactions' up-front gas payments during execution. */
export const GAS_ESCROW = '0xgasescrow';
/** Address of the flash-loan pool. */
export const FLASH_LENDER = '0xflash';

/**
 * A simulated EVM-like chain: accounts and token balances (`Ledger`), an EIP-1559 mempool, blocks built by
 * effective priority fee under a gas limit (base fee burned, tips and issuance to a stake-weighted proposer),
 * contract calls to Uniswap v2/v3 pools and a lending market, flash loans that revert unless repaid with a fee
 * within the transaction, staking, and bridge transfers. A reverted transaction rolls back every state change
 * (ledger journal plus a snapshot of the touched contracts) but still pays for its gas.
 * Emits blocks, transactions, DEX swaps, pool reserves, DeFi metrics, liquidations and on-chain metrics.
 * Reference: EIP-1559; Ethereum yellow paper (Wood) section 6 for the charge-then-execute transaction model.
 */
export class Chain {
  readonly name: string;
  readonly native: string;
  readonly ledger: Ledger;
  readonly gasLimit: bigint;
  baseFee: bigint;
  blockNumber = 0;
  parentHash = `0x${'0'.repeat(64)}`;
  private readonly sink: RecordSink;
  private readonly rng: Rng;
  private readonly blockReward: bigint;
  private readonly decimals = new Map<string, number>();
  private readonly mempool: PendingTx[] = [];
  private readonly nonces = new Map<string, number>();
  private readonly nextNonce = new Map<string, number>();
  private readonly v2 = new Map<string, PoolEntryV2>();
  private readonly v3 = new Map<string, PoolEntryV3>();
  private readonly validators = new ValidatorSet();
  private lending: LendingMarket | undefined;
  private readonly bridges = new Map<string, Bridge>();
  private seq = 0;
  /** Flash-loan fee (wad fraction, default 0.0009 = 9 bp as Aave v2). */
  flashFeeBps = 9n;
  private touchedPools = new Set<string>();
  private readonly metrics: ChainMetricsWindow;
  private logIndex = 0;
  private nowMs = 0;
  private currentBlock = 0;
  private currentTx = '';
  /** Receipts of every included transaction, by hash. */
  readonly receipts = new Map<string, TxReceipt>();

  constructor(opts: ChainOptions) {
    this.name = opts.name;
    this.native = opts.nativeToken ?? 'ETH';
    this.ledger = new Ledger(opts.name);
    this.gasLimit = opts.gasLimit ?? 30_000_000n;
    this.baseFee = opts.initialBaseFee ?? 10_000_000_000n;
    this.blockReward = opts.blockReward ?? 0n;
    this.metrics = new ChainMetricsWindow(
      new Set(opts.exchangeAddresses ?? []),
      opts.whaleThreshold ?? 1000n * 10n ** 18n,
    );
    for (const [t, d] of Object.entries(opts.tokenDecimals ?? {})) this.setDecimals(t, d);
    this.sink = opts.sink;
    this.rng = opts.rng;
  }

  /** Sets the decimals of `token` (records show raw / 10^decimals as human units). */
  setDecimals(token: string, decimals: number): void {
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 36)
      throw new SimInputError(this.name, 'decimals', `must be an integer in [0, 36], got ${decimals}`);
    this.decimals.set(token, decimals);
  }

  /** Human units of a raw amount of `token`. */
  toUnits(token: string, raw: bigint): number {
    return Number(raw) / 10 ** (this.decimals.get(token) ?? 18);
  }

  /** Registers a Uniswap v2 pair at `address`. Its reserves must equal its ledger balances. */
  addV2Pool(address: string, pair: V2Pair, token0: string, token1: string): void {
    this.v2.set(address, { pair, token0, token1 });
  }

  /** Registers a Uniswap v3 pool at `address`. */
  addV3Pool(address: string, pool: V3Pool, token0: string, token1: string): void {
    this.v3.set(address, { pool, token0, token1 });
  }

  /** Attaches the lending market (it must use this chain's ledger). */
  setLendingMarket(market: LendingMarket): void {
    this.lending = market;
  }

  /** Connects a bridge; calls with `toChain` use it. */
  addBridge(toChain: string, bridge: Bridge): void {
    this.bridges.set(toChain, bridge);
  }

  /** Genesis: adds v2 liquidity from `lp` outside any transaction. */
  seedV2(address: string, lp: string, amount0: bigint, amount1: bigint): void {
    const p = this.pool2(address);
    this.ledger.transfer(p.token0, lp, address, amount0);
    this.ledger.transfer(p.token1, lp, address, amount1);
    p.pair.mint(lp, amount0, amount1);
  }

  /** Genesis: adds v3 liquidity for `lp` on [lo, hi) outside any transaction. */
  seedV3(address: string, lp: string, lo: number, hi: number, liquidity: bigint): void {
    const p = this.pool3(address);
    const { amount0, amount1 } = p.pool.mint(lp, lo, hi, liquidity);
    this.ledger.transfer(p.token0, lp, address, amount0);
    this.ledger.transfer(p.token1, lp, address, amount1);
  }

  /** Native stake of `validator`. */
  stakeOf(validator: string): bigint {
    return this.validators.stakeOf(validator);
  }

  /** Pending transactions. */
  get mempoolSize(): number {
    return this.mempool.length;
  }

  /**
   * Adds a transaction to the mempool (nonce assigned in submission order per sender).
   * @returns the transaction hash
   * @throws SimInputError for inconsistent fees or a gas limit above the block limit
   */
  submit(tx: TxRequest, nowMs: number): string {
    if (tx.maxPriorityFeePerGas < 0n || tx.maxFeePerGas < tx.maxPriorityFeePerGas)
      throw new SimInputError(this.name, 'maxFeePerGas', 'need 0 <= maxPriorityFeePerGas <= maxFeePerGas');
    if (tx.gasLimit < GAS.intrinsic || tx.gasLimit > this.gasLimit)
      throw new SimInputError(this.name, 'gasLimit', `must be in [${GAS.intrinsic}, ${this.gasLimit}]`);
    const nonce = this.nextNonce.get(tx.from) ?? 0;
    this.nextNonce.set(tx.from, nonce + 1);
    const hash = hashId(`${this.name}:${tx.from}:${nonce}`);
    this.mempool.push({ ...tx, nonce, hash, seq: this.seq++, submittedMs: nowMs });
    return hash;
  }

  /**
   * Builds, executes and emits the next block at `nowMs`: delivers arrived bridge transfers, picks includable
   * transactions (maxFee >= baseFee, sender nonce in order) by effective priority fee (ties by arrival) until the
   * gas limit, executes them, burns base fees, pays tips and issuance to the proposer, then updates the base fee
   * by the EIP-1559 rule. @returns the receipts of the block
   */
  produceBlock(nowMs: number): TxReceipt[] {
    this.nowMs = nowMs;
    const number = ++this.blockNumber;
    this.currentBlock = number;
    this.logIndex = 0;
    for (const b of this.bridges.values()) b.deliver(this.name, nowMs);
    const proposer = this.validators.pickProposer(this.rng);
    const baseFee = this.baseFee;
    const candidates = this.mempool
      .filter((t) => t.maxFeePerGas >= baseFee)
      .sort((a, b) => {
        const ta = effectivePriorityFee(a.maxFeePerGas, a.maxPriorityFeePerGas, baseFee);
        const tb = effectivePriorityFee(b.maxFeePerGas, b.maxPriorityFeePerGas, baseFee);
        return ta === tb ? a.seq - b.seq : ta > tb ? -1 : 1;
      });
    const included = new Set<PendingTx>();
    const receipts: TxReceipt[] = [];
    let gasUsed = 0n;
    let progress = true;
    while (progress) {
      progress = false;
      for (const tx of candidates) {
        if (included.has(tx)) continue;
        if ((this.nonces.get(tx.from) ?? 0) !== tx.nonce) continue;
        if (gasUsed + tx.gasLimit > this.gasLimit) continue;
        if (this.ledger.balanceOf(this.native, tx.from) < tx.gasLimit * tx.maxFeePerGas) {
          // cannot pay the maximum fee: drop (invalid), letting later nonces through
          included.add(tx);
          this.nonces.set(tx.from, tx.nonce + 1);
          progress = true;
          continue;
        }
        included.add(tx);
        this.nonces.set(tx.from, tx.nonce + 1);
        const r = this.execute(tx, baseFee, proposer, number);
        gasUsed += r.gasUsed;
        receipts.push(r);
        progress = true;
      }
    }
    for (let i = this.mempool.length - 1; i >= 0; i--)
      if (included.has(this.mempool[i])) this.mempool.splice(i, 1);
    if (this.blockReward > 0n) this.ledger.mint(this.native, proposer, this.blockReward);
    const hash = hashId(
      `${this.name}:block:${number}:${this.parentHash}:${receipts.map((r) => r.hash).join(',')}`,
    );
    this.sink.emit('blocks', {
      tsEvent: Math.floor(nowMs),
      source: SIM_SOURCE,
      chain: this.name,
      number,
      hash,
      parentHash: this.parentHash,
      txCount: receipts.length,
      gasUsed: Number(gasUsed),
      gasLimit: Number(this.gasLimit),
      baseFeePerGas: Number(baseFee),
      miner: proposer,
    });
    for (const addr of this.touchedPools) this.emitReserves(addr);
    this.touchedPools.clear();
    this.parentHash = hash;
    this.baseFee = nextBaseFee(baseFee, gasUsed, this.gasLimit);
    this.metrics.recordGas(gasUsed);
    return receipts;
  }

  /**
   * Emits on-chain metrics for the window since the last call (active addresses, tx count, fees, gas used,
   * whale transfers, exchange inflow/outflow, base fee, staking ratio), then resets the window.
   */
  emitMetrics(nowMs: number): void {
    this.metrics.emit(this.sink, this.name, this.native, this.ledger, this.baseFee, nowMs);
  }

  private execute(tx: PendingTx, baseFee: bigint, proposer: string, blockNumber: number): TxReceipt {
    const tip = effectivePriorityFee(tx.maxFeePerGas, tx.maxPriorityFeePerGas, baseFee);
    const price = baseFee + tip;
    const gas: { used: bigint } = { used: GAS.intrinsic };
    this.currentTx = tx.hash;
    // the maximum fee is debited up front (yellow paper: up-front cost), the unused part refunded after
    const upfront = tx.gasLimit * tx.maxFeePerGas;
    this.ledger.transfer(this.native, tx.from, GAS_ESCROW, upfront);
    const snapshots = this.snapshotContracts(tx.call);
    this.ledger.begin();
    let status: 'success' | 'reverted' = 'success';
    let reason: string | undefined;
    const pendingRecords: (() => void)[] = [];
    try {
      this.run(tx.from, tx.call, gas, tx.gasLimit, pendingRecords);
      this.ledger.commit();
    } catch (e) {
      this.ledger.rollback();
      for (const [obj, snap] of snapshots) Object.assign(obj, snap);
      if (!(e instanceof CwmError)) throw e;
      status = 'reverted';
      reason = e instanceof TxRevertedError ? e.reason : e instanceof Error ? e.message : String(e);
      if (e instanceof TxRevertedError && e.reason === 'out of gas') gas.used = tx.gasLimit;
      pendingRecords.length = 0;
    }
    if (gas.used > tx.gasLimit) gas.used = tx.gasLimit;
    // charge gas: base fee burned, tip to the proposer
    this.ledger.burn(this.native, GAS_ESCROW, gas.used * baseFee);
    this.ledger.transfer(this.native, GAS_ESCROW, proposer, gas.used * tip);
    this.ledger.transfer(this.native, GAS_ESCROW, tx.from, upfront - gas.used * price);
    const fee = gas.used * price;
    for (const f of pendingRecords) f();
    this.metrics.recordTx(tx.from, fee);
    const c = tx.call;
    const to = c.type === 'transfer' ? c.to : c.type === 'swapV2' || c.type === 'swapV3' ? c.pool : undefined;
    this.sink.emit('transactions', {
      tsEvent: Math.floor(this.nowMs),
      source: SIM_SOURCE,
      chain: this.name,
      hash: tx.hash,
      blockNumber,
      from: tx.from,
      ...(to !== undefined ? { to } : {}),
      ...(c.type === 'transfer' && c.token ? { token: c.token } : {}),
      ...(c.type === 'transfer' && status === 'success'
        ? { value: c.amount.toString(), amount: this.toUnits(c.token ?? this.native, c.amount) }
        : {}),
      gas: Number(gas.used),
      gasPrice: Number(price),
      fee: Number(fee),
    });
    const receipt: TxReceipt = {
      hash: tx.hash,
      blockNumber,
      from: tx.from,
      status,
      gasUsed: gas.used,
      effectiveGasPrice: price,
      ...(reason !== undefined ? { reason } : {}),
    };
    this.receipts.set(tx.hash, receipt);
    return receipt;
  }

  private useGas(gas: { used: bigint }, amount: bigint, limit: bigint): void {
    gas.used += amount;
    if (gas.used > limit) throw new TxRevertedError('out of gas');
  }

  private run(
    from: string,
    call: TxCall,
    gas: { used: bigint },
    limit: bigint,
    records: (() => void)[],
  ): void {
    const L = this.ledger;
    const nowSec = Math.floor(this.nowMs / 1000);
    switch (call.type) {
      case 'transfer': {
        this.useGas(gas, call.token ? GAS.tokenTransfer : 0n, limit);
        const token = call.token ?? this.native;
        if (L.balanceOf(token, from) < call.amount)
          throw new TxRevertedError(`insufficient ${token} balance`);
        L.transfer(token, from, call.to, call.amount);
        if (token === this.native) this.metrics.recordNativeTransfer(from, call.to, call.amount);
        return;
      }
      case 'swapV2':
      case 'swapV3': {
        this.useGas(gas, call.type === 'swapV2' ? GAS.swapV2 : GAS.swapV3, limit);
        const r = runSwapCall(L, from, call, this.v2.get(call.pool), this.v3.get(call.pool));
        this.useGas(gas, GAS.swapV3PerTick * BigInt(r.ticksCrossed), limit);
        this.recordSwap(records, r.venue, call.pool, from, r.tokenIn, r.tokenOut, r.amountIn, r.amountOut);
        return;
      }
      case 'addLiquidityV2':
      case 'removeLiquidityV2':
      case 'mintV3':
      case 'burnV3': {
        this.useGas(gas, GAS.liquidity, limit);
        runLiquidityCall(L, from, call, this.v2.get(call.pool), this.v3.get(call.pool));
        this.touchedPools.add(call.pool);
        return;
      }
      case 'lend': {
        this.useGas(gas, GAS.lend, limit);
        const m = this.market();
        if (call.action === 'supply') m.supply(from, call.token, call.amount, nowSec);
        else if (call.action === 'borrow') m.borrow(from, call.token, call.amount, nowSec);
        else if (call.action === 'repay') m.repay(from, from, call.token, call.amount, nowSec);
        else m.withdraw(from, call.token, call.amount, nowSec);
        return;
      }
      case 'liquidate': {
        this.useGas(gas, GAS.liquidate, limit);
        const m = this.market();
        const r = m.liquidate(from, call.borrower, call.debtToken, call.collateralToken, call.amount, nowSec);
        const st = m.reserveState(call.debtToken);
        const valueUsd = (Number(r.repaid) / 10 ** st.decimals) * (Number(st.priceWad) / 1e18);
        const id = `${this.currentBlock}:${this.logIndex++}`;
        records.push(() =>
          this.sink.emit('liquidations', {
            tsEvent: Math.floor(this.nowMs),
            source: SIM_SOURCE,
            venue: 'sim_lending',
            symbol: `${call.collateralToken}/${call.debtToken}`,
            liquidationId: id,
            side: 'long',
            amount: Number(r.seizedUnderlying) / 10 ** m.reserveState(call.collateralToken).decimals,
            valueUsd,
          }),
        );
        return;
      }
      case 'flashLoan': {
        this.useGas(gas, GAS.flashLoan, limit);
        const fee = (call.amount * this.flashFeeBps) / 10_000n;
        if (L.balanceOf(call.token, FLASH_LENDER) < call.amount)
          throw new TxRevertedError(`flash lender has too little ${call.token}`);
        L.transfer(call.token, FLASH_LENDER, from, call.amount);
        for (const inner of call.calls) this.run(from, inner, gas, limit, records);
        if (L.balanceOf(call.token, from) < call.amount + fee)
          throw new TxRevertedError('flash loan not repaid');
        L.transfer(call.token, from, FLASH_LENDER, call.amount + fee);
        return;
      }
      case 'stake': {
        this.useGas(gas, GAS.stake, limit);
        if (L.balanceOf(this.native, from) < call.amount)
          throw new TxRevertedError('insufficient balance to stake');
        L.transfer(this.native, from, STAKING_ADDRESS, call.amount);
        this.validators.add(from, call.amount);
        return;
      }
      case 'unstake': {
        this.useGas(gas, GAS.stake, limit);
        this.validators.remove(from, call.amount);
        L.transfer(this.native, STAKING_ADDRESS, from, call.amount);
        return;
      }
      case 'bridge': {
        this.useGas(gas, GAS.bridge, limit);
        const b = this.bridges.get(call.toChain);
        if (!b) throw new TxRevertedError(`no bridge to ${call.toChain}`);
        b.send(this.name, from, call.token, call.amount, this.nowMs);
        return;
      }
    }
  }

  private recordSwap(
    records: (() => void)[],
    venue: string,
    pool: string,
    trader: string,
    tokenIn: string,
    tokenOut: string,
    amountIn: bigint,
    amountOut: bigint,
  ): void {
    this.touchedPools.add(pool);
    const logIndex = this.logIndex++;
    const block = this.currentBlock;
    const txHash = this.currentTx;
    records.push(() =>
      this.sink.emit('dexSwaps', {
        tsEvent: Math.floor(this.nowMs),
        source: SIM_SOURCE,
        chain: this.name,
        venue,
        pool,
        txHash,
        swapIndex: String(logIndex),
        blockNumber: block,
        tokenIn,
        tokenOut,
        amountIn: amountIn.toString(),
        amountOut: amountOut.toString(),
        trader,
      }),
    );
  }

  private emitReserves(address: string): void {
    const p2 = this.v2.get(address);
    const p3 = this.v3.get(address);
    const token0 = p2?.token0 ?? p3?.token0 ?? '';
    const token1 = p2?.token1 ?? p3?.token1 ?? '';
    this.sink.emit('poolReserves', {
      tsEvent: Math.floor(this.nowMs),
      source: SIM_SOURCE,
      chain: this.name,
      venue: p2 ? 'uniswap_v2' : 'uniswap_v3',
      pool: address,
      token0,
      token1,
      reserve0: this.toUnits(token0, this.ledger.balanceOf(token0, address)),
      reserve1: this.toUnits(token1, this.ledger.balanceOf(token1, address)),
      blockNumber: this.blockNumber,
    });
  }

  private snapshotContracts(call: TxCall): [object, unknown][] {
    const out: [object, unknown][] = [];
    const visit = (c: TxCall) => {
      if (c.type === 'swapV2' || c.type === 'addLiquidityV2' || c.type === 'removeLiquidityV2')
        out.push([this.pool2(c.pool).pair, structuredClone({ ...this.pool2(c.pool).pair })]);
      else if (c.type === 'swapV3' || c.type === 'mintV3' || c.type === 'burnV3')
        out.push([this.pool3(c.pool).pool, structuredClone({ ...this.pool3(c.pool).pool })]);
      else if ((c.type === 'lend' || c.type === 'liquidate') && this.lending) {
        const { ledger: _ledger, ...state } = this.lending as unknown as Record<string, unknown>;
        out.push([this.lending, structuredClone(state)]);
      } else if (c.type === 'stake' || c.type === 'unstake')
        out.push([this.validators, this.validators.snapshot()]);
      else if (c.type === 'bridge') {
        const b = this.bridges.get(c.toChain);
        if (b) out.push([b, { queue: [...(b as unknown as { queue: unknown[] }).queue] }]);
      } else if (c.type === 'flashLoan') for (const i of c.calls) visit(i);
    };
    visit(call);
    return out;
  }

  private market(): LendingMarket {
    if (!this.lending) throw new TxRevertedError('no lending market on this chain');
    return this.lending;
  }

  private pool2(address: string): PoolEntryV2 {
    const p = this.v2.get(address);
    if (!p) throw new SimStateError(this.name, `no v2 pool at ${address}`);
    return p;
  }

  private pool3(address: string): PoolEntryV3 {
    const p = this.v3.get(address);
    if (!p) throw new SimStateError(this.name, `no v3 pool at ${address}`);
    return p;
  }
}
