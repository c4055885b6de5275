#!/usr/bin/env node
// `npm run bench -- <name> [--json]`: runs the benchmark named <name> (src/**/<name>.bench.ts).
import { register } from 'tsx/esm/api';

register();
const { runBenchCli } = await import('../bench/runner.ts');
process.exitCode = await runBenchCli(process.argv.slice(2));
