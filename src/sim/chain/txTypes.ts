/** A call a transaction makes. Amounts are raw token units (bigint). */
export type TxCall =
  | { type: 'transfer'; to: string; token?: string; amount: bigint }
  | { type: 'swapV2'; pool: string; zeroForOne: boolean; amountIn: bigint; minOut: bigint }
  | { type: 'swapV3'; pool: string; zeroForOne: boolean; amountIn: bigint; minOut: bigint }
  | { type: 'addLiquidityV2'; pool: string; amount0: bigint; amount1: bigint }
  | { type: 'removeLiquidityV2'; pool: string; liquidity: bigint }
  | { type: 'mintV3'; pool: string; tickLower: number; tickUpper: number; liquidity: bigint }
  | { type: 'burnV3'; pool: string; tickLower: number; tickUpper: number; liquidity: bigint }
  | { type: 'lend'; action: 'supply' | 'withdraw' | 'borrow' | 'repay'; token: string; amount: bigint }
  | { type: 'liquidate'; borrower: string; debtToken: string; collateralToken: string; amount: bigint }
  | { type: 'flashLoan'; token: string; amount: bigint; calls: TxCall[] }
  | { type: 'stake'; amount: bigint }
  | { type: 'unstake'; amount: bigint }
  | { type: 'bridge'; token: string; amount: bigint; toChain: string };

/** A signed EIP-1559 transaction as submitted to the mempool. Fees in wei per gas. */
export interface TxRequest {
  from: string;
  gasLimit: bigint;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
  call: TxCall;
}

/** A transaction in the mempool, with its assigned nonce, hash and arrival order. */
export interface PendingTx extends TxRequest {
  hash: string;
  nonce: number;
  seq: number;
  submittedMs: number;
}

/** Outcome of an included transaction. */
export interface TxReceipt {
  hash: string;
  blockNumber: number;
  from: string;
  status: 'success' | 'reverted';
  gasUsed: bigint;
  effectiveGasPrice: bigint;
  /** Revert reason when reverted. */
  reason?: string;
}

/** Gas schedule of simulated calls (a flat cost per call kind, roughly mainnet magnitudes). */
export const GAS = {
  intrinsic: 21_000n,
  tokenTransfer: 30_000n,
  swapV2: 90_000n,
  swapV3: 110_000n,
  swapV3PerTick: 25_000n,
  lend: 150_000n,
  liquidity: 160_000n,
  liquidate: 250_000n,
  flashLoan: 60_000n,
  stake: 50_000n,
  bridge: 80_000n,
} as const;

/** Deterministic 32-byte hex id of a string (eight seeded 32-bit FNV-1a lanes); not cryptographic. */
export function hashId(text: string): string {
  let out = '0x';
  for (let lane = 0; lane < 8; lane++) {
    let h = (0x811c9dc5 ^ Math.imul(lane + 1, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}
