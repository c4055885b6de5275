import * as tf from '@tensorflow/tfjs';

/**
 * 2-D matrix product `a @ b` whose gradients are also plain (non-transposed) 2-D products:
 * `da = dy @ transpose(b)`, `db = transpose(a) @ dy`. On the wasm backend only the non-transposed 2-D
 * product runs on XNNPACK; the transposed and batched forms TF.js uses by default fall back to a scalar loop
 * that is 10-15x slower, so every dense layer in cwm goes through here.
 *
 * @param a [m, k]
 * @param b [k, n]
 * @returns [m, n]
 */
export const matMul2d = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const a = args[0] as tf.Tensor;
  const b = args[1] as tf.Tensor;
  (args[2] as tf.GradSaveFunc)([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved;
      return [
        tf.matMul(dy as tf.Tensor2D, tf.transpose(sb as tf.Tensor2D)),
        tf.matMul(tf.transpose(sa as tf.Tensor2D), dy as tf.Tensor2D),
      ];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

const onesCache = new Map<number, tf.Tensor2D>();

/** A kept `[1, n]` row of ones (bias gradients as a fast product instead of a column sum). */
function onesRow(n: number): tf.Tensor2D {
  let o = onesCache.get(n);
  if (!o) {
    o = tf.keep(tf.ones([1, n]) as tf.Tensor2D);
    onesCache.set(n, o);
  }
  return o;
}

/**
 * Affine map `a @ w + bias` (bias `[n]`) with the same fast gradients as `matMul2d`, and the bias gradient
 * computed as `ones[1, m] @ dy` (a column sum on wasm takes a slow path).
 * @param a [m, k]
 * @param w [k, n]
 * @param bias [n]
 * @returns [m, n]
 */
export const affine2d = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const a = args[0] as tf.Tensor2D;
  const w = args[1] as tf.Tensor2D;
  const bias = args[2] as tf.Tensor1D;
  (args[3] as tf.GradSaveFunc)([a, w]);
  return {
    value: tf.add(tf.matMul(a, w), bias),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sw] = saved as tf.Tensor2D[];
      const d = dy as tf.Tensor2D;
      return [
        tf.matMul(d, tf.transpose(sw)),
        tf.matMul(tf.transpose(sa), d),
        tf.reshape(tf.matMul(onesRow(d.shape[0]), d), [d.shape[1]]),
      ];
    },
  };
}) as (a: tf.Tensor2D, w: tf.Tensor2D, bias: tf.Tensor1D) => tf.Tensor2D;

/** Activations usable by dense layers. */
export type Activation = 'linear' | 'relu' | 'gelu' | 'tanh' | 'sigmoid' | 'elu' | 'softplus';

/** Applies `act` elementwise; GELU uses the tanh approximation (Hendrycks and Gimpel, 2016). */
export function activate(x: tf.Tensor, act: Activation): tf.Tensor {
  switch (act) {
    case 'linear':
      return x;
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'elu':
      return tf.elu(x);
    case 'softplus':
      return tf.softplus(x);
    case 'gelu': {
      const c = Math.sqrt(2 / Math.PI);
      const inner = tf.mul(c, tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
      return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
    }
  }
}

/** Every activation name, for argument checks. */
export const ACTIVATIONS: readonly Activation[] = [
  'linear',
  'relu',
  'gelu',
  'tanh',
  'sigmoid',
  'elu',
  'softplus',
];

/**
 * Dense map on the last axis: `x @ kernel + bias`, for any leading axes.
 * @param x [..., in]
 * @param kernel [in, out]
 * @param bias [out] or undefined
 * @returns [..., out]
 */
export function dense(
  x: tf.Tensor,
  kernel: tf.Tensor,
  bias?: tf.Tensor,
  act: Activation = 'linear',
): tf.Tensor {
  const inDim = x.shape[x.shape.length - 1];
  const outDim = kernel.shape[1] as number;
  const x2 = x.rank === 2 ? x : tf.reshape(x, [-1, inDim]);
  let y: tf.Tensor = bias
    ? affine2d(x2 as tf.Tensor2D, kernel as tf.Tensor2D, bias as tf.Tensor1D)
    : matMul2d(x2 as tf.Tensor2D, kernel as tf.Tensor2D);
  y = activate(y, act);
  return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), outDim]);
}

/**
 * Inclusive prefix sum along axis 1 of `[batch, time, feature]` as one 2-D product with a lower-triangular
 * matrix (TF.js's own `cumsum` gradient is wrong for inner axes).
 */
export function prefixSumTime(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [b, t, f] = x.shape as number[];
    const lower = tf.linalg.bandPart(tf.ones([t, t]), -1, 0) as tf.Tensor2D;
    const xt = tf.reshape(tf.transpose(x, [1, 0, 2]), [t, b * f]) as tf.Tensor2D;
    return tf.transpose(tf.reshape(matMul2d(lower, xt), [t, b, f]), [1, 0, 2]);
  });
}
