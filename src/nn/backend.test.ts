import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BackendError } from '../errors/nn.js';
import { setFusedAttention } from './attentionCore.js';
import { initBackend, parseBackendName } from './backend.js';
import { MultiHeadAttention } from './multiHeadAttention.js';
import { randn } from './testHelpers.js';

describe('backend selection', () => {
  it('parses the setting and rejects unknown names', () => {
    expect(parseBackendName(undefined)).toBe('auto');
    expect(parseBackendName(' WASM ')).toBe('wasm');
    expect(() => parseBackendName('gpu')).toThrow(BackendError);
  });

  it('defaults to wasm with SIMD (tfjs-node is not installed here), single thread', async () => {
    const info = await initBackend({ backend: 'auto' });
    expect(info.backend).toBe('wasm');
    expect(info.simd).toBe(true);
    expect(info.threads).toBe(1);
    expect(info.notes.some((n) => n.includes('tfjs-node'))).toBe(true);
  });

  it('a forced backend is used or fails loudly; cpu and wasm agree on a product', async () => {
    await expect(initBackend({ backend: 'node' })).rejects.toThrow(BackendError);
    const a = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const wasm = Array.from(tf.matMul(a, a).dataSync());
    expect((await initBackend({ backend: 'cpu' })).backend).toBe('cpu');
    const b = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    expect(Array.from(tf.matMul(b, b).dataSync())).toEqual(wasm);
    expect((await initBackend({ backend: 'wasm' })).backend).toBe('wasm');
  });

  it('fused attention gives the TF.js result on the cpu backend too (results are copied out of kernel memory)', async () => {
    await initBackend({ backend: 'cpu' });
    const m = new MultiHeadAttention({ numHeads: 2, causal: true, seed: 3 });
    const x = randn([2, 5, 8], 4);
    m.apply(x);
    const run = (fused: boolean) => {
      setFusedAttention(fused);
      const { value, grads } = tf.variableGrads(
        () => tf.sum(tf.square(m.apply(x) as tf.Tensor)) as tf.Scalar,
        m.variables(),
      );
      // A second call must not overwrite the first call's results.
      (m.apply(randn([2, 5, 8], 5)) as tf.Tensor).dispose();
      setFusedAttention(undefined);
      return [value, ...m.variables().map((v) => grads[v.name])];
    };
    const a = run(true);
    const b = run(false);
    for (let i = 0; i < a.length; i++)
      expect(tf.max(tf.abs(tf.sub(a[i], b[i]))).dataSync()[0]).toBeLessThan(1e-4);
    await initBackend({ backend: 'wasm' });
  });
});
