import type { Command } from 'commander';
import { registerBacktest } from './backtest.js';
import { registerData } from './data.js';
import { registerDoctor } from './doctor.js';
import { registerEnv } from './env.js';
import { registerFactors } from './factors.js';
import { registerIngest } from './ingest.js';
import { registerReport } from './report.js';
import { registerRisk } from './risk.js';
import { registerSim } from './sim.js';
import { registerStart } from './start.js';
import { registerVersion } from './version.js';

/** Every subcommand of `cwm`, in help order. Each command file adds one line here. */
export const commands: Array<(program: Command) => void> = [
  registerVersion,
  registerStart,
  registerReport,
  registerIngest,
  registerData,
  registerDoctor,
  registerBacktest,
  registerRisk,
  registerEnv,
  registerFactors,
  registerSim,
];
