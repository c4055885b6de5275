import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { loadPanel, SHARED_DAILY_MAJORS, SHARED_INTERVALS } from '../../backtest/loadBars.js';
import { UsageError } from '../../errors/base.js';
import { InputFileError, SchemaViolationError } from '../../errors/data.js';
import { portfolioReturns, type RiskReport, riskReport } from '../../risk/riskReport.js';
import { type ShockPortfolio, shockPortfolioFromPanel } from '../../risk/stress.js';
import { emit, globalOptions, log } from '../context.js';

function parseDay(s: string | undefined, flag: string): number | undefined {
  if (s === undefined) return undefined;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  if (!Number.isFinite(t)) throw new UsageError(`${flag} "${s}" is not a date (use YYYY-MM-DD)`);
  return t;
}

/** A return series to report on, with its description. */
interface Series {
  label: string;
  ts: Float64Array;
  returns: Float64Array;
  /** The book for hypothetical shocks (1,000,000 USDT at the given weights), when known. */
  shock?: ShockPortfolio;
}

function fromSymbols(
  symbols: string[],
  weights: number[] | undefined,
  from?: number,
  to?: number,
  interval = '1d',
): Series {
  const panel = loadPanel(symbols, interval, { from, to });
  const barsPerDay = Math.round(86_400_000 / SHARED_INTERVALS[interval]);
  return {
    label: `${weights ? 'weighted' : 'equal-weight'} portfolio of ${symbols.join(', ')} (${interval} bars, rebalanced every bar)`,
    ts: panel.ts,
    returns: portfolioReturns(panel, weights),
    shock:
      panel.ts.length > 90 * barsPerDay + 1
        ? shockPortfolioFromPanel(
            panel,
            weights ?? symbols.map(() => 1),
            1_000_000,
            90 * barsPerDay,
            1,
            barsPerDay,
          )
        : undefined,
  };
}

function fromPortfolioFile(file: string, from?: number, to?: number, interval = '1d'): Series {
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new InputFileError(file, 'cannot read portfolio file', { cause: err });
  }
  const w = (raw as { weights?: unknown })?.weights;
  if (!w || typeof w !== 'object')
    throw new SchemaViolationError(
      { file, field: 'weights' },
      'expected a map of symbol to weight, e.g. weights: {BTCUSDT: 0.6, ETHUSDT: 0.4}',
    );
  const entries = Object.entries(w as Record<string, unknown>);
  for (const [s, v] of entries) {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new SchemaViolationError(
        { file, field: `weights.${s}` },
        `weight must be a number, got ${String(v)}`,
      );
  }
  const r = raw as { from?: string; to?: string };
  return fromSymbols(
    entries.map(([s]) => s.toUpperCase()),
    entries.map(([, v]) => v as number),
    from ?? parseDay(r.from, 'from'),
    to ?? parseDay(r.to, 'to'),
    interval,
  );
}

function fromRun(dir: string, strategy?: string): Series {
  if (!existsSync(dir)) throw new InputFileError(dir, 'run folder does not exist');
  const files = readdirSync(dir).filter((f) => /^returns-.*\.csv$/.test(f));
  const pick = strategy ? files.find((f) => f === `returns-${strategy}.csv`) : files[0];
  if (!pick) {
    throw new InputFileError(
      dir,
      strategy
        ? `no returns-${strategy}.csv (has: ${files.join(', ') || 'none'})`
        : 'no returns-<strategy>.csv (write one with cwm backtest --out)',
    );
  }
  const file = join(dir, pick);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const ts = new Float64Array(lines.length - 1);
  const r = new Float64Array(lines.length - 1);
  for (let i = 1; i < lines.length; i++) {
    const [d, v] = lines[i].split(',');
    ts[i - 1] = Date.parse(`${d}T00:00:00Z`);
    r[i - 1] = Number(v);
    if (!Number.isFinite(ts[i - 1]) || !Number.isFinite(r[i - 1]))
      throw new SchemaViolationError({ file, line: i + 1, field: 'return' }, `bad row "${lines[i]}"`);
  }
  return { label: `out-of-sample returns of ${pick.slice(8, -4)} from ${dir}`, ts, returns: r };
}

const pct = (x: number, d = 2): string => (Number.isFinite(x) ? `${(100 * x).toFixed(d)}%` : 'n/a');
const p3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

function pad(rows: string[][]): string {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  '))
    .join('\n');
}

function renderText(label: string, rep: RiskReport): string {
  const out: string[] = [];
  const s = rep.summary;
  out.push(
    `Risk report: ${label}`,
    `${s.n} returns ${s.from}..${s.to}; annual vol ${pct(s.annualVol, 1)}; skew ${p3(s.skew)}; excess kurtosis ${p3(s.exKurt)}`,
    '',
  );
  out.push('VaR / ES (returns; negative = loss)');
  const methods = [...new Set(rep.var.map((r) => r.method))];
  const head = ['level', 'horizon', ...methods.flatMap((m) => [`${m} VaR`, 'ES'])];
  const keys = [...new Set(rep.var.map((r) => `${r.level}|${r.horizon}`))];
  const rows = keys.map((k) => {
    const [lv, h] = k.split('|');
    const cells = methods.flatMap((m) => {
      const row = rep.var.find((r) => r.method === m && `${r.level}|${r.horizon}` === k);
      return row ? [pct(row.var), pct(row.es)] : ['', ''];
    });
    return [`${(100 * Number(lv)).toFixed(1)}%`, h, ...cells];
  });
  out.push(pad([head, ...rows]), '');
  const d = rep.maxDrawdown;
  out.push(
    `Max drawdown ${pct(d.value)} from ${d.peakDate} to ${d.troughDate}${d.recoveryDate ? `, recovered ${d.recoveryDate}` : ', not recovered'}`,
  );
  const g = rep.garch;
  out.push(
    `GARCH(1,1): mu ${g.mu.toFixed(4)}%  omega ${g.omega.toFixed(4)}  alpha ${g.alpha.toFixed(4)}  beta ${g.beta.toFixed(4)}  logL ${g.logLikelihood.toFixed(2)}  next-bar vol ${pct(g.nextDayVol)}`,
    '',
  );
  out.push(`VaR backtests (rolling ${rep.backtests[0]?.window ?? 0}-bar window, one bar ahead)`);
  const bt = [
    ['level', 'method', 'n', 'hits', 'rate', 'Kupiec LR', 'p', 'Christoffersen LR', 'p', 'CC LR', 'p'],
  ];
  for (const b of rep.backtests) {
    bt.push([
      `${(100 * b.level).toFixed(0)}%`,
      b.method,
      String(b.n),
      String(b.exceedances),
      pct(b.rate),
      p3(b.kupiec.statistic),
      p3(b.kupiec.pValue),
      p3(b.christoffersenIndependence.statistic),
      p3(b.christoffersenIndependence.pValue),
      p3(b.conditionalCoverage.statistic),
      p3(b.conditionalCoverage.pValue),
    ]);
  }
  out.push(pad(bt), '');
  if (rep.regimes) {
    out.push('Regimes (Gaussian HMM on return and log rolling vol; state 0 = calm)');
    for (const st of rep.regimes.states) {
      out.push(
        `  state ${st.state}: ${pct(st.share, 0)} of bars, vol per bar ${pct(st.vol)}, VaR95 ${pct(st.var95)}, expected duration ${st.expectedDuration.toFixed(0)} bars, now ${pct(rep.regimes.current[st.state], 0)}`,
      );
    }
    out.push('');
  }
  out.push('Stress: historical windows');
  for (const w of [...rep.stress.historical, ...rep.stress.worstWindows]) {
    out.push(
      `  ${w.name} ${w.from}..${w.to}: ${w.bars ? `return ${pct(w.totalReturn)}, worst bar ${pct(w.worstBar)} (${w.worstDate}), max DD ${pct(w.maxDrawdown)}` : 'no data'}`,
    );
  }
  if (rep.stress.hypothetical.length > 0) {
    out.push(
      '',
      'Stress: hypothetical shocks on 1,000,000 USDT at the current weights (USDT; VaR = 1-day 99% Gaussian)',
    );
    const rows = [
      [
        'scenario',
        'price P&L',
        'VaR99 before',
        'VaR99 after',
        'liquidation before',
        'after',
        'stressed loss',
      ],
    ];
    const usd = (x: number) => Math.round(x).toLocaleString('en-US');
    for (const h of rep.stress.hypothetical) {
      rows.push([
        h.name,
        usd(h.pricePnl),
        usd(h.var99Before),
        usd(h.var99After),
        usd(h.liquidationCostBefore),
        usd(h.liquidationCostAfter),
        usd(h.stressedLoss),
      ]);
    }
    out.push(pad(rows));
  }
  return out.join('\n');
}

/** Minimal SVG line chart of one or two series (for the report folder). */
function svgChart(
  title: string,
  xs: number[],
  series: Array<{ name: string; y: number[]; color: string }>,
): string {
  const W = 900;
  const H = 300;
  const pad0 = 40;
  const all = series.flatMap((s) => s.y.filter((v) => Number.isFinite(v)));
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const x0 = xs[0];
  const x1 = xs[xs.length - 1];
  const px = (x: number) => pad0 + ((x - x0) / (x1 - x0 || 1)) * (W - 2 * pad0);
  const py = (y: number) => H - pad0 - ((y - lo) / (hi - lo || 1)) * (H - 2 * pad0);
  const paths = series.map((s) => {
    let d = '';
    s.y.forEach((v, i) => {
      if (Number.isFinite(v)) d += `${d ? 'L' : 'M'}${px(xs[i]).toFixed(1)},${py(v).toFixed(1)}`;
    });
    return `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1"/><text x="${W - 200}" y="${20 + 14 * series.indexOf(s)}" fill="${s.color}" font-size="12">${s.name}</text>`;
  });
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif"><text x="${pad0}" y="20" font-size="14">${title}</text><text x="${pad0}" y="${H - 10}" font-size="11">${day(x0)}</text><text x="${W - pad0 - 70}" y="${H - 10}" font-size="11">${day(x1)}</text><text x="2" y="${pad0}" font-size="11">${hi.toPrecision(3)}</text><text x="2" y="${H - pad0}" font-size="11">${lo.toPrecision(3)}</text>${paths.join('')}</svg>\n`;
}

function writeCharts(dir: string, label: string, rep: RiskReport): void {
  mkdirSync(dir, { recursive: true });
  const { ts, equity, drawdown, returns, var99 } = rep.charts;
  writeFileSync(
    join(dir, 'risk-report.json'),
    `${JSON.stringify({ label, ...rep }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))}\n`,
  );
  writeFileSync(
    join(dir, 'equity.svg'),
    svgChart(`Growth of 1: ${label}`, ts, [{ name: 'equity', y: equity, color: '#1f77b4' }]),
  );
  writeFileSync(
    join(dir, 'drawdown.svg'),
    svgChart('Drawdown', ts, [{ name: 'drawdown', y: drawdown, color: '#d62728' }]),
  );
  writeFileSync(
    join(dir, 'var99.svg'),
    svgChart('Returns and rolling historical 99% VaR', ts, [
      { name: 'return', y: returns, color: '#7f7f7f' },
      { name: 'VaR 99%', y: var99, color: '#d62728' },
    ]),
  );
}

/** `cwm risk report`: VaR/ES, drawdown, GARCH, VaR backtests, regimes and stress for a portfolio or run. */
export function registerRisk(program: Command): void {
  const risk = program.command('risk').description('risk engine: VaR/ES, backtests, regimes, stress tests');
  risk
    .command('report')
    .description('risk report of a portfolio of symbols, a weights file, or a backtest run')
    .option(
      '--symbols <list>',
      `comma-separated symbols for an equal-weight portfolio ("majors": ${SHARED_DAILY_MAJORS.length} majors)`,
    )
    .option('--portfolio <file>', 'YAML/JSON file with weights: {SYMBOL: weight, ...} (and optional from/to)')
    .option('--run <dir>', 'backtest run folder (from cwm backtest --out) with returns-<strategy>.csv')
    .option('--strategy <name>', 'which strategy of the run (default: the first)')
    .option('--from <date>', 'first date (YYYY-MM-DD, UTC)')
    .option('--to <date>', 'end date, exclusive')
    .option('--out <dir>', 'folder for risk-report.json and SVG charts', 'cwm-runs/risk-report')
    .option('--seed <n>', 'seed for simulated VaR (default 42)', (v) => Number(v))
    .option(
      '--interval <bar>',
      `bar interval of --symbols/--portfolio data (${Object.keys(SHARED_INTERVALS).join(', ')})`,
      '1d',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  cwm risk report --symbols majors --json\n  cwm risk report --symbols BTCUSDT,ETHUSDT --from 2021-01-01',
    )
    .action(function (this: Command) {
      const g = globalOptions(this);
      const o = this.opts<{
        symbols?: string;
        portfolio?: string;
        run?: string;
        strategy?: string;
        from?: string;
        to?: string;
        out: string;
        seed?: number;
        interval: string;
      }>();
      const barMs = SHARED_INTERVALS[o.interval];
      if (!barMs) {
        throw new UsageError(
          `--interval must be one of ${Object.keys(SHARED_INTERVALS).join(', ')}, got "${o.interval}"`,
        );
      }
      const given = [o.symbols, o.portfolio, o.run].filter((x) => x !== undefined).length;
      if (given !== 1) throw new UsageError('give exactly one of --symbols, --portfolio or --run');
      const from = parseDay(o.from, '--from');
      const to = parseDay(o.to, '--to');
      let series: Series;
      if (o.symbols !== undefined) {
        const list =
          o.symbols === 'majors'
            ? [...SHARED_DAILY_MAJORS]
            : o.symbols
                .split(',')
                .map((s) => s.trim().toUpperCase())
                .filter(Boolean);
        if (list.length === 0) throw new UsageError('--symbols is empty');
        series = fromSymbols(list, undefined, from, to, o.interval);
      } else if (o.portfolio !== undefined)
        series = fromPortfolioFile(resolve(o.portfolio), from, to, o.interval);
      else {
        series = fromRun(resolve(o.run as string), o.strategy);
        let a = 0;
        let b = series.ts.length;
        while (a < b && from !== undefined && series.ts[a] < from) a++;
        while (b > a && to !== undefined && series.ts[b - 1] >= to) b--;
        series = { ...series, ts: series.ts.subarray(a, b), returns: series.returns.subarray(a, b) };
      }
      const rep = riskReport(series.ts, series.returns, {
        seed: o.seed,
        shockPortfolio: series.shock,
        barMs: o.run !== undefined ? 86_400_000 : barMs,
      });
      writeCharts(resolve(o.out), series.label, rep);
      log('info', 'risk report charts written', { dir: resolve(o.out) });
      const { charts: _charts, ...rest } = rep;
      emit(g, { label: series.label, ...rest, chartsDir: resolve(o.out) }, () =>
        renderText(series.label, rep),
      );
    });
}
