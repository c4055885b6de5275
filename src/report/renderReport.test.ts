import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../data/store.js';
import { RunFolderError } from '../errors/pipeline.js';
import { type MainJobResults, runMainJob } from '../pipeline/mainJob.js';
import { REPORT_SECTIONS, renderReport } from './renderReport.js';
import { readRunFolder, writeReport } from './runFolder.js';
import { heatmap, lineChart, niceTicks } from './svg.js';

const svgsOf = (html: string): string[] => html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];

describe('HTML report of a main-job run', () => {
  let dir: string;
  let results: MainJobResults;
  let html: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cwm-report-'));
    const store = await Store.open(':memory:');
    try {
      ({ results } = await runMainJob({
        store,
        outDir: dir,
        seed: 3,
        source: 'sample',
        hours: 360,
        trainBars: 96,
        testBars: 96,
        riskDraws: 400,
        writeRunInfo: (out, config, seed) => {
          const p = join(out, 'run.json');
          writeFileSync(p, JSON.stringify({ version: '9.9.9', commit: 'abc123def456', seed, config }));
          return p;
        },
      }));
    } finally {
      store.close();
    }
    html = readFileSync(writeReport(dir), 'utf8');
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has every section, the strategies, the VaR tests and the run provenance', () => {
    for (const [id, title] of REPORT_SECTIONS) {
      expect(html).toContain(`<section id="${id}"><h2>${title}</h2>`);
      expect(html).toContain(`<a href="#${id}">`);
    }
    for (const s of ['buy-and-hold', 'equal-weight', 'inverse-volatility', 'ma-crossover'])
      expect(html).toContain(s);
    expect(html).toMatch(/Kupiec p/);
    expect(html).toMatch(/Christoffersen p/);
    expect(html).toMatch(/GARCH\(1,1\)/);
    expect(html).toContain('abc123def456');
    expect(html).toContain('9.9.9');
    expect(html).toContain(`${results.factors.computed} of ${results.factors.total} computable`);
  });

  it('names the data source; a simulated world run shows its scenario and ground truth', () => {
    expect(html).toContain('Built-in sample (seed 3)');
    expect(html).not.toContain('ground truth');
    const sim = renderReport(
      {
        ...results,
        source: {
          kind: 'sim',
          scenario: 'default',
          description: 'BTC, ETH, SOL',
          days: 15,
          agents: 2100,
          trades: false,
          regimeHours: { calm_bull: 120, volatile_bear: 0, crash: 0, sideways: 240 },
          newsEvents: 17,
          fundamentals: { BTC: { first: 40_000, last: 42_000 } },
        },
      },
      null,
    );
    expect(sim).toContain('Simulated world &quot;default&quot; (seed 3, 15 days, 2100 agents)');
    expect(sim).toContain('Simulated world: ground truth');
    expect(sim).toMatch(/<td class="k">sideways<\/td><td class="n">240<\/td><td class="n">66\.7%<\/td>/);
    expect(sim).toContain('<td class="n">5.0%</td>'); // BTC fundamental 40000 -> 42000
    expect(sim).toContain('Trade prints were not written');
  });

  it('is self-contained: no script, no external resource', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/url\((?!#)/);
  });

  it('every chart is well-formed SVG with the expected shapes', () => {
    const svgs = svgsOf(html);
    // prices, factor heatmap, equity, drawdown, one VaR band per strategy
    expect(svgs.length).toBe(4 + results.risk.length);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
    for (const svg of svgs) {
      expect(XMLValidator.validate(svg)).toBe(true);
      const doc = parser.parse(svg).svg;
      expect(doc.xmlns).toBe('http://www.w3.org/2000/svg');
      expect(doc.viewBox).toMatch(/^0 0 \d+ \d+$/);
      expect(typeof doc.title).toBe('string');
    }
    const equity = parser.parse(svgs[2]).svg;
    expect(equity.title).toMatch(/equity/i);
    // a solid and a dashed (no-cost) path per strategy
    const paths = [equity.path].flat().filter((p: { d?: string }) => p.d?.startsWith('M'));
    expect(paths.length).toBe(2 * results.backtest.strategies.length);
    const heat = parser.parse(svgs[1]).svg;
    expect(heat.title).toMatch(/Factor coverage/);
    const cells = [heat.rect].flat().filter((r: { title?: string }) => typeof r.title === 'string');
    expect(cells.length).toBe(results.factors.total * results.sample.symbols.length);
  });

  it('re-renders identically from the run folder (results.json round trip)', () => {
    const { results: back, run } = readRunFolder(dir);
    expect(run?.commit).toBe('abc123def456');
    expect(renderReport(back, run)).toBe(html);
  });

  it('names the missing file or wrong schema of a bad run folder', () => {
    expect(() => readRunFolder(join(dir, 'nope'))).toThrow(RunFolderError);
    expect(() => readRunFolder(join(dir, 'nope'))).toThrow(/results\.json not found/);
    const bad = mkdtempSync(join(tmpdir(), 'cwm-report-bad-'));
    try {
      writeFileSync(join(bad, 'results.json'), '{"schema":"other"}');
      expect(() => readRunFolder(bad)).toThrow(/not a main-job result/);
      writeFileSync(join(bad, 'results.json'), '{oops');
      expect(() => readRunFolder(bad)).toThrow(/results\.json is not valid JSON/);
      // a schema-1 folder (before the simulated world was the default) reads back as a sample run
      const { source: _s, ...old } = results;
      writeFileSync(join(bad, 'results.json'), JSON.stringify({ ...old, schema: 'cwm.mainJob/1' }));
      const back = readRunFolder(bad).results;
      expect(back.schema).toBe('cwm.mainJob/2');
      expect(back.source).toEqual({ kind: 'sample' });
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});

describe('SVG primitives', () => {
  it('nice ticks are 1-2-5 steps covering the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-0.31, 0.02, 4)).toEqual([-0.3, -0.2, -0.1, 0]);
    expect(niceTicks(95, 143, 5)).toEqual([100, 110, 120, 130, 140]);
  });

  it('escapes text, leaves gaps at NaN and says so when there is no data', () => {
    const svg = lineChart({
      title: 'a < b & "c"',
      series: [{ name: 'x<y', x: [0, 1, 2, 3], y: [1, Number.NaN, 2, 3] }],
    });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('a &lt; b &amp; &quot;c&quot;');
    // the NaN splits the line into two sub-paths
    const d = /<path d="([^"]+)" stroke/.exec(svg)?.[1] ?? '';
    expect(d.match(/M/g)?.length).toBe(2);
    const empty = lineChart({ title: 'empty', series: [{ name: 's', x: [], y: [] }] });
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(empty).toContain('no data');
  });

  it('heatmap shades by value and hatches non-computable cells', () => {
    const svg = heatmap({
      title: 'h',
      rows: ['f1', 'f2'],
      cols: ['A', 'B'],
      values: [
        [0, 1],
        [null, 0.5],
      ],
    });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.match(/fill="url\(#hatch\)"><title>f2 \/ A: not computable/g)?.length).toBe(1);
    expect(svg).toContain('f1 / B: 100.0% available');
  });
});
