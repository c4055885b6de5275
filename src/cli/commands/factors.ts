import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { Store } from '../../data/store.js';
import { UsageError } from '../../errors/base.js';
import { FactorCheckFailedError } from '../../errors/factors.js';
import { factorCoverage } from '../../factors/coverage.js';
import { factorTableName, writeFactorTable } from '../../factors/factorStore.js';
import { allFactors, factorCounts, getFactor } from '../../factors/registry.js';
import { DAY_MS, type FactorSpec, HOUR_MS } from '../../factors/spec.js';
import { StoreProvider } from '../../factors/storeProvider.js';
import { computeFactorTable, loadFactorInputs } from '../../factors/table.js';
import { checkFactorProperties } from '../../factors/testing/checkFactor.js';
import { validateFactorSpec } from '../../factors/validate.js';
import { emit, globalOptions, log, resolveDbPath } from '../context.js';
import { startProgress } from '../progress.js';

function parseDate(s: string, flag: string): number {
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  if (!Number.isFinite(t))
    throw new UsageError(`${flag}: cannot parse "${s}" as a date (use YYYY-MM-DD or ISO-8601)`);
  return t;
}

function parseFreq(s: string): number {
  if (s === '1h') return HOUR_MS;
  if (s === '1d') return DAY_MS;
  throw new UsageError(`--freq must be 1h or 1d, got "${s}"`);
}

/** `kind.field[symbol]@venue` with `?` for optional inputs. */
function formatInput(i: FactorSpec['inputs'][number]): string {
  return `${i.kind}.${i.field}${i.symbol ? `[${i.symbol}]` : ''}${i.venue ? `@${i.venue}` : ''}${i.source ? `(${i.source})` : ''}${i.optional ? '?' : ''}`;
}

/** One factor as printed by `cwm factors list --json`. */
function describeFactor(spec: FactorSpec) {
  return {
    id: spec.id,
    category: spec.category,
    name: spec.name,
    definition: spec.definition,
    reference: spec.reference,
    frequency: spec.frequency,
    unit: spec.unit,
    inputs: spec.inputs.map((i) => ({
      name: i.name,
      kind: i.kind,
      field: i.field,
      symbol: i.symbol,
      venue: i.venue,
      source: i.source,
      publicationLagMs: i.publicationLagMs,
      maxStalenessMs: i.maxStalenessMs,
      align: i.align ?? 'asof',
      optional: i.optional ?? false,
    })),
    outputs: spec.outputs.map((o) => ({ ...o })),
  };
}

async function withStore<T>(cmd: Command, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await Store.open(resolveDbPath(globalOptions(cmd)));
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

/** Loads user-defined factor specs: every export of a module that looks like a `FactorSpec`. */
async function loadModuleFactors(path: string): Promise<FactorSpec[]> {
  const mod = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  const specs: FactorSpec[] = [];
  for (const v of Object.values(mod)) {
    const items = Array.isArray(v) ? v : [v];
    for (const item of items) {
      if (item && typeof item === 'object' && 'id' in item && 'inputs' in item && 'outputs' in item) {
        validateFactorSpec(item as FactorSpec);
        specs.push(item as FactorSpec);
      }
    }
  }
  if (specs.length === 0) throw new UsageError(`${path} exports no factor spec`);
  return specs;
}

function selectFactors(ids: string | undefined, extra: FactorSpec[]): FactorSpec[] {
  if (!ids) return extra.length ? extra : [...allFactors];
  const byId = new Map(extra.map((s) => [s.id, s]));
  return ids.split(',').map((id) => byId.get(id.trim()) ?? getFactor(id.trim()));
}

/** `cwm factors list|coverage|check-lookahead|compute`. */
export function registerFactors(program: Command): void {
  const factors = program
    .command('factors')
    .description(
      'the 80-factor catalogue: list, coverage of the store, look-ahead check, compute into the store',
    );

  factors
    .command('list')
    .description('list every factor grouped by category, with definitions and inputs')
    .action(function (this: Command) {
      const g = globalOptions(this);
      const counts = factorCounts();
      emit(g, allFactors.map(describeFactor), () => {
        const lines: string[] = [];
        for (const c of counts) {
          lines.push(`\n${c.title} (${c.category}): ${c.count} of ${c.expected}`);
          for (const s of allFactors.filter((f) => f.category === c.category)) {
            lines.push(`  ${s.id.padEnd(28)} ${s.name}`);
            lines.push(`      ${s.definition}`);
            lines.push(`      inputs: ${s.inputs.map(formatInput).join(', ')}`);
          }
        }
        lines.push(`\n${allFactors.length} factors`);
        return lines.join('\n').trimStart();
      });
    });

  factors
    .command('coverage')
    .description('which factors are computable from the data in the store, and from which series')
    .option('--symbol <symbol>', 'unified symbol', 'BTC/USDT')
    .option('--venue <venue>', 'primary venue (default: any)')
    .option('--freq <freq>', 'grid of bar-based factors: 1h or 1d', '1h')
    .action(async function (this: Command) {
      const g = globalOptions(this);
      const o = this.opts<{ symbol: string; venue?: string; freq: string }>();
      const barMs = parseFreq(o.freq);
      const cov = await withStore(this, (store) =>
        factorCoverage(allFactors, new StoreProvider(store), o.symbol, { venue: o.venue, barMs }),
      );
      const n = cov.filter((c) => c.computable).length;
      emit(g, cov, () =>
        [
          ...cov.map(
            (c) =>
              `${c.computable ? 'yes' : ' no'}  ${c.category.padEnd(15)} ${c.id.padEnd(28)} ${
                c.computable
                  ? `${new Date(c.from ?? 0).toISOString().slice(0, 10)}..${new Date(c.to ?? 0).toISOString().slice(0, 10)}`
                  : `missing: ${c.missing.join(', ')}`
              }`,
          ),
          `${n} of ${cov.length} factors computable for ${o.symbol}`,
        ].join('\n'),
      );
    });

  factors
    .command('check-lookahead')
    .description('truncation test on your data: values at t must not change when data after t is removed')
    .option('--factor <ids>', 'comma-separated factor ids (default: every computable factor)')
    .option('--module <file>', 'a .ts/.js module exporting your own FactorSpec(s)')
    .option('--symbol <symbol>', 'unified symbol', 'BTC/USDT')
    .option('--venue <venue>', 'primary venue')
    .option('--freq <freq>', '1h or 1d', '1h')
    .option('--from <date>', 'grid start (default: 2000 rows before the end of the data)')
    .option('--to <date>', 'grid end (default: end of the data)')
    .option('--cuts <n>', 'random truncation times per factor', '10')
    .option('--seed <n>', 'seed of the truncation times', '7')
    .action(async function (this: Command) {
      const g = globalOptions(this);
      const o = this.opts<{
        factor?: string;
        module?: string;
        symbol: string;
        venue?: string;
        freq: string;
        from?: string;
        to?: string;
        cuts: string;
        seed: string;
      }>();
      const barMs = parseFreq(o.freq);
      const extra = o.module ? await loadModuleFactors(o.module) : [];
      const specs = selectFactors(o.factor, extra);
      const results = await withStore(this, async (store) => {
        const provider = new StoreProvider(store);
        const cov = await factorCoverage(specs, provider, o.symbol, { venue: o.venue, barMs });
        const out: Array<{
          id: string;
          checked: boolean;
          lookahead: boolean;
          rows: number;
          failures: string[];
        }> = [];
        const bar = startProgress('check-lookahead', specs.length, { silent: g.json || g.quiet });
        for (const [k, spec] of specs.entries()) {
          const c = cov[k];
          if (!c.computable || c.to === undefined) {
            out.push({
              id: spec.id,
              checked: false,
              lookahead: false,
              rows: 0,
              failures: [`not computable: missing ${c.missing.join(', ')}`],
            });
            bar.increment();
            continue;
          }
          const end = o.to ? parseDate(o.to, '--to') : Math.floor((c.to ?? 0) / barMs) * barMs;
          const start = o.from ? Math.ceil(parseDate(o.from, '--from') / barMs) * barMs : end - 2000 * barMs;
          const grid = { from: start, to: end, barMs };
          const data = await loadFactorInputs(spec, o.symbol, grid, provider, o.venue);
          const r = checkFactorProperties(spec, {
            data,
            grid,
            cuts: Number(o.cuts),
            seed: Number(o.seed),
            minFinite: 0,
          });
          out.push({
            id: spec.id,
            checked: true,
            lookahead: r.failures.some((f) => f.includes('looks ahead')),
            rows: r.rows,
            failures: r.failures,
          });
          bar.increment();
        }
        bar.stop();
        return out;
      });
      const bad = results.filter((r) => r.checked && r.failures.length > 0);
      emit(g, results, () =>
        [
          ...results.map(
            (r) =>
              `${!r.checked ? 'skip' : r.failures.length ? 'FAIL' : ' ok '}  ${r.id.padEnd(28)} ${r.checked ? `${r.rows} rows` : ''} ${r.failures.slice(0, 2).join('; ')}`,
          ),
          `${results.filter((r) => r.checked).length} checked, ${bad.length} failing`,
        ].join('\n'),
      );
      if (bad.length > 0) throw new FactorCheckFailedError(bad.map((b) => b.id));
    });

  factors
    .command('compute')
    .description('compute factors for symbols on a 1h or 1d grid and write them into the store')
    .requiredOption('--symbols <list>', 'comma-separated unified symbols, e.g. BTC/USDT,ETH/USDT')
    .option('--freq <freq>', '1h or 1d', '1d')
    .requiredOption('--from <date>', 'first grid time (UTC date or ISO-8601)')
    .requiredOption('--to <date>', 'last grid time')
    .option('--factors <ids>', 'comma-separated factor ids (default: all)')
    .option('--venue <venue>', 'primary venue')
    .option('--out <file>', 'also export the table to .parquet or .csv')
    .action(async function (this: Command) {
      const g = globalOptions(this);
      const o = this.opts<{
        symbols: string;
        freq: string;
        from: string;
        to: string;
        factors?: string;
        venue?: string;
        out?: string;
      }>();
      const barMs = parseFreq(o.freq);
      const from = Math.ceil(parseDate(o.from, '--from') / barMs) * barMs;
      const to = parseDate(o.to, '--to');
      if (to < from) throw new UsageError('--to is before --from');
      const symbols = o.symbols
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const specs = selectFactors(o.factors, []);
      const grid = { from, to, barMs };
      const summary = await withStore(this, async (store) => {
        const provider = new StoreProvider(store);
        const bar = startProgress('factors', symbols.length * specs.length, { silent: g.json || g.quiet });
        const t0 = performance.now();
        const table = await computeFactorTable({
          specs,
          symbols,
          grid,
          provider,
          venue: o.venue,
          onProgress: (d) => bar.update(d),
        });
        bar.stop();
        const seconds = (performance.now() - t0) / 1000;
        const rows = await writeFactorTable(store, table, o.freq);
        let finite = 0;
        let total = 0;
        for (const cols of table.values.values()) {
          for (const c of Object.values(cols)) {
            total += c.length;
            for (let i = 0; i < c.length; i++) if (Number.isFinite(c[i])) finite++;
          }
        }
        const name = factorTableName(o.freq);
        const exported = o.out
          ? await store.exportQuery(
              `SELECT * FROM ${name} WHERE symbol IN (${symbols.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ')}) AND ts BETWEEN ${from} AND ${to} ORDER BY symbol, ts`,
              o.out,
            )
          : undefined;
        const missing: Record<string, Record<string, string[]>> = {};
        for (const [s, m] of table.missingInputs) if (Object.keys(m).length) missing[s] = m;
        return {
          table: name,
          rows,
          columns: table.columns.length,
          factors: specs.length,
          values: total,
          availableFraction: total ? finite / total : 0,
          seconds,
          out: exported?.path,
          missingInputs: missing,
        };
      });
      log('info', 'factors computed', {
        table: summary.table,
        rows: summary.rows,
        seconds: summary.seconds.toFixed(2),
      });
      emit(g, summary, () =>
        [
          `wrote ${summary.rows} rows x ${summary.columns} columns (${summary.factors} factors) into ${summary.table}`,
          `${(summary.availableFraction * 100).toFixed(1)}% of ${summary.values} values available; ${summary.seconds.toFixed(2)} s`,
          ...(summary.out ? [`exported to ${summary.out}`] : []),
          ...Object.entries(summary.missingInputs).map(
            ([s, m]) =>
              `${s}: ${Object.keys(m).length} factors lack required inputs (${Object.keys(m).slice(0, 8).join(', ')}...)`,
          ),
        ].join('\n'),
      );
    });
}
