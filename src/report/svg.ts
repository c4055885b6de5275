/**
 * Minimal SVG chart primitives for the self-contained HTML report: no library, no network, no script. Every
 * chart is a standalone `<svg>` element with a `viewBox`, so it scales with the page.
 */

/** Colour-blind-safe palette (Okabe and Ito 2008, "Color Universal Design"). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

/** Escapes text for HTML/SVG content and attribute values. */
export function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A number with at most `d` decimals and no trailing zeros (SVG coordinates). */
function c(x: number, d = 1): string {
  return Number.isFinite(x) ? String(Math.round(x * 10 ** d) / 10 ** d) : '0';
}

/**
 * About `n` "nice" tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten
 * (Heckbert 1990, "Nice numbers for graph labels", Graphics Gems).
 */
export function niceTicks(lo: number, hi: number, n = 5): number[] {
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) return [];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / Math.max(1, n);
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  const step = (m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10) * p;
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++)
    out.push(k === 0 ? 0 : Number((k * step).toPrecision(12)));
  return out;
}

/** One line of a {@link lineChart}. */
export interface Series {
  name: string;
  /** x values (UTC ms for time axes). */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  dash?: boolean;
  /** Fill the area between the line and y = 0 (drawdowns). */
  fill?: boolean;
  width?: number;
  /** Show in the legend (default true). */
  legend?: boolean;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  title: string;
  series: Series[];
  width?: number;
  height?: number;
  /** Formats y tick labels (default: 3 significant digits). */
  yFormat?: (v: number) => string;
  /** Extra markers: points drawn as small circles (e.g. VaR exceedances). */
  points?: { x: ArrayLike<number>; y: ArrayLike<number>; color: string; name: string };
  /** Draw a horizontal rule at this y (e.g. 0 or 100). */
  baseline?: number;
  /** Vertical bars from 0 instead of a line for series whose name is listed (per-bar returns). */
  bars?: string[];
}

const DAY = 86_400_000;

function dateLabel(t: number, spanMs: number): string {
  const iso = new Date(t).toISOString();
  return spanMs > 400 * DAY ? iso.slice(0, 7) : iso.slice(5, 10);
}

/** Path of a line through the finite points (gaps at non-finite values). */
function linePath(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  sx: (v: number) => number,
  sy: (v: number) => number,
): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (!Number.isFinite(y) || !Number.isFinite(xs[i])) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${c(sx(xs[i]))} ${c(sy(y))}`;
    pen = true;
  }
  return d;
}

/**
 * A time-series line chart with axes, grid, ticks and a legend, as an `<svg>` string.
 *
 * @example lineChart({ title: 'Equity', series: [{ name: 'BTC', x: ts, y: eq }] })
 */
export function lineChart(o: LineChartOptions): string {
  const W = o.width ?? 1160;
  const H = o.height ?? 300;
  const m = { l: 64, r: 16, t: 50, b: 40 };
  const fmt = o.yFormat ?? ((v: number) => String(Number(v.toPrecision(3))));
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  const scan = (xs: ArrayLike<number>, ys: ArrayLike<number>) => {
    for (let i = 0; i < xs.length; i++) {
      if (!Number.isFinite(ys[i]) || !Number.isFinite(xs[i])) continue;
      if (xs[i] < x0) x0 = xs[i];
      if (xs[i] > x1) x1 = xs[i];
      if (ys[i] < y0) y0 = ys[i];
      if (ys[i] > y1) y1 = ys[i];
    }
  };
  for (const s of o.series) scan(s.x, s.y);
  if (o.baseline !== undefined) {
    y0 = Math.min(y0, o.baseline);
    y1 = Math.max(y1, o.baseline);
  }
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(o.title)}">`,
  );
  parts.push(`<title>${esc(o.title)}</title>`);
  parts.push(`<text x="${m.l}" y="20" class="ct">${esc(o.title)}</text>`);
  if (!(x1 > x0) || !(y1 >= y0)) {
    parts.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" class="muted">no data</text></svg>`);
    return parts.join('');
  }
  if (y1 === y0) {
    y0 -= 1;
    y1 += 1;
  }
  const pad = (y1 - y0) * 0.04;
  y0 -= pad;
  y1 += pad;
  const sx = (v: number) => m.l + ((v - x0) / (x1 - x0)) * (W - m.l - m.r);
  const sy = (v: number) => H - m.b - ((v - y0) / (y1 - y0)) * (H - m.t - m.b);
  // grid and axes
  for (const v of niceTicks(y0, y1, 5)) {
    parts.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${c(sy(v))}" y2="${c(sy(v))}" class="grid"/>`);
    parts.push(
      `<text x="${m.l - 6}" y="${c(sy(v) + 4)}" text-anchor="end" class="tick">${esc(fmt(v))}</text>`,
    );
  }
  const span = x1 - x0;
  const step = span > 400 * DAY ? 90 * DAY : span > 60 * DAY ? 14 * DAY : span > 14 * DAY ? 7 * DAY : DAY;
  for (let t = Math.ceil(x0 / step) * step; t <= x1; t += step) {
    parts.push(`<line x1="${c(sx(t))}" x2="${c(sx(t))}" y1="${m.t}" y2="${H - m.b}" class="grid"/>`);
    parts.push(
      `<text x="${c(sx(t))}" y="${H - m.b + 16}" text-anchor="middle" class="tick">${dateLabel(t, span)}</text>`,
    );
  }
  parts.push(
    `<rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" class="frame"/>`,
  );
  if (o.baseline !== undefined)
    parts.push(
      `<line x1="${m.l}" x2="${W - m.r}" y1="${c(sy(o.baseline))}" y2="${c(sy(o.baseline))}" class="base"/>`,
    );
  o.series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length];
    if (o.bars?.includes(s.name)) {
      let d = '';
      const z = sy(0);
      for (let i = 0; i < s.x.length; i++)
        if (Number.isFinite(s.y[i])) d += `M${c(sx(s.x[i]))} ${c(z)}V${c(sy(s.y[i]))}`;
      parts.push(`<path d="${d}" stroke="${color}" stroke-width="1" fill="none"/>`);
      return;
    }
    const d = linePath(s.x, s.y, sx, sy);
    if (s.fill && d) {
      const z = c(sy(0));
      let first = 0;
      while (first < s.x.length && !Number.isFinite(s.y[first])) first++;
      let last = s.x.length - 1;
      while (last > first && !Number.isFinite(s.y[last])) last--;
      parts.push(
        `<path d="${d}L${c(sx(s.x[last]))} ${z}L${c(sx(s.x[first]))} ${z}Z" fill="${color}" fill-opacity="0.06" stroke="none"/>`,
      );
    }
    parts.push(
      `<path d="${d}" stroke="${color}" stroke-width="${s.width ?? 1.6}" fill="none"${s.dash ? ' stroke-dasharray="5 4"' : ''} stroke-linejoin="round"/>`,
    );
  });
  if (o.points) {
    const p = o.points;
    for (let i = 0; i < p.x.length; i++)
      if (Number.isFinite(p.y[i]))
        parts.push(`<circle cx="${c(sx(p.x[i]))}" cy="${c(sy(p.y[i]))}" r="2.6" fill="${p.color}"/>`);
  }
  // legend: one line under the title, left-aligned with the plot
  const items = [
    ...o.series
      .map((s, k) => ({
        name: s.name,
        color: s.color ?? PALETTE[k % PALETTE.length],
        dash: s.dash,
        show: s.legend !== false,
      }))
      .filter((s) => s.show),
    ...(o.points ? [{ name: o.points.name, color: o.points.color, dash: false }] : []),
  ];
  let lx = m.l;
  for (const it of items) {
    parts.push(
      `<line x1="${c(lx)}" x2="${c(lx + 18)}" y1="34" y2="34" stroke="${it.color}" stroke-width="2.5"${it.dash ? ' stroke-dasharray="4 3"' : ''}/>`,
    );
    parts.push(`<text x="${c(lx + 22)}" y="38" class="lg">${esc(it.name)}</text>`);
    lx += 40 + it.name.length * 7;
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Options of {@link heatmap}. */
export interface HeatmapOptions {
  title: string;
  rows: string[];
  /** Group label of each row (drawn where it changes), e.g. the factor category. */
  groups?: string[];
  cols: string[];
  /** values[row][col] in [0, 1], or null for "not computable" (hatched grey). */
  values: Array<Array<number | null>>;
  /** Rows per panel; panels are laid out side by side (default: all rows in one panel). */
  rowsPerPanel?: number;
}

/** Colour of a value in [0, 1]: white-ish to deep blue (sequential, perceptually ordered). */
function blue(v: number): string {
  const t = Math.max(0, Math.min(1, v));
  const r = Math.round(235 - t * (235 - 8));
  const g = Math.round(242 - t * (242 - 81));
  const b = Math.round(250 - t * (250 - 156));
  return `rgb(${r},${g},${b})`;
}

/** A row x column heatmap of fractions, as an `<svg>` string. */
export function heatmap(o: HeatmapOptions): string {
  const cell = { w: 62, h: 14 };
  const labelW = 200;
  const groupW = 104;
  const per = o.rowsPerPanel ?? o.rows.length;
  const panels = Math.max(1, Math.ceil(o.rows.length / per));
  const panelW = groupW + labelW + o.cols.length * cell.w + 24;
  const top = 58;
  const W = panels * panelW;
  const H = top + per * cell.h + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(o.title)}">`,
    `<title>${esc(o.title)}</title>`,
    `<defs><pattern id="hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="5" height="5" fill="#f1f1f1"/><line x1="0" y1="0" x2="0" y2="5" stroke="#cfcfcf" stroke-width="2"/></pattern></defs>`,
    `<text x="4" y="20" class="ct">${esc(o.title)}</text>`,
  ];
  for (let p = 0; p < panels; p++) {
    const ox = p * panelW;
    const cx0 = ox + groupW + labelW;
    o.cols.forEach((col, j) => {
      parts.push(
        `<text x="${c(cx0 + j * cell.w + cell.w / 2)}" y="${top - 8}" text-anchor="middle" class="tick">${esc(col)}</text>`,
      );
    });
    let prevGroup = '';
    for (let k = 0; k < per; k++) {
      const i = p * per + k;
      if (i >= o.rows.length) break;
      const y = top + k * cell.h;
      const g = o.groups?.[i] ?? '';
      if (g !== prevGroup) {
        parts.push(`<text x="${ox + 4}" y="${c(y + cell.h - 3)}" class="grp">${esc(g)}</text>`);
        if (k > 0)
          parts.push(
            `<line x1="${ox + 4}" x2="${c(cx0 + o.cols.length * cell.w)}" y1="${y}" y2="${y}" class="sep"/>`,
          );
        prevGroup = g;
      }
      parts.push(
        `<text x="${c(cx0 - 6)}" y="${c(y + cell.h - 3)}" text-anchor="end" class="rl">${esc(o.rows[i])}</text>`,
      );
      o.cols.forEach((_, j) => {
        const v = o.values[i][j];
        const fill = v === null ? 'url(#hatch)' : blue(v);
        const label =
          v === null
            ? `${o.rows[i]} / ${o.cols[j]}: not computable`
            : `${o.rows[i]} / ${o.cols[j]}: ${(100 * v).toFixed(1)}% available`;
        parts.push(
          `<rect x="${c(cx0 + j * cell.w + 1)}" y="${c(y + 1)}" width="${cell.w - 2}" height="${cell.h - 2}" fill="${fill}"><title>${esc(label)}</title></rect>`,
        );
        if (v !== null)
          parts.push(
            `<text x="${c(cx0 + j * cell.w + cell.w / 2)}" y="${c(y + cell.h - 3.5)}" text-anchor="middle" class="${v > 0.55 ? 'cvw' : 'cv'}">${Math.round(100 * v)}%</text>`,
          );
      });
    }
  }
  // legend
  const ly = H - 18;
  parts.push(`<text x="4" y="${ly + 10}" class="tick">available share of the grid:</text>`);
  for (let k = 0; k <= 10; k++)
    parts.push(`<rect x="${c(170 + k * 22)}" y="${ly}" width="22" height="12" fill="${blue(k / 10)}"/>`);
  parts.push(
    `<text x="170" y="${ly - 3}" class="tick">0%</text><text x="${170 + 11 * 22}" y="${ly - 3}" text-anchor="end" class="tick">100%</text>`,
  );
  parts.push(
    `<rect x="${170 + 11 * 22 + 24}" y="${ly}" width="22" height="12" fill="url(#hatch)"/><text x="${170 + 11 * 22 + 52}" y="${ly + 10}" class="tick">not computable from the sample (inputs missing)</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}
