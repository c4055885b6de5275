import { ExecutionConfigError, InvalidOrderError } from '../errors/execution.js';
import type { Account } from './account.js';
import type { ExecutionModel } from './executionModel.js';

/** Per-order outputs of {@link fillOrdersBatch}, caller-allocated (length >= number of orders). */
export interface FillOrdersBatchResult {
  /** Executed signed quantity per order (base units). */
  filledQty: Float64Array;
  /** Fee per order (quote). */
  fee: Float64Array;
  /** Cash after each order (quote). */
  cash: Float64Array;
  /** Position after each order (base units). */
  position: Float64Array;
}

/**
 * The execution model's hot path: a stream of market orders on one asset, each against its own mid,
 * with the same rules as {@link ExecutionModel.execute} for a market order without a book, impact or
 * participation cap: half-spread crossing, taker fee, no-short, per-asset weight, gross-leverage and cash
 * limits. Updates `account` (cash, position, fees, slippage, price P&L) exactly as `execute` would, and
 * writes per-order records. No allocation; about 1M orders in a few milliseconds.
 *
 * @param asset asset index in `account`.
 * @param qty requested signed quantities (base units).
 * @param mid mid price at each order's execution time (quote per base; must be > 0).
 * @param n number of orders to process (default `qty.length`).
 * @throws {ExecutionConfigError} when the model uses an impact model or participation cap (use `execute`).
 * @throws {InvalidOrderError} on a bad asset index.
 */
export function fillOrdersBatch(
  model: ExecutionModel,
  account: Account,
  asset: number,
  qty: Float64Array,
  mid: Float64Array,
  out: FillOrdersBatchResult,
  n = qty.length,
): void {
  const c = model.config;
  if (c.impact !== 'none')
    throw new ExecutionConfigError(
      'impact',
      "fillOrdersBatch needs impact 'none' (impact needs per-order volatility: use execute)",
    );
  if (Number.isFinite(c.maxParticipation)) {
    throw new ExecutionConfigError(
      'maxParticipation',
      'fillOrdersBatch has no bar volume: set maxParticipation to Infinity or use execute',
    );
  }
  if (!(asset >= 0 && asset < account.nAssets))
    throw new InvalidOrderError(asset, `asset index out of range [0, ${account.nAssets})`);
  if (account.nAssets !== 1) {
    // Other assets' exposure is constant during the batch: take it once.
    for (let i = 0; i < account.nAssets; i++)
      if (i !== asset && account.positions[i] !== 0 && !(account.marks[i] > 0)) {
        throw new InvalidOrderError(i, 'other assets must be marked before a batch');
      }
  }
  const takerFee = c.takerFeeBps / 1e4;
  const feeCap = 1 + Math.max(takerFee, c.makerFeeBps / 1e4);
  const hsFrac = c.halfSpreadBps / 1e4;
  const allowShort = c.allowShort || c.perp[asset] === 1;
  const maxW = c.maxPositionWeight;
  const hasW = Number.isFinite(maxW);
  const lev = c.maxGrossLeverage;
  const cashAccount = lev <= 1;
  const minNotional = c.minNotional;
  let otherGross = 0;
  let otherValue = 0;
  for (let i = 0; i < account.nAssets; i++) {
    if (i === asset) continue;
    const p = account.positions[i];
    if (p !== 0) {
      otherGross += Math.abs(p * account.marks[i]);
      otherValue += p * account.marks[i];
    }
  }
  let cash = account.cash;
  let pos = account.positions[asset];
  let mark = account.marks[asset];
  let fees = 0;
  let slip = 0;
  let pnl = 0;
  let traded = 0;
  let fills = 0;
  const oF = out.filledQty;
  const oFee = out.fee;
  const oCash = out.cash;
  const oPos = out.position;
  for (let k = 0; k < n; k++) {
    const m = mid[k];
    let q = qty[k];
    if (!(m > 0) || q === 0) {
      oF[k] = 0;
      oFee[k] = 0;
      oCash[k] = cash;
      oPos[k] = pos;
      continue;
    }
    if (!Number.isNaN(mark)) pnl += pos * (m - mark);
    mark = m;
    if (!allowShort && pos + q < 0) q = pos > 0 ? -pos : 0;
    const newAbs = pos + q < 0 ? -(pos + q) : pos + q;
    const oldAbs = pos < 0 ? -pos : pos;
    if (newAbs > oldAbs) {
      const equity = cash + otherValue + pos * m;
      let limitAbs = hasW ? Math.max(0, (maxW * equity) / m) : Number.POSITIVE_INFINITY;
      const levAbs = Math.max(0, (lev * equity - otherGross) / m);
      if (levAbs < limitAbs) limitAbs = levAbs;
      if (newAbs > limitAbs) {
        const s = pos + q >= 0 ? 1 : -1;
        const sameSide = pos === 0 || pos > 0 === s > 0;
        q = s * (sameSide ? Math.max(oldAbs, limitAbs) : limitAbs) - pos;
      }
    }
    const hs = m * hsFrac;
    if (cashAccount && q > 0) {
      const unit = (m + hs) * feeCap;
      const maxQ = cash > 0 ? cash / unit : 0;
      if (q > maxQ) q = maxQ;
    }
    const px = q >= 0 ? m + hs : m - hs;
    const notional = (q < 0 ? -q : q) * px;
    if (q === 0 || notional < minNotional || notional === 0) {
      oF[k] = 0;
      oFee[k] = 0;
      oCash[k] = cash;
      oPos[k] = pos;
      continue;
    }
    const fee = notional * takerFee;
    cash -= q * px + fee;
    pos += q;
    fees += fee;
    slip += q * (px - m);
    traded += notional;
    fills++;
    oF[k] = q;
    oFee[k] = fee;
    oCash[k] = cash;
    oPos[k] = pos;
  }
  account.cash = cash;
  account.positions[asset] = pos;
  account.marks[asset] = mark;
  account.fees += fees;
  account.slippage += slip;
  account.pricePnl += pnl;
  account.tradedNotional += traded;
  account.fillCount += fills;
  account.assetFees[asset] += fees;
  account.assetSlippage[asset] += slip;
}
