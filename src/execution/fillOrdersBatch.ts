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
  // All other positions long (gross = net) and no weight limit: the fast path in the kernel is exact.
  const cashFast = cashAccount && !hasW && otherGross === otherValue;
  const st = STATE;
  st[0] = account.cash;
  st[1] = account.positions[asset];
  st[2] = account.marks[asset];
  st[3] = 0;
  st[4] = 0;
  st[5] = 0;
  st[6] = 0;
  st[7] = 0;
  const pr = PARAMS;
  pr[0] = takerFee;
  pr[1] = feeCap;
  pr[2] = hsFrac;
  pr[3] = allowShort ? 1 : 0;
  pr[4] = maxW;
  pr[5] = hasW ? 1 : 0;
  pr[6] = lev;
  pr[7] = cashAccount ? 1 : 0;
  pr[8] = minNotional;
  pr[9] = otherGross;
  pr[10] = otherValue;
  pr[11] = cashFast ? 1 : 0;
  // Chunks keep each call short, so V8 runs the kernel as a normally optimized function rather than
  // through on-stack replacement of one long loop (measurably slower and less stable).
  // Spot cash account, long-only book, no weight limit: the limit logic reduces to "sells up to the
  // position, buys up to the cash", so a leaner kernel with exactly the same results runs.
  const spotCash = cashFast && !allowShort && st[1] >= 0 && minNotional === 0;
  for (let k0 = 0; k0 < n; k0 += CHUNK) {
    const k1 = Math.min(n, k0 + CHUNK);
    if (spotCash)
      fillKernelSpotCash(qty, mid, k0, k1, out.filledQty, out.fee, out.cash, out.position, st, pr);
    else fillKernel(qty, mid, k0, k1, out.filledQty, out.fee, out.cash, out.position, st, pr);
  }
  const cash = st[0];
  const pos = st[1];
  const mark = st[2];
  const fees = st[3];
  const slip = st[4];
  const pnl = st[5];
  const traded = st[6];
  const fills = st[7];
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

const CHUNK = 8192;
/** Relative margin of the cash pre-check in the spot kernel (far above rounding error, 2^-52). */
const GUARD = 1 - 1e-12;
const STATE = new Float64Array(8);
const PARAMS = new Float64Array(12);

/**
 * The hot loop, kept free of object property access so V8 optimizes it once (named accesses after an
 * on-stack-replaced loop would deoptimize it on every call). State in/out: [cash, pos, mark, fees,
 * slippage, pricePnl, traded, fills]; params: see the caller.
 */
function fillKernel(
  qty: Float64Array,
  mid: Float64Array,
  from: number,
  to: number,
  oF: Float64Array,
  oFee: Float64Array,
  oCash: Float64Array,
  oPos: Float64Array,
  st: Float64Array,
  pr: Float64Array,
): void {
  const takerFee = pr[0];
  const feeCap = pr[1];
  const hsFrac = pr[2];
  const allowShort = pr[3] === 1;
  const maxW = pr[4];
  const hasW = pr[5] === 1;
  const lev = pr[6];
  const cashAccount = pr[7] === 1;
  const minNotional = pr[8];
  const otherGross = pr[9];
  const otherValue = pr[10];
  const cashFast = pr[11] === 1;
  let cash = st[0];
  let pos = st[1];
  let mark = st[2];
  let fees = st[3];
  let slip = st[4];
  let pnl = st[5];
  let traded = st[6];
  let fills = st[7];
  for (let k = from; k < to; k++) {
    const m = mid[k];
    let q = qty[k];
    let fee = 0;
    if (m > 0 && q !== 0) {
      if (!Number.isNaN(mark)) pnl += pos * (m - mark);
      mark = m;
      if (!allowShort && pos + q < 0) q = pos > 0 ? -pos : 0;
      const newAbs = pos + q < 0 ? -(pos + q) : pos + q;
      const oldAbs = pos < 0 ? -pos : pos;
      // Fast path: in a cash account, a buy on a long book with no weight limit is bound by the cash rule
      // below, which is tighter than the leverage rule, so the leverage check cannot change the result.
      if (newAbs > oldAbs && !(cashFast && q > 0 && pos >= 0)) {
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
      if (q !== 0 && notional >= minNotional && notional !== 0) {
        fee = notional * takerFee;
        cash -= q * px + fee;
        pos += q;
        fees += fee;
        slip += q * (px - m);
        traded += notional;
        fills++;
      } else q = 0;
    } else q = 0;
    oF[k] = q;
    oFee[k] = fee;
    oCash[k] = cash;
    oPos[k] = pos;
  }
  st[0] = cash;
  st[1] = pos;
  st[2] = mark;
  st[3] = fees;
  st[4] = slip;
  st[5] = pnl;
  st[6] = traded;
  st[7] = fills;
}

/**
 * {@link fillKernel} specialized to a spot cash account with a long-only book and no weight limit or
 * minimum notional: the leverage branch can never bind there (the cash rule is tighter), so it is left out.
 */
function fillKernelSpotCash(
  qty: Float64Array,
  mid: Float64Array,
  from: number,
  to: number,
  oF: Float64Array,
  oFee: Float64Array,
  oCash: Float64Array,
  oPos: Float64Array,
  st: Float64Array,
  pr: Float64Array,
): void {
  const takerFee = pr[0];
  const feeCap = pr[1];
  const hsFrac = pr[2];
  let cash = st[0];
  let pos = st[1];
  let mark = st[2];
  let fees = st[3];
  let slip = st[4];
  let pnl = st[5];
  let traded = st[6];
  let fills = st[7];
  for (let k = from; k < to; k++) {
    const m = mid[k];
    let q = qty[k];
    let fee = 0;
    if (m > 0 && q !== 0) {
      if (!Number.isNaN(mark)) pnl += pos * (m - mark);
      mark = m;
      // Branch-free on the order's side (random signs defeat branch prediction): px = m + hs for a buy,
      // m - hs for a sell (hs times exactly +1 or -1), sells clipped to the (non-negative) position by max.
      // (fl(pos + q) < 0 exactly when q < -pos, so max(q, -pos) is the same clip as execute's.)
      const px = m + m * hsFrac * (2 * +(q > 0) - 1);
      q = Math.max(q, -pos);
      // Buys up to the cash. The division sits on the loop-carried cash chain, so it is skipped when the
      // order is clearly affordable: fl(q * unit) <= fl(cash * GUARD) implies q < cash / unit exactly, so
      // the rounded quotient is >= q and the clip could not bind (bit-identical to always dividing).
      const unit = px * feeCap;
      if (!(q * unit <= cash * GUARD) && q > 0) {
        const maxQ = cash > 0 ? cash / unit : 0;
        if (q > maxQ) q = maxQ;
      }
      if (q !== 0) {
        const notional = Math.abs(q) * px;
        fee = notional * takerFee;
        cash -= q * px + fee;
        pos += q;
        fees += fee;
        slip += q * (px - m);
        traded += notional;
        fills++;
      } else q = 0;
    } else q = 0;
    oF[k] = q;
    oFee[k] = fee;
    oCash[k] = cash;
    oPos[k] = pos;
  }
  st[0] = cash;
  st[1] = pos;
  st[2] = mark;
  st[3] = fees;
  st[4] = slip;
  st[5] = pnl;
  st[6] = traded;
  st[7] = fills;
}

// Warm-up on a tiny input at load: every site of the kernel (including the state write-back after the loop)
// gets type feedback before V8 optimizes it, so the optimized loop is not thrown away on each call's exit.
{
  const q = new Float64Array([1, -0.5, 0, 2, -3, 0.25]);
  const m = new Float64Array([10, 11, 12, 0, 9, 10]);
  const o = [new Float64Array(6), new Float64Array(6), new Float64Array(6), new Float64Array(6)];
  const st = new Float64Array([100, 0, Number.NaN, 0, 0, 0, 0, 0]);
  const pr = new Float64Array([0.001, 1.001, 0.0001, 0, 0.5, 1, 1, 1, 0, 0, 0, 0]);
  for (let i = 0; i < 3; i++) {
    fillKernel(q, m, 0, 6, o[0], o[1], o[2], o[3], st, pr);
    fillKernelSpotCash(q, m, 0, 6, o[0], o[1], o[2], o[3], st, pr);
    pr[11] = 1 - pr[11];
  }
}
