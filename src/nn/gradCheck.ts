import * as tf from '@tensorflow/tfjs';
import { Rng } from '../math/rng.js';

/** Result of checking one variable's gradient. */
export interface GradCheckResult {
  name: string;
  /** Directional derivative from the analytic gradient, `g . u`. */
  analytic: number;
  /** Central finite difference `(f(v + eps u) - f(v - eps u)) / (2 eps)`. */
  numeric: number;
  /** |analytic - numeric| / max(|analytic|, |numeric|, 1e-3). */
  relError: number;
}

/**
 * Finite-difference gradient check along a random unit direction per variable (a directional form of the
 * standard check, e.g. CS231n notes; robust in float32). `f` must be deterministic across calls.
 * @param eps step along the direction (float32: 1e-2 to 3e-2 works well)
 */
export function gradientCheck(
  f: () => tf.Scalar,
  vars: tf.Variable[],
  opts: { eps?: number; seed?: number } = {},
): GradCheckResult[] {
  const eps = opts.eps ?? 1e-2;
  const rng = new Rng(opts.seed ?? 1);
  const { grads, value } = tf.variableGrads(f, vars);
  value.dispose();
  const out: GradCheckResult[] = [];
  for (const v of vars) {
    const n = v.size;
    const u = new Float32Array(n);
    let norm = 0;
    for (let i = 0; i < n; i++) {
      u[i] = rng.normal();
      norm += u[i] * u[i];
    }
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) u[i] /= norm;
    const ut = tf.tensor(u, v.shape);
    const g = grads[v.name];
    const analytic = tf.tidy(() => tf.sum(tf.mul(g, ut)).dataSync()[0]);
    const orig = tf.clone(v);
    const evalAt = (s: number) => {
      tf.tidy(() => v.assign(tf.add(orig, tf.mul(ut, s))));
      const r = tf.tidy(() => f().dataSync()[0]);
      return r;
    };
    const fp = evalAt(eps);
    const fm = evalAt(-eps);
    v.assign(orig);
    orig.dispose();
    ut.dispose();
    const numeric = (fp - fm) / (2 * eps);
    out.push({
      name: v.name,
      analytic,
      numeric,
      relError: Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), 1e-3),
    });
  }
  for (const g of Object.values(grads)) g.dispose();
  return out;
}
