import type { GridParams } from './spec.js';
import { Const, type Expr, Feature, Param } from './expr.js';
import { ElemExpr } from './ops/elem.js';
import { GarchVolExpr, HmmRegimeExpr } from './ops/models.js';
import { NanReduceExpr, PairExpr } from './ops/pair.js';
import { PairRollingExpr } from './ops/pairRolling.js';
import { RollingExpr } from './ops/rolling.js';
import { ShiftExpr } from './ops/shift.js';

/**
 * Short builders for factor expressions. Every builder returns an `Expr`; numbers are lifted to constants.
 *
 * @example
 * // 20-row z-score of log volume, and close-to-close volatility annualized on the grid
 * const volumeZ = zscore(log($('volume')), 20);
 * const vol = mul(std(logRet($('close'), 1), 30), sqrt(param('barsPerYear')));
 */
type Arg = Expr | number;
const lift = (x: Arg): Expr => (typeof x === 'number' ? new Const(x) : x);

/** Input column by local name: `$('close')`. */
export const $ = (name: string): Expr => new Feature(name);
/** Constant. */
export const constant = (v: number): Expr => new Const(v);
/** Grid parameter (`barsPerYear`, `barsPerDay`, `barMs`) as a constant column. */
export const param = (name: keyof GridParams): Expr => new Param(name);

// elementwise
export const abs = (x: Arg): Expr => new ElemExpr('Abs', lift(x));
export const neg = (x: Arg): Expr => new ElemExpr('Neg', lift(x));
/** Natural log; NaN for x <= 0. */
export const log = (x: Arg): Expr => new ElemExpr('Log', lift(x));
/** Square root; NaN for x < 0. */
export const sqrt = (x: Arg): Expr => new ElemExpr('Sqrt', lift(x));
export const exp = (x: Arg): Expr => new ElemExpr('Exp', lift(x));
export const square = (x: Arg): Expr => new ElemExpr('Square', lift(x));
export const sign = (x: Arg): Expr => new ElemExpr('Sign', lift(x));
/** 1 where x is finite, else 0. */
export const finiteFlag = (x: Arg): Expr => new ElemExpr('IsFinite', lift(x));

// pairs
export const add = (a: Arg, b: Arg): Expr => new PairExpr('Add', lift(a), lift(b));
export const sub = (a: Arg, b: Arg): Expr => new PairExpr('Sub', lift(a), lift(b));
export const mul = (a: Arg, b: Arg): Expr => new PairExpr('Mul', lift(a), lift(b));
/** a / b; NaN where b = 0. */
export const div = (a: Arg, b: Arg): Expr => new PairExpr('Div', lift(a), lift(b));
export const pow = (a: Arg, b: Arg): Expr => new PairExpr('Power', lift(a), lift(b));
/** Elementwise max (NaN if either is NaN). */
export const greater = (a: Arg, b: Arg): Expr => new PairExpr('Greater', lift(a), lift(b));
/** Elementwise min (NaN if either is NaN). */
export const less = (a: Arg, b: Arg): Expr => new PairExpr('Less', lift(a), lift(b));
/** 1 if a > b, 0 otherwise, NaN if either is NaN. */
export const gt = (a: Arg, b: Arg): Expr => new PairExpr('Gt', lift(a), lift(b));
/** 1 if a < b, 0 otherwise, NaN if either is NaN. */
export const lt = (a: Arg, b: Arg): Expr => new PairExpr('Lt', lift(a), lift(b));
/** Mean of the finite members; NaN when fewer than `minCount` are finite. */
export const nanMean = (xs: Arg[], minCount = 1): Expr =>
  new NanReduceExpr('NanMean', xs.map(lift), minCount);
/** Sample std (ddof 1) of the finite members; NaN when fewer than max(2, minCount) are finite. */
export const nanStd = (xs: Arg[], minCount = 2): Expr => new NanReduceExpr('NanStd', xs.map(lift), minCount);
/** Max - min of the finite members; NaN when fewer than `minCount` are finite. */
export const nanRange = (xs: Arg[], minCount = 2): Expr =>
  new NanReduceExpr('NanRange', xs.map(lift), minCount);
/** Max of the finite members. */
export const nanMax = (xs: Arg[], minCount = 1): Expr => new NanReduceExpr('NanMax', xs.map(lift), minCount);
/** Min of the finite members. */
export const nanMin = (xs: Arg[], minCount = 1): Expr => new NanReduceExpr('NanMin', xs.map(lift), minCount);
/** Number of finite members (never NaN). */
export const nanCount = (xs: Arg[]): Expr => new NanReduceExpr('NanCount', xs.map(lift), 0);
/** a where a is finite-or-infinite (not NaN), else b: use a proxy when the preferred input is missing. */
export const coalesce = (a: Arg, b: Arg): Expr => new PairExpr('Coalesce', lift(a), lift(b));

// time shifts (n >= 0; negative shifts are rejected: they read the future)
/** Value n rows earlier (Qlib `Ref`). */
export const lag = (x: Arg, n: number): Expr => new ShiftExpr('Ref', lift(x), n);
/** x_t - x_{t-n}. */
export const diff = (x: Arg, n = 1): Expr => new ShiftExpr('Delta', lift(x), n);
/** ln(x_t / x_{t-n}); NaN for non-positive prices. */
export const logRet = (x: Arg, n = 1): Expr => new ShiftExpr('LogRet', lift(x), n);
/** x_t / x_{t-n} - 1. */
export const pctChange = (x: Arg, n = 1): Expr => new ShiftExpr('PctChange', lift(x), n);

// rolling windows of w rows
export const sum = (x: Arg, w: number): Expr => new RollingExpr('Sum', lift(x), w);
export const mean = (x: Arg, w: number): Expr => new RollingExpr('Mean', lift(x), w);
/** Sample variance (ddof 1). */
export const variance = (x: Arg, w: number): Expr => new RollingExpr('Var', lift(x), w);
/** Sample standard deviation (ddof 1). */
export const std = (x: Arg, w: number): Expr => new RollingExpr('Std', lift(x), w);
/** (x - mean_w) / std_w; NaN on a flat window. */
export const zscore = (x: Arg, w: number): Expr => new RollingExpr('ZScore', lift(x), w);
/** OLS slope on time (per row). */
export const slope = (x: Arg, w: number): Expr => new RollingExpr('Slope', lift(x), w);
export const rollMax = (x: Arg, w: number): Expr => new RollingExpr('Max', lift(x), w);
export const rollMin = (x: Arg, w: number): Expr => new RollingExpr('Min', lift(x), w);
/** Quantile q in [0, 1], linear interpolation. */
export const quantile = (x: Arg, w: number, q: number): Expr => new RollingExpr('Quantile', lift(x), w, q);
/** Percentile rank of the current value in its window, in (0, 1]. */
export const rank = (x: Arg, w: number): Expr => new RollingExpr('Rank', lift(x), w);
/** EWM mean with span s (alpha = 2/(s+1)), NaN before s finite values. */
export const ewm = (x: Arg, span: number): Expr => new RollingExpr('Ewm', lift(x), span, 2 / (span + 1));
/** EWM mean with explicit alpha and minimum periods. */
export const ewmAlpha = (x: Arg, alpha: number, minPeriods: number): Expr =>
  new RollingExpr('Ewm', lift(x), minPeriods, alpha);
/** Cumulative sum of finite values (NaN rows stay NaN). */
export const cumsum = (x: Arg): Expr => new RollingExpr('CumSum', lift(x), 1);

// two-series rolling windows
/** Sample covariance (ddof 1). */
export const cov = (a: Arg, b: Arg, w: number): Expr => new PairRollingExpr('Cov', lift(a), lift(b), w);
/** Pearson correlation; NaN on flat windows. */
export const corr = (a: Arg, b: Arg, w: number): Expr => new PairRollingExpr('Corr', lift(a), lift(b), w);
/** OLS slope of y on x: cov(y, x) / var(x). */
export const beta = (y: Arg, x: Arg, w: number): Expr => new PairRollingExpr('Beta', lift(y), lift(x), w);

// fitted models (refitted point-in-time on a rolling window; see ops/models.ts)
/** One-step-ahead GARCH(1,1) conditional volatility of returns x (return units per row). */
export const garchVol = (x: Arg, window: number, refitEvery: number, minObs: number): Expr =>
  new GarchVolExpr(lift(x), window, refitEvery, minObs);
/** Filtered probability of the turbulent state of a 2-state Gaussian HMM on (x, |x|). */
export const hmmRegime = (x: Arg, window: number, refitEvery: number, minObs: number): Expr =>
  new HmmRegimeExpr(lift(x), window, refitEvery, minObs);
