import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BackendError } from '../errors/nn.js';
import { initBackend, parseBackendName } from './backend.js';

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
});
