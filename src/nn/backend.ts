import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BackendError } from '../errors/nn.js';

/** Backends cwm can run on. `node` / `node-gpu` need the optional `@tensorflow/tfjs-node(-gpu)` package. */
export type BackendName = 'wasm' | 'cpu' | 'node' | 'node-gpu';

/** Names accepted by `CWM_BACKEND` / the `backend` config key; `auto` picks the fastest available. */
export const BACKEND_NAMES: readonly (BackendName | 'auto')[] = ['auto', 'wasm', 'cpu', 'node', 'node-gpu'];

/** What `initBackend` chose, as printed by `cwm doctor`. */
export interface BackendInfo {
  /** Backend running now (`tf.getBackend()`), e.g. `wasm`, `cpu`, `tensorflow`. */
  backend: string;
  /** What was asked for (`auto` when nothing was set). */
  requested: BackendName | 'auto';
  /** WebAssembly SIMD in use (wasm backend only). */
  simd: boolean;
  /** Compute threads the backend uses. */
  threads: number;
  /** Why an earlier choice was skipped, if any (e.g. tfjs-node not installed). */
  notes: string[];
}

let current: BackendInfo | undefined;
let pending: Promise<BackendInfo> | undefined;

const require = createRequire(import.meta.url);

/** Folder holding the `.wasm` binaries of `@tensorflow/tfjs-backend-wasm`, with a trailing slash. */
export function wasmDistDir(): string {
  return `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`;
}

/**
 * Parses a backend setting (`CWM_BACKEND` or config `backend`).
 * @throws BackendError when the name is unknown.
 */
export function parseBackendName(value: string | undefined): BackendName | 'auto' {
  if (value === undefined || value === '') return 'auto';
  const v = value.trim().toLowerCase();
  if ((BACKEND_NAMES as readonly string[]).includes(v)) return v as BackendName | 'auto';
  throw new BackendError(
    value,
    `unknown backend; use one of ${BACKEND_NAMES.join(', ')} (CWM_BACKEND or config "backend")`,
  );
}

async function tryNode(pkg: string, notes: string[]): Promise<boolean> {
  try {
    await import(/* @vite-ignore */ pkg);
    return await tf.setBackend('tensorflow');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND')
      notes.push(`${pkg} not installed (optional)`);
    else
      notes.push(
        `${pkg} failed to load (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`,
      );
    return false;
  }
}

async function tryWasm(notes: string[]): Promise<boolean> {
  try {
    // The threaded wasm build spawns no workers under Node, so always load the single-threaded SIMD build.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    const dist = wasmDistDir();
    setWasmPaths({
      'tfjs-backend-wasm.wasm': join(dist, 'tfjs-backend-wasm.wasm'),
      'tfjs-backend-wasm-simd.wasm': join(dist, 'tfjs-backend-wasm-simd.wasm'),
      'tfjs-backend-wasm-threaded-simd.wasm': join(dist, 'tfjs-backend-wasm-threaded-simd.wasm'),
    });
    return await tf.setBackend('wasm');
  } catch (err) {
    notes.push(`wasm failed (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    return false;
  }
}

async function select(requested: BackendName | 'auto'): Promise<BackendInfo> {
  const notes: string[] = [];
  let ok = false;
  if (requested === 'node' || requested === 'node-gpu') {
    ok = await tryNode(requested === 'node' ? '@tensorflow/tfjs-node' : '@tensorflow/tfjs-node-gpu', notes);
    if (!ok) throw new BackendError(requested, notes.join('; '));
  } else if (requested === 'auto') {
    ok =
      (await tryNode('@tensorflow/tfjs-node-gpu', notes)) || (await tryNode('@tensorflow/tfjs-node', notes));
    if (!ok) ok = await tryWasm(notes);
  } else if (requested === 'wasm') {
    ok = await tryWasm(notes);
    if (!ok) throw new BackendError('wasm', notes.join('; '));
  }
  if (!ok) {
    ok = await tf.setBackend('cpu');
    if (!ok) throw new BackendError('cpu', 'the TensorFlow.js CPU backend failed to start');
  }
  await tf.ready();
  const backend = tf.getBackend();
  const simd = backend === 'wasm' ? Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) : false;
  return { backend, requested, simd, threads: backend === 'tensorflow' ? 0 : 1, notes };
}

/**
 * Chooses and starts the TensorFlow.js backend once per process: `tfjs-node-gpu`, then `tfjs-node` when
 * installed, else wasm (single-threaded SIMD build; its files are loaded from node_modules), else the CPU
 * backend. `CWM_BACKEND` (or `opts.backend`, e.g. from config) forces one; a forced backend that cannot
 * start throws instead of silently falling back.
 *
 * @returns what runs now (name, SIMD, threads).
 * @throws BackendError for an unknown name or a forced backend that fails.
 * @example
 * await initBackend(); // wasm on a fresh install
 */
export async function initBackend(opts: { backend?: string | undefined } = {}): Promise<BackendInfo> {
  const requested = parseBackendName(opts.backend ?? process.env.CWM_BACKEND);
  if (current && (requested === 'auto' || requested === current.requested)) return current;
  if (pending && requested === 'auto') return pending;
  pending = select(requested).then((info) => {
    current = info;
    return info;
  });
  try {
    return await pending;
  } finally {
    pending = undefined;
  }
}

/** The backend chosen by the last `initBackend`, or undefined before it ran. */
export function backendInfo(): BackendInfo | undefined {
  return current;
}
