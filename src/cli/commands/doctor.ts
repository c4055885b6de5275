import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../../errors/base.js';
import { useFusedAttention } from '../../nn/attentionCore.js';
import { initBackend } from '../../nn/backend.js';
import { attentionKernels } from '../../nn/wasmKernels.js';
import { emit, globalOptions } from '../context.js';

/** Backend named by the `backend` key of the config file, if any. */
function configBackend(path: string | undefined): string | undefined {
  if (!path) return undefined;
  if (!existsSync(path)) throw new UsageError(`config file not found: ${path}`);
  const text = readFileSync(path, 'utf8');
  let cfg: unknown;
  try {
    cfg = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new UsageError(`config file ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}`, {
      cause,
    });
  }
  const b = (cfg as { backend?: unknown } | null)?.backend;
  return typeof b === 'string' ? b : undefined;
}

/** GFLOP/s of repeated 256 x 256 float32 products (2 n^3 flops each) over about `budgetMs`. */
function measureGflops(budgetMs = 300): { gflops: number; ms: number } {
  const n = 256;
  const a = tf.randomUniform([n, n], -1, 1, 'float32', 1);
  const b = tf.randomUniform([n, n], -1, 1, 'float32', 2);
  tf.matMul(a, b).dataSync();
  let reps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < budgetMs) {
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
    reps++;
  }
  const ms = (performance.now() - t0) / reps;
  a.dispose();
  b.dispose();
  return { gflops: (2 * n ** 3) / (ms * 1e6), ms };
}

/** `cwm doctor`: which TensorFlow.js backend runs, with SIMD, threads and a quick GFLOP/s figure. */
export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description(
      'check the compute setup: TF.js backend (CWM_BACKEND or config "backend"), SIMD, threads, GFLOP/s',
    )
    .option('--backend <name>', 'force a backend: auto, wasm, cpu, node, node-gpu')
    .action(async function (this: Command) {
      const opts = globalOptions(this);
      const local = this.opts() as { backend?: string };
      const info = await initBackend({
        backend: local.backend ?? process.env.CWM_BACKEND ?? configBackend(opts.config),
      });
      const speed = measureGflops();
      const report = {
        backend: info.backend,
        requested: info.requested,
        simd: info.simd,
        threads: info.threads,
        cpuCores: availableParallelism(),
        tfjsVersion: tf.version.tfjs,
        node: process.version,
        fusedAttention: useFusedAttention() && attentionKernels(16) !== undefined,
        matmulGflops: Number(speed.gflops.toFixed(2)),
        matmul256Ms: Number(speed.ms.toFixed(3)),
        notes: info.notes,
      };
      emit(opts, report, () =>
        [
          `backend      ${report.backend} (requested ${report.requested})`,
          `simd         ${report.simd ? 'yes' : 'no'}`,
          `threads      ${report.threads === 0 ? 'native (TensorFlow C library)' : report.threads} of ${report.cpuCores} cores`,
          `tfjs         ${report.tfjsVersion}, node ${report.node}`,
          `attention    ${report.fusedAttention ? 'fused WebAssembly SIMD kernels' : 'TF.js ops'}`,
          `matmul       ${report.matmulGflops} GFLOP/s (256x256 float32, ${report.matmul256Ms} ms each)`,
          ...report.notes.map((n) => `note         ${n}`),
        ].join('\n'),
      );
    });
}
