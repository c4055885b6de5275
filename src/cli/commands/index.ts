import type { Command } from 'commander';
import { registerDoctor } from './doctor.js';
import { registerVersion } from './version.js';

/** Every subcommand of `cwm`, in help order. Each command file adds one line here. */
export const commands: Array<(program: Command) => void> = [registerVersion, registerDoctor];
