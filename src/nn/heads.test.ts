import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NnConfigError } from '../errors/nn.js';
import { Rng } from '../math/rng.js';
import { initBackend } from './backend.js';
import { GaussianHead, gaussianNll } from './gaussianHead.js';
import { MixtureHead, mixtureNll } from './mixtureHead.js';
import { pinballLoss, QuantileHead } from './quantileHead.js';
import { lgamma } from './specialFunctions.js';
import { StudentTHead, studentTNll } from './studentTHead.js';
import { checkGradients, checkRoundTrip, randn, trainSteps } from './testHelpers.js';

beforeAll(async () => {
  await initBackend();
});

describe('lgamma', () => {
  it('matches reference values: lgamma(0.5) = log(sqrt(pi)), lgamma(1) = 0, lgamma(10) = log(9!) and its derivative psi', () => {
    const v = lgamma(tf.tensor1d([0.5, 1, 2.5, 10])).dataSync();
    expect(v[0]).toBeCloseTo(0.5 * Math.log(Math.PI), 5);
    expect(v[1]).toBeCloseTo(0, 5);
    expect(v[2]).toBeCloseTo(Math.log(1.329340388179137), 5);
    expect(v[3]).toBeCloseTo(Math.log(362880), 4);
    // psi(1) = -Euler-Mascheroni constant.
    const g = tf
      .grad((x) => tf.sum(lgamma(x)))(tf.tensor1d([1]))
      .dataSync()[0];
    expect(g).toBeCloseTo(-0.5772156649, 4);
  });
});

/** Heteroscedastic data: y = sin(x) + (0.1 + 0.3|x|) eps. */
function hetero(n: number, seed: number, noise: (r: Rng) => number) {
  const rng = new Rng(seed);
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  const sd = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = 4 * rng.uniform() - 2;
    sd[i] = 0.1 + 0.3 * Math.abs(xs[i]);
    ys[i] = Math.sin(xs[i]) + sd[i] * noise(rng);
  }
  return { x: tf.tensor2d(xs, [n, 1]), y: tf.tensor2d(ys, [n, 1]), sd };
}

function features(x: tf.Tensor): tf.Tensor {
  return tf.concat([x, tf.abs(x), tf.sin(x), tf.ones(x.shape)], 1);
}

describe('GaussianHead', () => {
  it('NLL matches the closed form; round-trips; gradient-checks; trains to within 0.05 nats of the true model', () => {
    const nll = gaussianNll(tf.tensor1d([1]), tf.tensor1d([0]), tf.tensor1d([2])).dataSync()[0];
    expect(nll).toBeCloseTo(Math.log(2) + 1 / 8 + 0.5 * Math.log(2 * Math.PI), 5);
    const { x, y, sd } = hetero(512, 1, (r) => r.normal());
    const f = features(x);
    const h = new GaussianHead({ targets: 1, seed: 1 });
    checkRoundTrip(h, f);
    checkGradients(h, tf.slice(f, [0, 0], [4, 4]));
    let trueNll = 0;
    const yv = y.dataSync();
    const xv = x.dataSync();
    for (let i = 0; i < sd.length; i++) {
      const z = (yv[i] - Math.sin(xv[i])) / sd[i];
      trueNll += Math.log(sd[i]) + 0.5 * z * z + 0.5 * Math.log(2 * Math.PI);
    }
    trueNll /= sd.length;
    const loss = () => {
      const [m, s] = h.apply(f) as tf.Tensor[];
      return gaussianNll(y, m, s);
    };
    expect(trainSteps(loss, h.variables(), 400, 5e-2)).toBeLessThan(trueNll + 0.05);
  });
});

describe('StudentTHead', () => {
  it('NLL matches t(df=3) log-density at 1: log(0.206748) = -1.57625; trains on t(3) noise to within 0.05 nats of the true model', () => {
    const nll = studentTNll(
      tf.tensor1d([1]),
      tf.tensor1d([0]),
      tf.tensor1d([1]),
      tf.tensor1d([3]),
    ).dataSync()[0];
    expect(nll).toBeCloseTo(1.57625, 4);
    const t3 = (r: Rng) => {
      const z = r.normal();
      let c = 0;
      for (let i = 0; i < 3; i++) c += r.normal() ** 2;
      return z / Math.sqrt(c / 3);
    };
    const { x, y, sd } = hetero(512, 2, t3);
    const f = features(x);
    const h = new StudentTHead({ targets: 1, seed: 2 });
    checkRoundTrip(h, f);
    checkGradients(h, tf.slice(f, [0, 0], [4, 4]));
    const trueNll = studentTNll(
      y,
      tf.sin(x),
      tf.tensor2d(sd, [sd.length, 1]),
      tf.fill([sd.length, 1], 3),
    ).dataSync()[0];
    const loss = () => {
      const [l, s, df] = h.apply(f) as tf.Tensor[];
      return studentTNll(y, l, s, df);
    };
    expect(trainSteps(loss, h.variables(), 400, 5e-2)).toBeLessThan(trueNll + 0.05);
  });
});

describe('MixtureHead', () => {
  it('NLL of a one-component mixture equals the Gaussian NLL; fits bimodal data to NLL < -0.2 (a Gaussian cannot go below 1.0)', () => {
    const y1 = tf.tensor2d([[0.3]]);
    const a = mixtureNll(
      y1,
      tf.zeros([1, 1, 1]),
      tf.fill([1, 1, 1], 0.1),
      tf.fill([1, 1, 1], 0.7),
    ).dataSync()[0];
    const b = gaussianNll(y1, tf.tensor2d([[0.1]]), tf.tensor2d([[0.7]])).dataSync()[0];
    expect(a).toBeCloseTo(b, 5);
    const rng = new Rng(3);
    const n = 256;
    const ys = new Float32Array(n);
    for (let i = 0; i < n; i++) ys[i] = (rng.uniform() < 0.5 ? -1 : 1) + 0.1 * rng.normal();
    const y = tf.tensor2d(ys, [n, 1]);
    const f = tf.ones([n, 1]);
    const h = new MixtureHead({ targets: 1, components: 2, seed: 3 });
    checkRoundTrip(h, f);
    checkGradients(h, randn([4, 1], 4));
    const loss = () => {
      const [lg, mu, s] = h.apply(f) as tf.Tensor[];
      return mixtureNll(y, lg, mu, s);
    };
    expect(trainSteps(loss, h.variables(), 600, 5e-2)).toBeLessThan(-0.2);
  });
});

describe('QuantileHead', () => {
  it('rejects unsorted levels; pinball reference value; quantiles never cross; 10%/90% coverage within 5 points', () => {
    expect(() => new QuantileHead({ targets: 1, quantiles: [0.5, 0.1] })).toThrow(NnConfigError);
    // tau = 0.1: under-prediction by 2 costs 0.2, over-prediction by 2 costs 1.8.
    const pl = pinballLoss(tf.tensor2d([[2], [0]]), tf.tensor3d([[[0]], [[2]]]), [0.1]).dataSync()[0];
    expect(pl).toBeCloseTo((0.2 + 1.8) / 2, 6);
    const { x, y } = hetero(512, 5, (r) => r.normal());
    const f = features(x);
    const q = [0.1, 0.5, 0.9];
    const h = new QuantileHead({ targets: 1, quantiles: q, seed: 5 });
    checkRoundTrip(h, f);
    checkGradients(h, tf.slice(f, [0, 0], [4, 4]));
    const loss = () => pinballLoss(y, h.apply(f) as tf.Tensor, q);
    expect(trainSteps(loss, h.variables(), 500, 5e-2)).toBeLessThan(0.12);
    const pred = (h.apply(f) as tf.Tensor).arraySync() as number[][][];
    const yv = y.dataSync();
    let below10 = 0;
    let below90 = 0;
    for (let i = 0; i < yv.length; i++) {
      const [a, b, c] = pred[i][0];
      expect(a <= b && b <= c).toBe(true);
      if (yv[i] < a) below10++;
      if (yv[i] < c) below90++;
    }
    expect(Math.abs(below10 / yv.length - 0.1)).toBeLessThan(0.05);
    expect(Math.abs(below90 / yv.length - 0.9)).toBeLessThan(0.05);
  });
});
