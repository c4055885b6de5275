import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { CheckpointError } from '../errors/nn.js';
import type { CwmLayer } from './layer.js';
import { decodeSafetensors, encodeSafetensors, type SafeTensor } from './safetensors.js';

/** File names inside a checkpoint folder. */
export const WEIGHTS_FILE = 'model.safetensors';
export const CONFIG_FILE = 'config.json';

/** A loaded checkpoint: named tensors, the JSON config and the safetensors metadata. */
export interface Checkpoint {
  tensors: Record<string, SafeTensor>;
  config: Record<string, unknown>;
  metadata: Record<string, string>;
}

function writeAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Current values of a block's weights (and its sub-blocks'), keyed by stable local path. */
export function layerTensors(layer: CwmLayer): Record<string, SafeTensor> {
  const out: Record<string, SafeTensor> = {};
  for (const [name, v] of layer.namedWeights()) {
    const t = v.read();
    out[name] = { dtype: 'F32', shape: [...t.shape], data: Float32Array.from(t.dataSync() as Float32Array) };
  }
  return out;
}

/**
 * Writes `dir/model.safetensors` (weights) and `dir/config.json` (block config plus `extra`), each by
 * write-then-rename so a crash never leaves a half-written file.
 * @example
 * saveCheckpoint('runs/wm/ckpt-10', block, { epoch: 10 });
 */
export function saveCheckpoint(
  dir: string,
  source: CwmLayer | Record<string, SafeTensor>,
  extra: Record<string, unknown> = {},
  metadata: Record<string, string> = {},
): void {
  mkdirSync(dir, { recursive: true });
  const isLayer = source instanceof tf.layers.Layer;
  const tensors = isLayer ? layerTensors(source as CwmLayer) : (source as Record<string, SafeTensor>);
  const config = isLayer
    ? { className: (source as CwmLayer).getClassName(), config: (source as CwmLayer).getConfig(), ...extra }
    : extra;
  writeAtomic(join(dir, WEIGHTS_FILE), encodeSafetensors(tensors, { format: 'cwm', ...metadata }));
  writeAtomic(join(dir, CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
}

/**
 * Reads a checkpoint folder written by `saveCheckpoint`.
 * @throws CheckpointError naming the file when a file is missing or malformed.
 */
export function loadCheckpoint(dir: string): Checkpoint {
  const wf = join(dir, WEIGHTS_FILE);
  const cf = join(dir, CONFIG_FILE);
  let bytes: Uint8Array;
  let configText: string;
  try {
    bytes = readFileSync(wf);
  } catch (cause) {
    throw new CheckpointError(wf, 'cannot read the weights file', { cause });
  }
  try {
    configText = readFileSync(cf, 'utf8');
  } catch (cause) {
    throw new CheckpointError(cf, 'cannot read the config file', { cause });
  }
  const { tensors, metadata } = decodeSafetensors(bytes, wf);
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(configText);
  } catch (cause) {
    throw new CheckpointError(cf, 'config is not valid JSON', { cause });
  }
  return { tensors, config, metadata };
}

/**
 * Writes checkpoint tensors into a built block's weights; every weight must be present with its shape.
 * @throws CheckpointError naming the missing or mismatched tensor.
 */
export function restoreWeights(
  layer: CwmLayer,
  tensors: Record<string, SafeTensor>,
  file = '<checkpoint>',
): void {
  for (const [name, v] of layer.namedWeights()) {
    const t = tensors[name];
    if (!t) throw new CheckpointError(file, `missing tensor "${name}"`);
    const shape = v.shape as number[];
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i]))
      throw new CheckpointError(
        file,
        `tensor "${name}" has shape [${t.shape.join(', ')}], the model needs [${shape.join(', ')}]`,
      );
    const value = tf.tensor(t.data as Float32Array, t.shape, 'float32');
    v.write(value);
    value.dispose();
  }
}
