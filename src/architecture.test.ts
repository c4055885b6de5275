import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DOMAIN_RANK } from './architecture.js';

const srcDir = fileURLToPath(new URL('.', import.meta.url));

function listTs(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listTs(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

function domainOf(file: string): string | undefined {
  const rel = relative(srcDir, file).split(sep);
  return rel.length > 1 ? rel[0] : undefined;
}

describe('architecture', () => {
  const files = listTs(srcDir);

  it('every src/ folder is a known domain', () => {
    const unknown = new Set<string>();
    for (const f of files) {
      const d = domainOf(f);
      if (d && DOMAIN_RANK[d] === undefined) unknown.add(d);
    }
    expect([...unknown]).toEqual([]);
  });

  it('imports point only left along the domain chain, end in .js, and use no default or star exports', () => {
    const violations: string[] = [];
    const importRe =
      /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
    for (const f of files) {
      const from = domainOf(f);
      const text = readFileSync(f, 'utf8');
      if (/^export\s+default\s/m.test(text)) violations.push(`${relative(srcDir, f)}: default export`);
      if (/^export\s+\*\s+from/m.test(text)) violations.push(`${relative(srcDir, f)}: export *`);
      for (const m of text.matchAll(importRe)) {
        const spec = m[1] ?? m[2];
        if (!spec.endsWith('.js') && !spec.endsWith('.json')) {
          violations.push(`${relative(srcDir, f)}: relative import "${spec}" must end in .js`);
        }
        const target = resolve(join(f, '..'), spec);
        if (relative(srcDir, target).startsWith('..')) {
          const benchRunner = f.endsWith('.bench.ts') && target.endsWith(join('bench', 'runner.js'));
          if (!benchRunner) violations.push(`${relative(srcDir, f)}: imports outside src/ ("${spec}")`);
          continue;
        }
        const to = domainOf(target);
        if (!from || !to || from === to) continue;
        if ((DOMAIN_RANK[to] ?? 99) >= (DOMAIN_RANK[from] ?? -1)) {
          violations.push(`${relative(srcDir, f)}: ${from} imports ${to} ("${spec}")`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
