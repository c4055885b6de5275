import type { MainJobResults, StrategyResult, StrategyRisk } from '../pipeline/mainJob.js';
import { esc, heatmap, lineChart, PALETTE } from './svg.js';

/** Provenance of a run as written to run.json (`writeRunInfo`). */
export interface RunProvenance {
  version?: string;
  commit?: string | null;
  seed?: number | null;
  config?: unknown;
}

/** Section ids of the report, in order (also its table of contents). */
export const REPORT_SECTIONS = [
  ['summary', 'Summary'],
  ['data', 'Data'],
  ['prices', 'Prices'],
  ['factors', 'Factors'],
  ['backtest', 'Backtests'],
  ['risk', 'Risk'],
  ['run', 'Run'],
] as const;

const pct = (x: number | null | undefined, d = 1): string =>
  typeof x === 'number' && Number.isFinite(x) ? `${(100 * x).toFixed(d)}%` : 'n/a';
const num = (x: number | null | undefined, d = 2): string =>
  typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : 'n/a';
const pval = (x: number | null | undefined): string =>
  typeof x === 'number' && Number.isFinite(x) ? (x < 0.001 ? '<0.001' : x.toFixed(3)) : 'n/a';

function table(
  head: string[],
  rows: string[][],
  opts: { numeric?: boolean; cls?: string; left?: number[] } = {},
): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const cls = (i: number) =>
    i === 0 ? ' class="k"' : opts.numeric !== false && !opts.left?.includes(i) ? ' class="n"' : '';
  const body = rows
    .map((r) => `<tr>${r.map((cell, i) => `<td${cls(i)}>${cell}</td>`).join('')}</tr>`)
    .join('');
  return `<table${opts.cls ? ` class="${opts.cls}"` : ''}><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function badge(ok: boolean, yes: string, no: string): string {
  return ok ? `<span class="ok">${esc(yes)}</span>` : `<span class="bad">${esc(no)}</span>`;
}

function paramsText(p: Record<string, number>): string {
  const e = Object.entries(p);
  return e.length ? e.map(([k, v]) => `${k}=${v}`).join(', ') : '(none)';
}

function mostChosen(s: StrategyResult): string {
  const counts = new Map<string, number>();
  for (const p of s.chosenParams) {
    const k = paramsText(p);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${esc(k)} &times;${n}`)
    .join('; ');
}

const colorOf = (k: number) => PALETTE[k % PALETTE.length];

/** One line naming the data source: the simulated world's scenario and seed, or the built-in sample. */
export function sourceLabel(r: MainJobResults): string {
  const s = r.source;
  if (s?.kind === 'sim')
    return `Simulated world "${s.scenario ?? 'default'}" (seed ${r.seed}, ${s.days ?? '?'} days, ${s.agents ?? '?'} agents)`;
  return `Built-in sample (seed ${r.seed})`;
}

function summarySection(r: MainJobResults): string {
  const best = [...r.backtest.strategies].sort((a, b) => b.withCosts.sharpe - a.withCosts.sharpe)[0];
  const cards = [
    [
      r.source?.kind === 'sim' ? 'Simulated world' : 'Sample',
      `${r.sample.symbols.length} assets, ${r.sample.hours} h`,
      `${r.sample.from.slice(0, 10)} .. ${r.sample.to.slice(0, 10)}`,
    ],
    [
      'Factors computed',
      `${r.factors.computed} / ${r.factors.total}`,
      `${r.factors.tableRows} rows in ${r.factors.table}`,
    ],
    [
      'Strategies',
      String(r.backtest.strategies.length),
      `walk-forward, ${r.backtest.strategies[0]?.folds ?? 0} folds, costs on`,
    ],
    best ? ['Best Sharpe (net)', num(best.withCosts.sharpe), esc(best.strategy)] : ['Best Sharpe', 'n/a', ''],
  ];
  return `<div class="cards">${cards
    .map(
      ([t, v, s]) =>
        `<div class="card"><div class="cl">${esc(t)}</div><div class="cv">${esc(v)}</div><div class="cs">${s}</div></div>`,
    )
    .join('')}</div>
<p>The main job on ${
    r.source?.kind === 'sim'
      ? `the simulated default crypto world (scenario <code>${esc(r.source.scenario ?? 'default')}</code>: agents trading on two CEXs, perps, a DEX and lending, driven by macro, news and hidden regimes)`
      : 'the built-in seeded sample'
  }: data into the DuckDB store, every factor computable from it on the
1&nbsp;h grid (point in time), the built-in strategies walk-forward with fees, spread and impact, and a risk
report of each strategy's out-of-sample returns. The data are synthetic (generated from seed ${r.seed});
figures describe the method, not any real market.</p>`;
}

function groundTruthPart(r: MainJobResults): string {
  const s = r.source;
  if (s?.kind !== 'sim') return '';
  const hours = Object.values(s.regimeHours ?? {}).reduce((a, b) => a + b, 0);
  const regimes = Object.entries(s.regimeHours ?? {}).map(([k, n]) => [
    esc(k),
    String(n),
    hours ? `${((100 * n) / hours).toFixed(1)}%` : 'n/a',
  ]);
  const fund = Object.entries(s.fundamentals ?? {}).map(([k, f]) => [
    esc(k),
    num(f.first),
    num(f.last),
    `${((100 * (f.last - f.first)) / f.first).toFixed(1)}%`,
  ]);
  return `<h3>Simulated world: ground truth</h3>
<p>Scenario <code>${esc(s.scenario ?? '')}</code>${s.description ? ` (${esc(s.description)})` : ''}, seed ${r.seed}, ${s.days} simulated days, ${s.agents} agents, ${s.newsEvents ?? 0} labelled news items and posts.${s.trades ? '' : ' Trade prints were not written (the hourly pipeline does not need them).'}</p>
${table(['hidden regime', 'hours', 'share'], regimes)}
${table(['asset', 'latent fundamental (first hour)', 'last hour', 'change'], fund)}`;
}

function dataSection(r: MainJobResults): string {
  return `${groundTruthPart(r)}${table(
    ['kind', 'records'],
    r.sample.records.map((x) => [esc(x.kind), String(x.rows)]),
  )}<p class="muted">Source <code>${esc(r.sample.source)}</code>, venue <code>${esc(r.sample.venue)}</code>, bars ${esc(r.sample.interval)} for ${r.sample.symbols.map((s) => `<code>${esc(s)}</code>`).join(', ')}.</p>`;
}

function pricesSection(r: MainJobResults): string {
  const series = r.sample.symbols.map((s, k) => {
    const c = r.prices.close[s];
    const first = c.find((v) => Number.isFinite(v)) ?? 1;
    return {
      name: s,
      x: r.prices.ts,
      y: c.map((v) => (Number.isFinite(v) ? (100 * v) / first : Number.NaN)),
      color: colorOf(k),
    };
  });
  const last = r.sample.symbols.map((s) => {
    const c = r.prices.close[s].filter((v) => Number.isFinite(v));
    return [esc(s), num(c[0], 2), num(c[c.length - 1], 2), pct(c[c.length - 1] / c[0] - 1)];
  });
  return `${lineChart({ title: 'Close, rebased to 100 at the first bar', series, baseline: 100, height: 320 })}
${table(['symbol', 'first close', 'last close', 'change'], last)}`;
}

function factorsSection(r: MainJobResults): string {
  const rows = [...r.factors.coverage].sort((a, b) =>
    a.category === b.category ? 0 : a.category < b.category ? -1 : 1,
  );
  const symbols = r.sample.symbols;
  const map = heatmap({
    title: `Factor coverage on the ${r.factors.freq} grid (${r.factors.computed} of ${r.factors.total} computable)`,
    rows: rows.map((x) => x.id),
    groups: rows.map((x) => x.category),
    cols: symbols,
    values: rows.map((x) => symbols.map((s) => x.available[s] ?? null)),
    rowsPerPanel: Math.ceil(rows.length / 2),
  });
  const missing = rows
    .filter((x) => !x.computable)
    .map((x) => [esc(x.id), esc(x.category), esc(x.missing.join(', ') || '(no required input located)')]);
  return `<div class="scroll">${map}</div>
<details><summary>Not computable from the sample: ${missing.length} factors and their missing inputs</summary>${table(['factor', 'category', 'missing inputs'], missing, { numeric: false })}</details>`;
}

function backtestSection(r: MainJobResults): string {
  const b = r.backtest;
  const ss = b.strategies;
  const metrics = table(
    [
      'strategy',
      'ann. return',
      'ann. vol',
      'Sharpe',
      'Sharpe (no cost)',
      'Sortino',
      'Calmar',
      'max DD',
      'turnover/y',
      'hit rate',
      'PSR',
      'DSR',
      'cost drag/y',
    ],
    ss.map((s, k) => [
      `<span class="sw" style="background:${colorOf(k)}"></span>${esc(s.strategy)}`,
      pct(s.withCosts.annualReturn),
      pct(s.withCosts.annualVolatility),
      num(s.withCosts.sharpe),
      num(s.withoutCosts.sharpe),
      num(s.withCosts.sortino),
      num(s.withCosts.calmar),
      pct(s.withCosts.maxDrawdown),
      num(s.withCosts.annualTurnover, 1),
      pct(s.withCosts.hitRate),
      num(s.withCosts.probabilisticSharpe),
      num(s.withCosts.deflatedSharpe),
      pct(s.costDragAnnual),
    ]),
  );
  const equity = lineChart({
    title: 'Out-of-sample equity, net of costs (dashed: same trades without costs)',
    series: ss.flatMap((s, k) => [
      { name: s.strategy, x: s.ts, y: s.equity, color: colorOf(k) },
      {
        name: `${s.strategy} (no cost)`,
        x: s.ts,
        y: s.equityNoCost,
        color: colorOf(k),
        dash: true,
        width: 1,
        legend: false,
      },
    ]),
    baseline: 1,
    height: 340,
    yFormat: (v) => v.toFixed(2),
  });
  const dd = lineChart({
    title: 'Drawdown from the running peak (net of costs)',
    series: ss.map((s, k) => ({
      name: s.strategy,
      x: s.ts,
      y: s.drawdown,
      color: colorOf(k),
      fill: true,
      width: 1.2,
    })),
    baseline: 0,
    height: 260,
    yFormat: (v) => `${Math.round(100 * v)}%`,
  });
  const attribution = table(
    [
      'strategy',
      'price',
      'fees',
      'slippage',
      'funding',
      'borrow',
      'total',
      'folds',
      'grid points',
      'parameters chosen (per fold)',
    ],
    ss.map((s) => [
      esc(s.strategy),
      pct(s.attribution.price, 2),
      pct(s.attribution.fees, 2),
      pct(s.attribution.slippage, 2),
      pct(s.attribution.funding, 2),
      pct(s.attribution.borrow, 2),
      pct(s.attribution.total, 2),
      String(s.folds),
      String(s.nTrials),
      mostChosen(s),
    ]),
    { left: [9] },
  );
  const c = b.costs;
  return `<p>Walk-forward (${b.mode}): ${b.trainBars}-bar training window, ${b.purgeBars}-bar purge, ${b.testBars}-bar test windows; parameters chosen on each training window, traded out of sample.
Costs always on: taker fee ${c.takerFeeBps} bps, half spread ${c.halfSpreadBps} bp, ${esc(c.impact)} impact (coefficient ${c.sqrtImpactCoef}), ${c.latencyBars}-bar latency, gross leverage &le; ${c.maxGrossLeverage}.</p>
${metrics}
${equity}
${dd}
<h3>P&amp;L attribution (summed over test windows, fractions of starting cash)</h3>
${attribution}
${b.skipped.length ? `<p class="muted">Not run: ${b.skipped.map((x) => `<code>${esc(x.strategy)}</code> (${esc(x.reason)})`).join('; ')}.</p>` : ''}`;
}

function varBandChart(k: number, x: StrategyRisk): string {
  const { ts, returns, var99 } = x.charts;
  const ex: { x: number[]; y: number[] } = { x: [], y: [] };
  for (let i = 0; i < returns.length; i++)
    if (Number.isFinite(var99[i]) && returns[i] < var99[i]) {
      ex.x.push(ts[i]);
      ex.y.push(returns[i]);
    }
  const bt = x.backtests.find((b) => b.method === 'historical' && b.level === 0.99);
  return lineChart({
    title: `${x.strategy}: ${bt ? `${bt.exceedances} of ${bt.n} bars below VaR (expected ${num(bt.n * bt.alpha, 1)})` : 'returns and VaR'}`,
    series: [
      { name: 'return', x: ts, y: returns, color: '#9aa5b1' },
      { name: 'rolling 99% historical VaR', x: ts, y: var99, color: colorOf(k), width: 2 },
    ],
    bars: ['return'],
    points: { x: ex.x, y: ex.y, color: '#c0392b', name: 'exceedance' },
    width: 640,
    height: 240,
    yFormat: (v) => `${(100 * v).toFixed(1)}%`,
  });
}

function riskSection(r: MainJobResults): string {
  const rs = r.risk;
  const cell = (x: StrategyRisk, method: string, level: number, horizon: string) =>
    x.var.find((v) => v.method === method && v.level === level && v.horizon === horizon);
  const horizons = [...new Set(rs[0]?.var.map((v) => v.horizon) ?? [])];
  const varRows: string[][] = [];
  for (const x of rs) {
    for (const h of horizons) {
      const row = [esc(x.strategy), esc(h)];
      for (const level of [0.95, 0.99]) {
        for (const m of ['historical', 'student-t', 'fhs']) {
          const v = cell(x, m, level, h);
          row.push(v ? `${pct(v.var, 2)} / ${pct(v.es, 2)}` : 'n/a');
        }
      }
      varRows.push(row);
    }
  }
  const varTableHtml = table(
    ['strategy', 'horizon', '95% hist.', '95% Student-t', '95% FHS', '99% hist.', '99% Student-t', '99% FHS'],
    varRows,
  );
  const full = rs
    .map(
      (x) =>
        `<details><summary>${esc(x.strategy)}: every method, level and horizon</summary>${table(
          ['method', 'level', 'horizon', 'VaR', 'ES', 'scaling'],
          x.var.map((v) => [
            esc(v.method),
            pct(v.level, 1),
            esc(v.horizon),
            pct(v.var, 3),
            pct(v.es, 3),
            esc(v.scaling),
          ]),
        )}</details>`,
    )
    .join('');
  const btRows = rs.flatMap((x) =>
    x.backtests.map((b) => [
      esc(x.strategy),
      esc(b.method),
      pct(b.level, 0),
      String(b.window),
      `${b.exceedances} / ${b.n}`,
      `${pct(b.rate, 2)} (exp. ${pct(b.alpha, 0)})`,
      pval(b.kupiec.pValue),
      pval(b.christoffersenIndependence.pValue),
      pval(b.conditionalCoverage.pValue),
      badge(b.conditionalCoverage.pValue >= 0.05, 'pass', 'reject'),
    ]),
  );
  const colorIdx = (x: StrategyRisk) => r.backtest.strategies.findIndex((s) => s.strategy === x.strategy);
  const bands = `<div class="grid2">${rs.map((x) => varBandChart(colorIdx(x), x)).join('')}</div>`;
  const ddRows = rs.map((x) => [
    esc(x.strategy),
    pct(x.maxDrawdown.value),
    esc(x.maxDrawdown.peakDate),
    esc(x.maxDrawdown.troughDate),
    esc(x.maxDrawdown.recoveryDate ?? 'not recovered'),
    String(x.maxDrawdown.durationBars),
  ]);
  const garchRows = rs.map((x) => [
    esc(x.strategy),
    num(x.garch.omega, 5),
    num(x.garch.alpha, 3),
    num(x.garch.beta, 3),
    num(x.garch.persistence, 3),
    pct(x.garch.annualVol),
    pct(x.garch.nextDayVol, 2),
    num(x.garch.logLikelihood, 1),
  ]);
  const momRows = rs.map((x) => [
    esc(x.strategy),
    String(x.summary.n),
    pct(x.summary.mean, 3),
    pct(x.summary.std, 3),
    num(x.summary.skew),
    num(x.summary.exKurt),
    pct(x.summary.annualVol),
  ]);
  const regimeRows = rs.flatMap((x) =>
    (x.regimes?.states ?? []).map((s, i) => [
      esc(x.strategy),
      String(s.state),
      pct(s.share),
      pct(s.mean, 3),
      pct(s.vol, 3),
      pct(s.var95, 2),
      num(s.expectedDuration, 1),
      pct(x.regimes?.current[i], 0),
    ]),
  );
  const worstRows = rs.flatMap((x) =>
    x.stress.worstWindows.map((w) => [
      esc(x.strategy),
      esc(`${w.from} .. ${w.to}`),
      pct(w.totalReturn),
      pct(w.worstBar, 2),
      esc(w.worstDate),
      pct(w.maxDrawdown),
    ]),
  );
  const notes = [
    ...rs.flatMap((x) => x.notes.map((n) => `${esc(x.strategy)}: ${esc(n)}`)),
    ...r.riskSkipped.map((x) => `${esc(x.strategy)}: no risk report (${esc(x.reason)})`),
  ];
  return `<p>Risk of each strategy's out-of-sample hourly returns (net of costs). VaR and ES are returns (negative = loss) at the stated confidence.</p>
${notes.length ? `<p class="muted">Notes: ${notes.join('; ')}.</p>` : ''}
<h3>Return moments</h3>
${table(['strategy', 'bars', 'mean/bar', 'std/bar', 'skew', 'excess kurtosis', 'annual vol'], momRows)}
<h3>Value at Risk / Expected Shortfall (VaR / ES)</h3>
${varTableHtml}
${full}
<h3>Rolling VaR backtests: Kupiec POF, Christoffersen independence and conditional coverage (p-values)</h3>
${bands}
${table(['strategy', 'method', 'level', 'window', 'exceedances', 'rate', 'Kupiec p', 'Christoffersen p', 'cond. coverage p', 'at 5%'], btRows)}
<h3>Drawdown</h3>
${table(['strategy', 'max drawdown', 'peak', 'trough', 'recovery', 'longest underwater (bars)'], ddRows)}
<h3>GARCH(1,1)</h3>
${table(['strategy', 'omega (%&sup2;)', 'alpha', 'beta', 'persistence', 'annual vol', 'next-bar vol', 'log-lik.'], garchRows)}
${regimeRows.length ? `<h3>HMM regimes (2 states)</h3>${table(['strategy', 'state', 'share', 'mean/bar', 'vol/bar', 'VaR 95%', 'expected duration (bars)', 'now'], regimeRows)}` : ''}
<h3>Worst 7-day windows</h3>
${table(['strategy', 'window', 'total return', 'worst bar', 'worst bar date', 'max drawdown'], worstRows)}`;
}

function runSection(r: MainJobResults, run: RunProvenance | null): string {
  const rows = [
    ['seed', esc(String(run?.seed ?? r.seed))],
    ['cwm version', esc(run?.version ?? 'unknown')],
    ['git commit', `<code>${esc(run?.commit ?? 'unknown')}</code>`],
    ['results schema', `<code>${esc(r.schema)}</code>`],
  ];
  return `${table(['', ''], rows, { numeric: false, cls: 'kv' })}
<h3>Resolved configuration</h3>
<pre>${esc(JSON.stringify(run?.config ?? null, null, 2))}</pre>`;
}

const CSS = `
:root{--fg:#1d2330;--muted:#5b6473;--line:#e3e7ee;--bg:#fbfcfe;--accent:#0072B2}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header{background:#14213d;color:#fff;padding:28px 40px 22px}
header h1{margin:0 0 4px;font-size:26px;font-weight:650;letter-spacing:-.01em}
header p{margin:0;color:#c9d3e6;font-size:14px}
nav{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line);padding:8px 40px}
nav a{color:var(--accent);text-decoration:none;margin-right:18px;font-size:14px}
main{max-width:1240px;margin:0 auto;padding:8px 40px 60px}
section{margin-top:30px}
h2{font-size:21px;margin:0 0 10px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:22px 0 8px}
p{max-width:980px}
.muted{color:var(--muted)}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
pre{background:#f3f5f9;border:1px solid var(--line);border-radius:6px;padding:12px;overflow:auto;max-height:420px}
table{border-collapse:collapse;margin:10px 0 16px;font-size:13.5px;background:#fff}
th,td{padding:5px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#f3f5f9;font-weight:600;white-space:nowrap}
td.k{white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.kv th{display:none}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;margin:8px 0 14px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.cl{color:var(--muted);font-size:12.5px;text-transform:uppercase;letter-spacing:.04em}
.cv{font-size:22px;font-weight:650;margin:2px 0}
.cs{color:var(--muted);font-size:13px}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:7px}
.ok{color:#1e7d3a;font-weight:600}.bad{color:#b3261e;font-weight:600}
svg.chart{display:block;max-width:100%;height:auto;margin:10px 0;background:#fff;border:1px solid var(--line);border-radius:6px}
svg .ct{font-size:14px;font-weight:600;fill:var(--fg)}
svg .tick{font-size:11px;fill:var(--muted)}
svg .lg{font-size:11.5px;fill:var(--fg)}
svg .grid{stroke:#edf0f4;stroke-width:1}
svg .frame{fill:none;stroke:#cfd6e0}
svg .base{stroke:#8a94a3;stroke-width:1;stroke-dasharray:3 3}
svg .grp{font-size:11px;font-weight:600;fill:var(--accent)}
svg .rl{font-size:11px;fill:var(--fg)}
svg .sep{stroke:#dfe4ea}
svg .cv{font-size:9px;fill:#1d2330}svg .cvw{font-size:9px;fill:#fff}
svg .muted{fill:var(--muted)}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:0 16px}
.scroll{overflow-x:auto}
details{margin:6px 0}
summary{cursor:pointer;color:var(--accent)}
footer{color:var(--muted);font-size:12.5px;padding:20px 40px;border-top:1px solid var(--line)}
`;

/**
 * Renders the main job's results as one self-contained HTML page: inline CSS and SVG charts, no script, no
 * network. Sections (see {@link REPORT_SECTIONS}): summary cards, data, price series, factor coverage heatmap,
 * walk-forward backtests (metrics, equity, drawdown, attribution), risk (VaR/ES, VaR bands with Kupiec and
 * Christoffersen tests, drawdowns, GARCH, regimes, worst windows) and the run's config, seed and commit.
 */
export function renderReport(results: MainJobResults, run: RunProvenance | null = null): string {
  const r = results;
  const sections: Record<string, string> = {
    summary: summarySection(r),
    data: dataSection(r),
    prices: pricesSection(r),
    factors: factorsSection(r),
    backtest: backtestSection(r),
    risk: riskSection(r),
    run: runSection(r, run),
  };
  const nav = REPORT_SECTIONS.map(([id, title]) => `<a href="#${id}">${esc(title)}</a>`).join('');
  const body = REPORT_SECTIONS.map(
    ([id, title]) => `<section id="${id}"><h2>${esc(title)}</h2>${sections[id]}</section>`,
  ).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cwm main job report (seed ${r.seed})</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>cwm main job report</h1><p>${esc(sourceLabel(r))} &middot; ${esc(r.sample.from.slice(0, 10))} .. ${esc(r.sample.to.slice(0, 10))} &middot; commit ${esc((run?.commit ?? 'unknown').slice(0, 12))}</p></header>
<nav>${nav}</nav>
<main>
${body}
</main>
<footer>Generated by cwm ${esc(run?.version ?? '')}. Self-contained: no scripts, no network requests. Re-render with <code>cwm report &lt;runDir&gt;</code>.</footer>
</body>
</html>
`;
}
