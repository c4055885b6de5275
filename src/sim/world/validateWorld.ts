/**
 * Long validation run (not part of `npm test`): simulates the default world for N days (default 30) into a
 * throw-away DuckDB store and checks that every record kind of the data schemas was written.
 *
 * Run: `npx tsx src/sim/world/validateWorld.ts [days] [seed]`; exit code 1 when a kind is missing.
 */
import { RECORD_KINDS } from '../../data/schemas/index.js';
import { Store } from '../../data/store.js';
import { loadScenario } from './scenario.js';
import { StoreSink } from './storeSink.js';
import { World } from './world.js';

async function main(): Promise<number> {
  const days = Number(process.argv[2] ?? 30);
  const seed = Number(process.argv[3] ?? 1);
  const store = await Store.open(':memory:');
  const sink = await StoreSink.open(store);
  const t0 = performance.now();
  const world = new World(loadScenario('default'), seed, sink);
  world.runDays(days, (d) => process.stderr.write(`\rday ${d}/${days}`));
  await sink.commit();
  process.stderr.write('\n');
  let missing = 0;
  for (const kind of RECORD_KINDS) {
    const n = await store.count(kind);
    if (n === 0) missing++;
    process.stdout.write(`${n === 0 ? 'MISSING' : 'ok     '} ${kind.padEnd(16)} ${n}\n`);
  }
  store.close();
  process.stdout.write(
    `${days} days in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${missing} kinds missing\n`,
  );
  return missing ? 1 : 0;
}

main().then((code) => process.exit(code));
