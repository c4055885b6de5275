import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Options every benchmark receives from the command line. */
export interface BenchOptions {
  /** Print one JSON object instead of text. */
  json: boolean;
  /** Remaining `--key value` flags, unparsed. */
  args: Record<string, string>;
  /** Progress/log line to stderr (silent in --json mode is not required: stderr is not parsed). */
  log: (msg: string) => void;
}

/**
 * A benchmark: `src/<domain>/<name>.bench.ts` exports `benchmark` of this type.
 * `run` returns the figures (numbers or strings) printed as text or as one JSON object.
 */
export interface Benchmark {
  name: string;
  description: string;
  run(opts: BenchOptions): Promise<Record<string, number | string | boolean | null>>;
}

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

function findBenchFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') findBenchFiles(p, out);
    else if (entry.isFile() && entry.name.endsWith('.bench.ts')) out.push(p);
  }
  return out;
}

/** Loads every benchmark under src/ and bench/, keyed by name. */
export async function loadBenchmarks(): Promise<Map<string, { bench: Benchmark; file: string }>> {
  const files = [...findBenchFiles(join(root, 'src')), ...findBenchFiles(join(root, 'bench'))];
  const map = new Map<string, { bench: Benchmark; file: string }>();
  for (const file of files.sort()) {
    const mod = (await import(pathToFileURL(file).href)) as { benchmark?: Benchmark };
    if (mod.benchmark) map.set(mod.benchmark.name, { bench: mod.benchmark, file: relative(root, file) });
  }
  return map;
}

function parseFlags(argv: string[]): { positional: string[]; json: boolean; args: Record<string, string> } {
  const positional: string[] = [];
  const args: Record<string, string> = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) args[a.slice(2, eq)] = a.slice(eq + 1);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args[a.slice(2)] = argv[++i];
      else args[a.slice(2)] = 'true';
    } else positional.push(a);
  }
  return { positional, json, args };
}

/** `npm run bench -- <name> [--json] [--flags]`; with no name, lists the benchmarks. */
export async function runBenchCli(argv: string[]): Promise<number> {
  const { positional, json, args } = parseFlags(argv);
  const benches = await loadBenchmarks();
  const name = positional[0];
  if (!name || name === 'list' || args.help) {
    const lines = ['Usage: npm run bench -- <name> [--json]', '', 'Benchmarks:'];
    for (const [n, { bench, file }] of benches)
      lines.push(`  ${n.padEnd(12)} ${bench.description} (${file})`);
    console.log(lines.join('\n'));
    return name ? 0 : benches.size > 0 ? 0 : 1;
  }
  const entry = benches.get(name);
  if (!entry) {
    console.error(`Unknown benchmark "${name}". Known: ${[...benches.keys()].join(', ') || 'none'}`);
    return 2;
  }
  const log = (msg: string) => process.stderr.write(`[bench ${name}] ${msg}\n`);
  const result = await entry.bench.run({ json, args, log });
  if (json) console.log(JSON.stringify({ benchmark: name, ...result }));
  else {
    console.log(`${name}: ${entry.bench.description}`);
    for (const [k, v] of Object.entries(result)) {
      const shown = typeof v === 'number' ? formatNumber(v) : String(v);
      console.log(`  ${k.padEnd(24)} ${shown}`);
    }
  }
  return 0;
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return v.toPrecision(4);
}
