import * as tf from '@tensorflow/tfjs';

/** Kernel names of cwm's 2-D product and bias add (registered per backend, see `ensureKernels`). */
const MATMUL = 'CwmMatMul2d';
const BIAS_ADD = 'CwmBiasAdd';
const kernelsFor = new Set<string>();
let gradientsRegistered = false;

const onesCache = new Map<number, tf.Tensor2D>();

/** A kept `[1, n]` row of ones (bias gradients as a fast product instead of a column sum). */
function onesRow(n: number): tf.Tensor2D {
  let o = onesCache.get(n);
  if (!o || o.isDisposed) {
    o = tf.keep(tf.ones([1, n]) as tf.Tensor2D);
    onesCache.set(n, o);
  }
  return o;
}

/**
 * Registers `CwmMatMul2d` and `CwmBiasAdd` for the current backend (delegating to its own `BatchMatMul` and
 * `Add` kernels) and their gradients once. The gradients are lazy per input, so TF.js computes only those
 * on the path to the trained variables (no input gradient for the first layer), and use only plain 2-D
 * products: on the wasm backend only the non-transposed 2-D product runs on XNNPACK; the transposed forms
 * TF.js's own MatMul gradient uses take a scalar loop 10-15x slower, and a column sum (bias gradient) is slow too.
 */
function ensureKernels(): boolean {
  const backend = tf.getBackend();
  if (kernelsFor.has(backend)) return true;
  const mm = tf.getKernel('BatchMatMul', backend);
  const add = tf.getKernel('Add', backend);
  if (!mm || !add) return false;
  tf.registerKernel({
    kernelName: MATMUL,
    backendName: backend,
    kernelFunc: (args) =>
      mm.kernelFunc({
        ...args,
        inputs: { a: args.inputs.a, b: args.inputs.b },
        attrs: { transposeA: false, transposeB: false },
      }),
  });
  tf.registerKernel({
    kernelName: BIAS_ADD,
    backendName: backend,
    kernelFunc: (args) =>
      add.kernelFunc({ ...args, inputs: { a: args.inputs.x, b: args.inputs.bias }, attrs: {} }),
  });
  if (!gradientsRegistered) {
    tf.registerGradient({
      kernelName: MATMUL,
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, saved) => {
        const [a, b] = saved as tf.Tensor2D[];
        const d = dy as tf.Tensor2D;
        return { a: () => matMul2d(d, tf.transpose(b)), b: () => matMul2d(tf.transpose(a), d) };
      },
    });
    tf.registerGradient({
      kernelName: BIAS_ADD,
      gradFunc: (dy) => {
        const d = dy as tf.Tensor2D;
        return { x: () => d, bias: () => tf.reshape(matMul2d(onesRow(d.shape[0]), d), [d.shape[1]]) };
      },
    });
    gradientsRegistered = true;
  }
  kernelsFor.add(backend);
  return true;
}

/**
 * 2-D matrix product `a @ b` whose gradients are plain 2-D products computed only when needed:
 * `da = dy @ transpose(b)`, `db = transpose(a) @ dy` (see `ensureKernels` for why).
 * @param a [m, k]
 * @param b [k, n]
 * @returns [m, n]
 */
export function matMul2d(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  if (!ensureKernels()) return tf.matMul(a, b);
  return tf.engine().runKernel(MATMUL, { a, b }) as tf.Tensor2D;
}

/**
 * Affine map `a @ w + bias` with the fast lazy gradients of `matMul2d`; the bias gradient is
 * `ones[1, m] @ dy`.
 * @param a [m, k]
 * @param w [k, n]
 * @param bias [n]
 * @returns [m, n]
 */
export function affine2d(a: tf.Tensor2D, w: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D {
  const y = matMul2d(a, w);
  if (!ensureKernels()) return tf.add(y, bias);
  return tf.engine().runKernel(BIAS_ADD, { x: y, bias }) as tf.Tensor2D;
}

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
