// Public API of the report domain: the self-contained HTML report of a main-job run and its SVG charts.
export { REPORT_SECTIONS, type RunProvenance, renderReport } from './renderReport.js';
export { REPORT_FILE, readRunFolder, writeReport } from './runFolder.js';
export {
  esc,
  heatmap,
  type HeatmapOptions,
  lineChart,
  type LineChartOptions,
  niceTicks,
  PALETTE,
  type Series,
} from './svg.js';
