import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError } from '../errors/nn.js';
import { initBackend } from './backend.js';
import { loadCheckpoint, restoreWeights, saveCheckpoint, WEIGHTS_FILE } from './checkpoint.js';
import { Adam } from './optimizer.js';
import { decodeSafetensors, encodeSafetensors } from './safetensors.js';
import { randn } from './testHelpers.js';
import { TransformerBlock } from './transformerBlock.js';

beforeAll(async () => {
  await initBackend();
});

describe('safetensors', () => {
  it('writes the spec layout: u64 LE header size, JSON header padded to 8 bytes, LE data at data_offsets', () => {
    const bytes = encodeSafetensors(
      {
        b: { dtype: 'I32', shape: [2], data: new Int32Array([-1, 7]) },
        a: { dtype: 'F32', shape: [1, 2], data: new Float32Array([1.5, -2]) },
      },
      { note: 'x' },
    );
    const view = new DataView(bytes.buffer);
    const n = Number(view.getBigUint64(0, true));
    expect(n % 8).toBe(0);
    expect(view.getUint32(4, true)).toBe(0); // high half of the u64 length
    const headerText = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(headerText[0]).toBe('{');
    const header = JSON.parse(headerText);
    expect(header).toEqual({
      __metadata__: { note: 'x' },
      a: { dtype: 'F32', shape: [1, 2], data_offsets: [0, 8] },
      b: { dtype: 'I32', shape: [2], data_offsets: [8, 16] },
    });
    expect(bytes.length).toBe(8 + n + 16);
    // 1.5f = 0x3FC00000 little-endian; -1 = 0xFFFFFFFF.
    expect(Array.from(bytes.subarray(8 + n, 8 + n + 4))).toEqual([0x00, 0x00, 0xc0, 0x3f]);
    expect(view.getInt32(8 + n + 8, true)).toBe(-1);
    expect(view.getInt32(8 + n + 12, true)).toBe(7);
  });

  it('rejects malformed files with CheckpointError', () => {
    const good = encodeSafetensors({ a: { dtype: 'F32', shape: [2], data: new Float32Array([1, 2]) } });
    expect(() => decodeSafetensors(good.subarray(0, 5), 'f')).toThrow(CheckpointError);
    expect(() => decodeSafetensors(good.subarray(0, good.length - 4), 'f')).toThrow(/data_offsets/);
    const extra = new Uint8Array(good.length + 4);
    extra.set(good);
    expect(() => decodeSafetensors(extra, 'f')).toThrow(/trailing/);
    expect(() => encodeSafetensors({ a: { dtype: 'F32', shape: [3], data: new Float32Array(2) } })).toThrow(
      /needs 3/,
    );
  });
});

describe('checkpoints', () => {
  it('round-trip a trained block bit-exactly (weights, outputs, file bytes) and restore into a fresh block', () => {
    const blk = new TransformerBlock({ numHeads: 2, ffDim: 16, causal: true, seed: 5 });
    const x = randn([2, 6, 8], 1);
    blk.apply(x);
    const opt = new Adam({ lr: 1e-2 });
    for (let i = 0; i < 5; i++)
      opt.minimize(() => tf.mean(tf.square(blk.apply(x) as tf.Tensor)) as tf.Scalar, blk.variables());
    const dir = mkdtempSync(join(tmpdir(), 'cwm-ckpt-'));
    saveCheckpoint(dir, blk, { epoch: 5 });
    const ck = loadCheckpoint(dir);
    expect(ck.config).toMatchObject({
      className: 'CwmTransformerBlock',
      epoch: 5,
      config: { numHeads: 2, ffDim: 16 },
    });
    expect(ck.metadata.format).toBe('cwm');
    for (const [name, v] of blk.namedWeights())
      expect(Array.from(ck.tensors[name].data)).toEqual(Array.from(v.read().dataSync()));
    const fresh = new TransformerBlock({ numHeads: 2, ffDim: 16, causal: true, seed: 99 });
    fresh.apply(x);
    restoreWeights(fresh, ck.tensors, dir);
    expect(Array.from((fresh.apply(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((blk.apply(x) as tf.Tensor).dataSync()),
    );
    const dir2 = mkdtempSync(join(tmpdir(), 'cwm-ckpt-'));
    saveCheckpoint(dir2, fresh, { epoch: 5 });
    expect(readFileSync(join(dir2, WEIGHTS_FILE))).toEqual(readFileSync(join(dir, WEIGHTS_FILE)));
  });

  it('names the missing tensor or bad shape', () => {
    const blk = new TransformerBlock({ numHeads: 2, ffDim: 16, seed: 1 });
    blk.apply(tf.zeros([1, 3, 8]));
    const other = new TransformerBlock({ numHeads: 2, ffDim: 8, seed: 1 });
    other.apply(tf.zeros([1, 3, 8]));
    const dir = mkdtempSync(join(tmpdir(), 'cwm-ckpt-'));
    saveCheckpoint(dir, other);
    expect(() => restoreWeights(blk, loadCheckpoint(dir).tensors, dir)).toThrow(/ff\/kernel0.*\[8, 16\]/);
    writeFileSync(join(dir, 'config.json'), '{bad');
    expect(() => loadCheckpoint(dir)).toThrow(CheckpointError);
    expect(() => loadCheckpoint(join(dir, 'missing'))).toThrow(/cannot read/);
  });
});
