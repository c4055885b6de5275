import type { Command } from 'commander';
import {
  AvellanedaStoikovAgent,
  checkRegisteredEnv,
  type EnvCheckReport,
  envSpec,
  listEnvs,
  MarketMakingEnv,
  type MarketMakingStats,
  runAvellanedaStoikov,
} from '../../env/index.js';
import { UsageError } from '../../errors/base.js';
import { emit, globalOptions } from '../context.js';

function num(v: string | undefined, flag: string, fallback: number, integer = false): number {
  if (v === undefined) return fallback;
  const x = Number(v);
  if (!Number.isFinite(x) || (integer && !Number.isInteger(x)))
    throw new UsageError(`${flag} must be ${integer ? 'an integer' : 'a number'}, got "${v}"`);
  return x;
}

function renderCheck(r: EnvCheckReport): string {
  const lines = [`${r.id}: ${r.passed ? 'PASS' : 'FAIL'}`];
  for (const c of r.checks)
    lines.push(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.message ? ` (${c.message})` : ''}`);
  return lines.join('\n');
}

function renderStats(label: string, s: MarketMakingStats): string {
  const f = (x: number) => x.toFixed(2);
  return `  ${label.padEnd(10)} pnl ${f(s.meanPnl)} +- ${f(s.stdPnl)}  final q ${f(s.meanFinalInventory)} +- ${f(s.stdFinalInventory)}  mean |q| ${f(s.meanAbsInventory)}  spread ${f(s.meanSpread)}  fills ${f(s.meanFills)}  pnl/std ${f(s.pnlRatio)}`;
}

/** `cwm env list | check <name|all> | as`: the environments, their conformance checks, the A-S baseline. */
export function registerEnv(program: Command): void {
  const env = program
    .command('env')
    .description('RL environments: list, conformance check, Avellaneda-Stoikov baseline');

  env
    .command('list')
    .description('list the registered environment ids')
    .action(function (this: Command) {
      const rows = listEnvs().map((s) => ({
        id: s.id,
        kind: s.kind,
        maxEpisodeSteps: s.maxEpisodeSteps ?? null,
        description: s.description,
      }));
      emit(globalOptions(this), rows, () =>
        rows.map((r) => `${r.id.padEnd(18)} ${r.kind.padEnd(9)} ${r.description}`).join('\n'),
      );
    });

  env
    .command('check')
    .description('run the Gymnasium/PettingZoo-style conformance checker on an env id (or "all")')
    .argument('<name>', 'environment id, or "all"')
    .option('--seed <n>', 'seed of the rollouts', '0')
    .option('--steps <n>', 'steps per rollout', '64')
    .action(function (this: Command, name: string) {
      const o = this.opts() as { seed?: string; steps?: string };
      const seed = num(o.seed, '--seed', 0, true);
      const steps = num(o.steps, '--steps', 64, true);
      const ids = name === 'all' ? listEnvs().map((s) => s.id) : [name];
      const reports: EnvCheckReport[] = [];
      for (const id of ids) {
        try {
          envSpec(id);
        } catch (err) {
          throw new UsageError((err as Error).message);
        }
        reports.push(checkRegisteredEnv(id, { seed, steps }));
      }
      const passed = reports.every((r) => r.passed);
      emit(globalOptions(this), name === 'all' ? { passed, reports } : reports[0], () =>
        reports.map(renderCheck).join('\n'),
      );
      if (!passed) process.exitCode = 1;
    });

  env
    .command('as')
    .description(
      'run the Avellaneda-Stoikov baseline on MarketMakingEnv and report P&L and inventory statistics',
    )
    .option('--episodes <n>', 'episodes', '1000')
    .option('--gamma <x>', 'risk aversion', '0.1')
    .option('--seed <n>', 'first episode seed', '0')
    .option('--maker-fee-bps <x>', 'maker fee in bps (default 1; 0 reproduces the paper)', '1')
    .action(function (this: Command) {
      const o = this.opts() as { episodes?: string; gamma?: string; seed?: string; makerFeeBps?: string };
      const episodes = num(o.episodes, '--episodes', 1000, true);
      const gamma = num(o.gamma, '--gamma', 0.1);
      const seed = num(o.seed, '--seed', 0, true);
      const fee = num(o.makerFeeBps, '--maker-fee-bps', 1);
      if (episodes < 1) throw new UsageError('--episodes must be >= 1');
      if (!(gamma > 0)) throw new UsageError('--gamma must be > 0');
      const mm = new MarketMakingEnv({ execution: { makerFeeBps: fee } });
      const agent = new AvellanedaStoikovAgent({ gamma });
      const inventory = runAvellanedaStoikov(mm, agent, episodes, seed, 'inventory');
      const symmetric = runAvellanedaStoikov(mm, agent, episodes, seed, 'symmetric');
      const out = {
        env: 'MarketMakingEnv',
        params: {
          gamma,
          sigma: mm.sigma,
          k: mm.k,
          arrivalRate: mm.arrivalRate,
          horizon: mm.horizon,
          steps: mm.nSteps,
          s0: mm.s0,
          makerFeeBps: fee,
        },
        inventory,
        symmetric,
        reference:
          'Avellaneda & Stoikov (2008), Table 1 (gamma 0.1): inventory 62.94 +- 5.89, symmetric 67.21 +- 13.43',
      };
      emit(globalOptions(this), out, () =>
        [
          `Avellaneda-Stoikov on MarketMakingEnv (gamma ${gamma}, sigma ${mm.sigma}, k ${mm.k}, A ${mm.arrivalRate}, ${episodes} episodes)`,
          renderStats('inventory', inventory),
          renderStats('symmetric', symmetric),
          `  reference: ${out.reference}`,
        ].join('\n'),
      );
    });
}
