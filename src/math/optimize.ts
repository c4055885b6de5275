/**
 * Derivative-free bounded minimization: Nelder-Mead simplex with box bounds enforced by projection.
 *
 * Reference: Nelder and Mead (1965), "A simplex method for function minimization", Computer Journal 7(4);
 * adaptive coefficients from Gao and Han (2012), "Implementing the Nelder-Mead simplex algorithm with
 * adaptive parameters", Computational Optimization and Applications 51. Infeasible points (outside
 * nonlinear constraints) are handled by the objective returning `Infinity`.
 */

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Lower bounds per parameter (default `-Infinity`). */
  lower?: ArrayLike<number>;
  /** Upper bounds per parameter (default `Infinity`). */
  upper?: ArrayLike<number>;
  /** Initial simplex step per parameter (default 5% of |x0|, or 0.00025 when x0 is 0). */
  step?: ArrayLike<number>;
  /** Maximum objective evaluations (default 2000 * dimension). */
  maxEvals?: number;
  /** Stop when the simplex's value spread is below this (default 1e-10). */
  fTol?: number;
  /** Stop when the simplex's largest coordinate spread is below this (default 1e-10). */
  xTol?: number;
  /** Restarts from the best point (a fresh simplex), guarding against premature collapse (default 2). */
  restarts?: number;
}

/** Result of a minimization. */
export interface MinimizeResult {
  /** Best parameter vector found. */
  x: Float64Array;
  /** Objective at `x`. */
  fx: number;
  /** Objective evaluations used. */
  evals: number;
  /** True when a tolerance was met before `maxEvals`. */
  converged: boolean;
}

/**
 * Minimizes `f` starting at `x0` within box bounds.
 *
 * @param f objective; may return `Infinity` (or `NaN`, treated as `Infinity`) for infeasible points.
 * @param x0 starting point (projected into the bounds).
 * @example
 * const r = nelderMead((x) => (x[0] - 1) ** 2 + (x[1] + 2) ** 2, [0, 0]);
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  opts: NelderMeadOptions = {},
): MinimizeResult {
  const n = x0.length;
  const lower = opts.lower ?? new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const upper = opts.upper ?? new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const maxEvals = opts.maxEvals ?? 2000 * n;
  const fTol = opts.fTol ?? 1e-10;
  const xTol = opts.xTol ?? 1e-10;
  const restarts = opts.restarts ?? 2;
  const alpha = 1;
  const beta = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const delta = 1 - 1 / n;

  let evals = 0;
  const evalAt = (x: Float64Array): number => {
    evals++;
    const v = f(x);
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  const project = (x: Float64Array): void => {
    for (let j = 0; j < n; j++) x[j] = Math.min(upper[j], Math.max(lower[j], x[j]));
  };

  const best = Float64Array.from(x0);
  project(best);
  let bestF = evalAt(best);
  let converged = false;

  const simplex: Float64Array[] = [];
  for (let i = 0; i <= n; i++) simplex.push(new Float64Array(n));
  const fs = new Float64Array(n + 1);
  const order = new Int32Array(n + 1);
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);

  for (let round = 0; round <= restarts && evals < maxEvals; round++) {
    for (let i = 0; i <= n; i++) {
      simplex[i].set(best);
      if (i > 0) {
        const j = i - 1;
        const s = opts.step?.[j] ?? (best[j] !== 0 ? 0.05 * Math.abs(best[j]) : 0.00025);
        simplex[i][j] = best[j] + s;
        if (simplex[i][j] > upper[j]) simplex[i][j] = best[j] - s;
        project(simplex[i]);
      }
      fs[i] = i === 0 ? bestF : evalAt(simplex[i]);
    }
    converged = false;
    while (evals < maxEvals) {
      for (let i = 0; i <= n; i++) order[i] = i;
      order.sort((a, b) => fs[a] - fs[b]);
      const b0 = order[0];
      const w = order[n];
      const sw = order[n - 1];
      let xSpread = 0;
      for (let i = 1; i <= n; i++) {
        for (let j = 0; j < n; j++)
          xSpread = Math.max(xSpread, Math.abs(simplex[order[i]][j] - simplex[b0][j]));
      }
      if (Math.abs(fs[w] - fs[b0]) <= fTol && xSpread <= xTol) {
        converged = true;
        break;
      }
      if (
        Number.isFinite(fs[b0]) &&
        Math.abs(fs[w] - fs[b0]) <= fTol * (1 + Math.abs(fs[b0])) &&
        xSpread <= xTol * 1e3
      ) {
        converged = true;
        break;
      }
      centroid.fill(0);
      for (let i = 0; i < n; i++) {
        const s = simplex[order[i]];
        for (let j = 0; j < n; j++) centroid[j] += s[j] / n;
      }
      const xw = simplex[w];
      for (let j = 0; j < n; j++) xr[j] = centroid[j] + alpha * (centroid[j] - xw[j]);
      project(xr);
      const fr = evalAt(xr);
      if (fr < fs[b0]) {
        for (let j = 0; j < n; j++) xe[j] = centroid[j] + beta * (xr[j] - centroid[j]);
        project(xe);
        const fe = evalAt(xe);
        if (fe < fr) {
          xw.set(xe);
          fs[w] = fe;
        } else {
          xw.set(xr);
          fs[w] = fr;
        }
        continue;
      }
      if (fr < fs[sw]) {
        xw.set(xr);
        fs[w] = fr;
        continue;
      }
      const outside = fr < fs[w];
      for (let j = 0; j < n; j++) {
        xc[j] = outside
          ? centroid[j] + gamma * (xr[j] - centroid[j])
          : centroid[j] - gamma * (centroid[j] - xw[j]);
      }
      project(xc);
      const fc = evalAt(xc);
      if (fc < (outside ? fr : fs[w])) {
        xw.set(xc);
        fs[w] = fc;
        continue;
      }
      // Shrink towards the best vertex.
      const xb = simplex[b0];
      for (let i = 0; i <= n; i++) {
        if (i === b0) continue;
        const s = simplex[i];
        for (let j = 0; j < n; j++) s[j] = xb[j] + delta * (s[j] - xb[j]);
        fs[i] = evalAt(s);
      }
    }
    let bi = 0;
    for (let i = 1; i <= n; i++) if (fs[i] < fs[bi]) bi = i;
    const improved = fs[bi] < bestF - fTol;
    if (fs[bi] <= bestF) {
      best.set(simplex[bi]);
      bestF = fs[bi];
    }
    if (!improved && round > 0) break;
  }
  return { x: best, fx: bestF, evals, converged };
}
