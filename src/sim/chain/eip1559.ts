import { SimInputError } from '../../errors/sim.js';

/** EIP-1559 BASE_FEE_MAX_CHANGE_DENOMINATOR. */
export const BASE_FEE_MAX_CHANGE_DENOMINATOR = 8n;
/** EIP-1559 ELASTICITY_MULTIPLIER. */
export const ELASTICITY_MULTIPLIER = 2n;

/**
 * Base fee of the next block, exactly as EIP-1559 specifies (integer division, minimum +1 wei when the parent
 * used more gas than the target, unchanged at the target).
 * Reference: EIP-1559 (Buterin et al. 2019), "Specification", `calculate_base_fee` logic.
 * @param parentBaseFee base fee per gas of the parent block (wei)
 * @param parentGasUsed gas used by the parent block
 * @param parentGasLimit gas limit of the parent block (target = limit / elasticity)
 * @throws SimInputError for negative inputs or gas used above the limit
 */
export function nextBaseFee(
  parentBaseFee: bigint,
  parentGasUsed: bigint,
  parentGasLimit: bigint,
  elasticity: bigint = ELASTICITY_MULTIPLIER,
): bigint {
  if (parentBaseFee < 0n || parentGasUsed < 0n || parentGasLimit <= 0n)
    throw new SimInputError('eip1559', 'parent', 'base fee and gas used must be >= 0 and gas limit > 0');
  if (parentGasUsed > parentGasLimit)
    throw new SimInputError(
      'eip1559',
      'parentGasUsed',
      `${parentGasUsed} exceeds the gas limit ${parentGasLimit}`,
    );
  const target = parentGasLimit / elasticity;
  if (parentGasUsed === target) return parentBaseFee;
  if (parentGasUsed > target) {
    const delta = (parentBaseFee * (parentGasUsed - target)) / target / BASE_FEE_MAX_CHANGE_DENOMINATOR;
    return parentBaseFee + (delta > 1n ? delta : 1n);
  }
  const delta = (parentBaseFee * (target - parentGasUsed)) / target / BASE_FEE_MAX_CHANGE_DENOMINATOR;
  return parentBaseFee - delta;
}

/**
 * Effective priority fee per gas a transaction pays in a block with `baseFee`: min(maxPriority, maxFee - baseFee);
 * negative means the transaction is not includable. Reference: EIP-1559 "Specification".
 */
export function effectivePriorityFee(
  maxFeePerGas: bigint,
  maxPriorityFeePerGas: bigint,
  baseFee: bigint,
): bigint {
  const room = maxFeePerGas - baseFee;
  return room < maxPriorityFeePerGas ? room : maxPriorityFeePerGas;
}
