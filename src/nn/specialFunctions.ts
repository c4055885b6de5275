import * as tf from '@tensorflow/tfjs';

/**
 * log Gamma(x) for x > 0, elementwise and differentiable: recurrence `lgamma(x) = lgamma(x + 6) -
 * log(x (x+1) ... (x+5))`, then Stirling's series to the z^-5 term (Abramowitz and Stegun 6.1.41), abs. error
 * below 1e-6 in float32 range.
 */
export function lgamma(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    let prod = x;
    for (let k = 1; k < 6; k++) prod = tf.mul(prod, tf.add(x, k));
    const z = tf.add(x, 6);
    const zi = tf.reciprocal(z);
    const zi2 = tf.square(zi);
    const series = tf.mul(zi, tf.add(1 / 12, tf.mul(zi2, tf.add(-1 / 360, tf.mul(zi2, 1 / 1260)))));
    const stirling = tf.add(
      tf.sub(tf.mul(tf.sub(z, 0.5), tf.log(z)), z),
      tf.add(0.5 * Math.log(2 * Math.PI), series),
    );
    return tf.sub(stirling, tf.log(prod));
  });
}
