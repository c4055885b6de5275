import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgPath = fileURLToPath(new URL('../../package.json', import.meta.url));

/** The version field of cwm's package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
}

/** The git commit of the checkout cwm runs from, or `undefined` outside a git checkout. */
export function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

/**
 * Writes `run.json` into a run's output folder: the resolved config, the seed, the package version and git
 * commit, so every result can be traced and reproduced.
 */
export function writeRunInfo(outDir: string, config: unknown, seed: number | undefined): string {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, 'run.json');
  const info = { version: packageVersion(), commit: gitCommit() ?? null, seed: seed ?? null, config };
  writeFileSync(path, `${JSON.stringify(info, null, 2)}\n`);
  return path;
}
