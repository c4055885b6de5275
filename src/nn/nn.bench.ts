import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../math/rng.js';
import { setFusedAttention } from './attentionCore.js';
import { initBackend } from './backend.js';
import { MultiHeadAttention } from './multiHeadAttention.js';
import { Adam } from './optimizer.js';

const TORCH_SCRIPT = '/work/shared/peers/bench_torch.py';

function randn(n: number, rng: Rng, scale = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal() * scale;
  return a;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs the peer script and reports its own CPU and wall seconds, so contention can be factored out. */
const WRAPPER = [
  'import resource, runpy, sys, time',
  't0 = time.perf_counter()',
  'sys.argv = [sys.argv[1], "--threads", "1"]',
  'runpy.run_path(sys.argv[0], run_name="__main__")',
  'r = resource.getrusage(resource.RUSAGE_SELF)',
  'print(f"RUSAGE cpu={r.ru_utime + r.ru_stime} wall={time.perf_counter() - t0}")',
].join('\n');

/**
 * Runs the PyTorch peer (single thread) and returns its attention-block step time (wall, ms) and the
 * script's CPU/wall ratio, or undefined when PyTorch is not installed.
 */
function torchPeer(log: (m: string) => void): { ms: number; cpuShare: number } | undefined {
  if (!existsSync('/usr/bin/python3') || !existsSync(TORCH_SCRIPT)) return undefined;
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    log('PyTorch not installed (apt-get install -y python3-torch); skipping the side-by-side run');
    return undefined;
  }
  const r = spawnSync('/usr/bin/python3', ['-c', WRAPPER, TORCH_SCRIPT], {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    timeout: 600_000,
  });
  const m = /RESULT attention_block_train_step .*median_ms=([\d.]+)/.exec(r.stdout ?? '');
  const u = /RUSAGE cpu=([\d.]+) wall=([\d.]+)/.exec(r.stdout ?? '');
  if (!m) {
    log(`PyTorch peer failed: ${(r.stderr ?? '').split('\n').slice(-3).join(' ')}`);
    return undefined;
  }
  return { ms: Number(m[1]), cpuShare: u ? Math.min(1, Number(u[1]) / Number(u[2])) : 1 };
}

/**
 * `npm run bench -- nn`: ms per training step of the reference attention block (batch 32, sequence 64,
 * width 64, 4 heads, causal mask, Adam, MSE of the time-pooled output against a target) on the default
 * backend, and the PyTorch peer's figure side by side when `python3-torch` is installed. Also reports the
 * process CPU time per step (robust when other jobs share the cores) and the same step on plain TF.js ops. Shaped as
 * bench/runner.ts's `Benchmark` (not imported: nn may not import outside src).
 */
export const benchmark = {
  name: 'nn',
  description: 'attention block training step (B32 T64 D64 H4, Adam), vs PyTorch',
  async run({ args, log }: { args: Record<string, string>; log: (m: string) => void }) {
    const info = await initBackend({ backend: args.backend });
    const [B, T, D, H] = [32, 64, 64, 4];
    const steps = Number(args.steps ?? 30);
    const rng = new Rng(7);
    const x = tf.tensor3d(randn(B * T * D, rng), [B, T, D]);
    const y = tf.tensor2d(randn(B * D, rng, 0.1), [B, D]);
    const attn = new MultiHeadAttention({ numHeads: H, causal: true, seed: 1 });
    (attn.apply(x) as tf.Tensor).dispose();
    const vars = attn.variables();
    const opt = new Adam({ lr: 3e-4 });
    const loss = () => tf.mean(tf.square(tf.sub(tf.mean(attn.apply(x) as tf.Tensor, 1), y))) as tf.Scalar;
    for (let i = 0; i < 5; i++) opt.minimize(loss, vars);
    const before = tf.memory().numTensors;
    const times: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      for (let i = 0; i < steps; i++) opt.minimize(loss, vars);
      const dc = process.cpuUsage(c0);
      times.push((performance.now() - t0) / steps);
      cpu.push((dc.user + dc.system) / 1000 / steps);
    }
    const leaked = tf.memory().numTensors - before;
    const cpuMsPerStep = Math.min(...cpu);
    const msPerStep = median(times);
    log(
      `tfjs ${info.backend}: ${msPerStep.toFixed(2)} ms/step (runs ${times.map((t) => t.toFixed(2)).join(', ')})`,
    );
    // Same step on plain TF.js ops (fused attention kernels off), for the record.
    setFusedAttention(false);
    const unfusedSteps = Math.max(3, Math.floor(steps / 3));
    const u0 = performance.now();
    for (let i = 0; i < unfusedSteps; i++) opt.minimize(loss, vars);
    const unfusedMsPerStep = (performance.now() - u0) / unfusedSteps;
    setFusedAttention(undefined);
    const fwdT0 = performance.now();
    for (let i = 0; i < steps; i++) tf.tidy(() => attn.apply(x) as tf.Tensor).dispose();
    const forwardMs = (performance.now() - fwdT0) / steps;
    attn.dispose();
    opt.dispose();
    x.dispose();
    y.dispose();
    const torch = args.torch === 'false' ? undefined : torchPeer(log);
    const out: Record<string, number | string | boolean | null> = {
      msPerStep,
      cpuMsPerStep,
      unfusedMsPerStep,
      forwardMs,
      backend: info.backend,
      simd: info.simd,
      threads: info.threads,
      leakedTensors: leaked,
    };
    if (torch !== undefined) {
      out.torchMsPerStep = torch.ms;
      out.ratioVsTorch = msPerStep / torch.ms;
      // Machines shared with other jobs stretch wall time unevenly; compare CPU time too (torch's estimated
      // from its wall time and the peer script's CPU/wall share).
      out.torchCpuMsPerStepEst = torch.ms * torch.cpuShare;
      out.cpuRatioVsTorch = cpuMsPerStep / (torch.ms * torch.cpuShare);
      log(`PyTorch: ${torch.ms.toFixed(2)} ms/step; ratio ${(msPerStep / torch.ms).toFixed(2)}x wall`);
    }
    return out;
  },
};
