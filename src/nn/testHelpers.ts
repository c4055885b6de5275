import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { Rng } from '../math/rng.js';
import { gradientCheck } from './gradCheck.js';
import type { CwmLayer } from './layer.js';
import { Adam } from './optimizer.js';

/** Seeded normal tensor for tests. */
export function randn(shape: number[], seed: number, scale = 1): tf.Tensor {
  const rng = new Rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal() * scale;
  return tf.tensor(a, shape);
}

function outputs(
  layer: CwmLayer,
  inputs: tf.Tensor | tf.Tensor[],
  kwargs: Record<string, unknown>,
): Float32Array[] {
  const out = layer.apply(inputs, kwargs) as tf.Tensor | tf.Tensor[];
  const list = Array.isArray(out) ? out : [out];
  const vals = list.map((t) => Float32Array.from(t.dataSync() as Float32Array));
  for (const t of list) t.dispose();
  return vals;
}

/**
 * getConfig/fromConfig round trip: the class is registered, the rebuilt block has the same config and, seeded
 * alike, gives bit-identical outputs.
 */
export function checkRoundTrip(
  layer: CwmLayer,
  inputs: tf.Tensor | tf.Tensor[],
  kwargs: Record<string, unknown> = {},
): void {
  const cls = layer.constructor as unknown as {
    className: string;
    fromConfig: (c: unknown, cfg: tf.serialization.ConfigDict) => CwmLayer;
  };
  expect(tf.serialization.SerializationMap.getMap().classNameMap[cls.className]).toBeDefined();
  const cfg = layer.getConfig();
  const copy = cls.fromConfig(cls, { ...cfg, name: `${cfg.name}_copy` });
  const a = outputs(layer, inputs, kwargs);
  const b = outputs(copy, inputs, kwargs);
  expect({ ...copy.getConfig(), name: cfg.name }).toEqual(cfg);
  expect(b).toEqual(a);
  copy.dispose();
}

/**
 * Finite-difference check of the gradients of `sum(out * r)` (r fixed random) w.r.t. every trainable weight
 * and the first input.
 */
export function checkGradients(
  layer: CwmLayer,
  inputs: tf.Tensor | tf.Tensor[],
  kwargs: Record<string, unknown> = {},
  opts: { tol?: number; eps?: number; inputGrad?: boolean } = {},
): void {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  const xVar = tf.variable(list[0], true);
  const rest = list.slice(1);
  const probe = layer.apply(Array.isArray(inputs) ? [xVar, ...rest] : xVar, kwargs) as
    | tf.Tensor
    | tf.Tensor[];
  const shapes = (Array.isArray(probe) ? probe : [probe]).map((t) => t.shape);
  for (const t of Array.isArray(probe) ? probe : [probe]) t.dispose();
  const rs = shapes.map((s, i) => randn(s as number[], 99 + i));
  const f = () =>
    tf.tidy(() => {
      const out = layer.apply(Array.isArray(inputs) ? [xVar, ...rest] : xVar, kwargs) as
        | tf.Tensor
        | tf.Tensor[];
      const outs = Array.isArray(out) ? out : [out];
      return tf.addN(outs.map((o, i) => tf.sum(tf.mul(o, rs[i])))) as tf.Scalar;
    });
  const vars = [...layer.variables(), ...(opts.inputGrad === false ? [] : [xVar])];
  const res = gradientCheck(f, vars, { eps: opts.eps ?? 1e-2 });
  for (const r of res)
    expect(r.relError, `${r.name}: analytic ${r.analytic} numeric ${r.numeric}`).toBeLessThan(
      opts.tol ?? 2e-2,
    );
  xVar.dispose();
  for (const r of rs) r.dispose();
}

/**
 * Trains `vars` on `loss` with Adam for `steps` steps; asserts `tf.memory().numTensors` is the same after the
 * 5th step and after the last (no leaks), and returns the last loss.
 */
export function trainSteps(loss: () => tf.Scalar, vars: tf.Variable[], steps: number, lr = 1e-2): number {
  const opt = new Adam({ lr });
  let last = Number.NaN;
  let mark = -1;
  for (let i = 0; i < steps; i++) {
    last = opt.minimize(loss, vars);
    if (i === 4) mark = tf.memory().numTensors;
  }
  expect(tf.memory().numTensors).toBe(mark);
  opt.dispose();
  return last;
}
